import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { stepBy } from '../case-lifecycle/business-time.request.dto';
import { AssignCase } from './assign-case.command';
import { AssignCaseRequest } from './assign-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class AssignCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('manager', 'admin')
  assign(@Param('id') id: string, @Body() body: AssignCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new AssignCase(stepBy(id, body, user, rev), { assignee: body.assignee }));
  }
}
