import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { stepBy } from '../case-lifecycle/business-time.request.dto';
import { AwaitComplainant } from './await-complainant.command';
import { AwaitComplainantRequest } from './await-complainant.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class AwaitComplainantController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/await-complainant')
  @HttpCode(200)
  @Roles('manager', 'admin')
  awaitComplainant(
    @Param('id') id: string,
    @Body() body: AwaitComplainantRequest,
    @CurrentUser() user: Principal,
    @IfMatch() rev?: bigint,
  ) {
    return this.commands.execute(new AwaitComplainant(stepBy(id, body, user, rev), { question: body.question }));
  }
}
