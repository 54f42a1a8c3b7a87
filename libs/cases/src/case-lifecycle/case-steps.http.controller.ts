import { Body, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Role } from '@app/auth';
import { CommandRoute, IfMatch, ApiController } from '@app/platform';
import { AcknowledgeCase } from '../acknowledge-case/acknowledge-case.command';
import { AcknowledgeCaseRequest } from '../acknowledge-case/acknowledge-case.request.dto';
import { AssignCase } from '../assign-case/assign-case.command';
import { AssignCaseRequest } from '../assign-case/assign-case.request.dto';
import { AwaitComplainant } from '../await-complainant/await-complainant.command';
import { AwaitComplainantRequest } from '../await-complainant/await-complainant.request.dto';
import { CloseCase } from '../close-case/close-case.command';
import { CloseCaseRequest } from '../close-case/close-case.request.dto';
import { SendDelayNotice } from '../delay-notice/delay-notice.command';
import { SendDelayNoticeRequest } from '../delay-notice/delay-notice.request.dto';
import { MergeCase } from '../merge-case/merge-case.command';
import { MergeCaseRequest } from '../merge-case/merge-case.request.dto';
import { ReopenCase } from '../reopen-case/reopen-case.command';
import { ReopenCaseRequest } from '../reopen-case/reopen-case.request.dto';
import { RespondCase } from '../respond-case/respond-case.command';
import { RespondCaseRequest } from '../respond-case/respond-case.request.dto';
import { ResumeCase } from '../resume-case/resume-case.command';
import { ResumeCaseRequest } from '../resume-case/resume-case.request.dto';
import { TransferCase } from '../transfer-case/transfer-case.command';
import { TransferCaseRequest } from '../transfer-case/transfer-case.request.dto';
import { UnmergeCase } from '../unmerge-case/unmerge-case.command';
import { UnmergeCaseRequest } from '../unmerge-case/unmerge-case.request.dto';
import { RecategoriseCase } from '../recategorise-case/recategorise-case.command';
import { RecategoriseCaseRequest } from '../recategorise-case/recategorise-case.request.dto';
import { stepBy } from './business-time.request.dto';

/** `POST /api/cases/{id}/<step>`, answered 200 with the case, for these roles (the unit's managers and admins by default). */
const Step = (step: string, ...roles: Role[]) => CommandRoute(`:id/${step}`, ...(roles.length ? roles : (['manager', 'admin'] as Role[])));

/**
 * The eleven lifecycle steps of a case: each its own route, request DTO, role rule and command (in its use-case
 * folder), all one shape, so one controller serves them. Every command goes to the one CaseStep handler.
 */
@ApiController('cases', 'api/cases')
export class CaseStepsController {
  constructor(private readonly commands: CommandBus) {}

  @Step('acknowledge')
  acknowledge(@Param('id') id: string, @Body() body: AcknowledgeCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new AcknowledgeCase(stepBy(id, body, user, rev), { send: body.send, message: body.message }));
  }

  @Step('assign')
  assign(@Param('id') id: string, @Body() body: AssignCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new AssignCase(stepBy(id, body, user, rev), { assignee: body.assignee }));
  }

  /** Intake routes cases too. */
  @Step('transfer', 'manager', 'admin', 'intake')
  transfer(@Param('id') id: string, @Body() body: TransferCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new TransferCase(stepBy(id, body, user, rev), { toUnitId: body.toUnitId, reason: body.reason }));
  }

  @Step('await-complainant')
  awaitComplainant(
    @Param('id') id: string,
    @Body() body: AwaitComplainantRequest,
    @CurrentUser() user: Principal,
    @IfMatch() rev?: bigint,
  ) {
    const question = { question: body.question, send: body.send };
    return this.commands.execute(new AwaitComplainant(stepBy(id, body, user, rev), question));
  }

  @Step('resume')
  resume(@Param('id') id: string, @Body() body: ResumeCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new ResumeCase(stepBy(id, body, user, rev)));
  }

  @Step('respond')
  respond(@Param('id') id: string, @Body() body: RespondCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    const response = { message: body.message, outcome: body.outcome, send: body.send };
    return this.commands.execute(new RespondCase(stepBy(id, body, user, rev), response));
  }

  @Step('delay-notice')
  delayNotice(@Param('id') id: string, @Body() body: SendDelayNoticeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    const notice = { reason: body.reason, newRespondBy: body.newRespondBy, send: body.send };
    return this.commands.execute(new SendDelayNotice(stepBy(id, body, user, rev), notice));
  }

  @Step('close')
  close(@Param('id') id: string, @Body() body: CloseCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new CloseCase(stepBy(id, body, user, rev), { resolution: body.resolution, note: body.note }));
  }

  @Step('reopen')
  reopen(@Param('id') id: string, @Body() body: ReopenCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new ReopenCase(stepBy(id, body, user, rev), { reason: body.reason }));
  }

  @Step('merge')
  merge(@Param('id') id: string, @Body() body: MergeCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new MergeCase(stepBy(id, body, user, rev), { intoCaseId: body.intoCaseId }));
  }

  /** Not a step in the handling but recorded on the case all the same (it never moves the business clock); figures follow. */
  @Step('recategorise')
  recategorise(@Param('id') id: string, @Body() body: RecategoriseCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new RecategoriseCase({ caseId: id, user, expectedRevision: rev }, body.category));
  }

  @Step('unmerge')
  unmerge(@Param('id') id: string, @Body() body: UnmergeCaseRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new UnmergeCase(stepBy(id, body, user, rev)));
  }
}
