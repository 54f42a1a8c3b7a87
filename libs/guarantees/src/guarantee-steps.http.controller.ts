import { Body, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal } from '@app/auth';
import { CommandRoute, IfMatch, ApiController } from '@app/platform';
import { AdoptGuarantee } from './adopt-guarantee/adopt-guarantee.command';
import { AdoptGuaranteeRequest } from './adopt-guarantee/adopt-guarantee.request.dto';
import { contentOf } from './draft-guarantee/guarantee-content.request.dto';
import { ReviseGuarantee } from './revise-guarantee/revise-guarantee.command';
import { ReviseGuaranteeRequest } from './revise-guarantee/revise-guarantee.request.dto';
import { WithdrawGuarantee } from './withdraw-guarantee/withdraw-guarantee.command';
import { WithdrawGuaranteeRequest } from './withdraw-guarantee/withdraw-guarantee.request.dto';

/** The steps of a guarantee after its draft, each its own route, DTO, role rule and command; one GuaranteeStep handler. */
@ApiController('guarantees', 'api/guarantees')
export class GuaranteeStepsController {
  constructor(private readonly commands: CommandBus) {}

  /** A new draft version (or a changed draft); the adopted version stays as it was. */
  @CommandRoute(':id/revise', 'admin', 'manager')
  revise(@Param('id') id: string, @Body() body: ReviseGuaranteeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new ReviseGuarantee(id, { content: contentOf(body) }, user, rev));
  }

  /** The board's decision; only an administrator records it. */
  @CommandRoute(':id/adopt', 'admin')
  adopt(@Param('id') id: string, @Body() body: AdoptGuaranteeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new AdoptGuarantee(id, { decidedOn: body.decidedOn, decisionRef: body.decisionRef }, user, rev));
  }

  @CommandRoute(':id/withdraw', 'admin')
  withdraw(@Param('id') id: string, @Body() body: WithdrawGuaranteeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new WithdrawGuarantee(id, { reason: body.reason }, user, rev));
  }
}
