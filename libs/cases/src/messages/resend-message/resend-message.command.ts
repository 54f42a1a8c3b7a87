import type { Principal } from '@app/auth';
import type { SendOption } from '../../case.events';

/** Sends a message again, to the submitter's contact details as they are now (after a correction): the unit's managers, admin. */
export class ResendMessage {
  constructor(
    readonly caseId: string,
    readonly messageId: string,
    readonly send: SendOption | undefined,
    readonly user: Principal,
    readonly expectedRevision?: bigint,
  ) {}
}
