import { Body, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { CommandRoute, IfMatch, ApiController } from '@app/platform';
import { CompleteRemedy } from './complete-remedy/complete-remedy.command';
import { CompleteRemedyRequest } from './complete-remedy/complete-remedy.request.dto';
import { ConfirmBreach, RejectBreach } from './decide-breach/decide-breach.command';
import { ConfirmBreachRequest, RejectBreachRequest } from './decide-breach/decide-breach.request.dto';
import { PlanRemedy } from './plan-remedy/plan-remedy.command';
import { PlanRemedyRequest } from './plan-remedy/plan-remedy.request.dto';

const instant = (at?: string) => (at ? new Date(at) : undefined);

/**
 * What the unit's managers (or an admin) do with a reported breach: confirm or reject it, plan rättelse and complete
 * it. Each its own route, DTO and command; confirm, reject and complete go to the one BreachStep handler.
 */
@ApiController('breaches', 'api/breaches')
export class BreachStepsController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute(':id/confirm', 'admin', 'manager')
  confirm(@Param('id') id: string, @Body() body: ConfirmBreachRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new ConfirmBreach(id, { note: body.note, at: instant(body.at) }, user, rev));
  }

  @CommandRoute(':id/reject', 'admin', 'manager')
  reject(@Param('id') id: string, @Body() body: RejectBreachRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new RejectBreach(id, { reason: body.reason, at: instant(body.at) }, user, rev));
  }

  /** A rättelse action on a confirmed breach (201: a remedy is created). */
  @Post(':id/remedies')
  @Roles('admin', 'manager')
  plan(@Param('id') id: string, @Body() body: PlanRemedyRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    const { action, responsible, dueOn } = body;
    return this.commands.execute(new PlanRemedy(id, { action, responsible, dueOn, at: instant(body.at) }, user, rev));
  }

  @CommandRoute(':id/remedies/:remedyId/complete', 'admin', 'manager')
  complete(
    @Param('id') id: string,
    @Param('remedyId') remedyId: string,
    @Body() body: CompleteRemedyRequest,
    @CurrentUser() user: Principal,
    @IfMatch() rev?: bigint,
  ) {
    const { outcome, complainantInformed } = body;
    return this.commands.execute(
      new CompleteRemedy(id, { remedyId, completedAt: instant(body.completedAt), outcome, complainantInformed }, user, rev),
    );
  }
}
