import { ApiController } from '@app/platform';
import { Body, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { ReportBreach } from './report-breach.command';
import { ReportBreachRequest } from './report-breach.request.dto';

@ApiController('breaches', 'api/breaches')
export class ReportBreachController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin', 'manager')
  report(@Body() body: ReportBreachRequest, @CurrentUser() user: Principal) {
    const { guaranteeId, commitmentId, occurredAt, description, caseId } = body;
    return this.commands.execute(
      new ReportBreach({ guaranteeId, commitmentId, occurredAt: new Date(occurredAt), description, caseId }, user),
    );
  }
}
