import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { CompleteRemedy } from './complete-remedy.command';
import { CompleteRemedyRequest } from './complete-remedy.request.dto';

@ApiTags('breaches')
@ApiBearerAuth()
@Controller('api/breaches')
export class CompleteRemedyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/remedies/:remedyId/complete')
  @HttpCode(200)
  @Roles('admin', 'manager')
  complete(
    @Param('id') id: string,
    @Param('remedyId') remedyId: string,
    @Body() body: CompleteRemedyRequest,
    @CurrentUser() user: Principal,
    @IfMatch() rev?: bigint,
  ) {
    const { outcome, complainantInformed } = body;
    const completedAt = body.completedAt ? new Date(body.completedAt) : undefined;
    return this.commands.execute(new CompleteRemedy(id, { remedyId, completedAt, outcome, complainantInformed }, user, rev));
  }
}
