import type { Principal } from '@app/auth';

/**
 * The response of the case a duplicate was merged into, queued for the duplicate's own submitter (at most once).
 * `confidential`: whether the response was queued as confidential (the copy is then confidential too).
 */
export class ForwardResponse {
  constructor(
    readonly duplicateCaseId: string,
    readonly of: { caseId: string; reference: string; messageId: string },
    readonly text: string,
    readonly user: Principal,
    readonly metadata: { correlationId?: string; causationId?: string } = {},
    readonly confidential = false,
  ) {}
}
