import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { stepBy } from '../case-lifecycle/business-time.request.dto';
import { RespondCase } from './respond-case.command';
import { RespondCaseRequest } from './respond-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class RespondCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/respond')
  @HttpCode(200)
  @Roles('manager', 'admin')
  respond(@Param('id') id: string, @Body() body: RespondCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new RespondCase(stepBy(id, body, user, rev), { message: body.message, outcome: body.outcome }));
  }
}
