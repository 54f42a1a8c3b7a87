import type { Principal } from '@app/auth';

/** A unit's manager printed a letter to the submitter (and posts it): the print queue lets it go. */
export class MarkMessagePrinted {
  constructor(
    readonly caseId: string,
    readonly messageId: string,
    readonly user: Principal,
  ) {}
}
