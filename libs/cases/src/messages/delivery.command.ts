import type { Principal } from '@app/auth';

type Correlation = { correlationId?: string; causationId?: string };

/** Takes a queued message for sending; answers whether this sender got it (false: another took it, or it is done). */
export class ClaimMessage {
  constructor(
    readonly caseId: string,
    readonly messageId: string,
    readonly user: Principal,
    readonly metadata: Correlation = {},
  ) {}
}

/** Records how sending a claimed message went: accepted by the mail server (its Message-ID), or failed and why. */
export class RecordDelivery {
  constructor(
    readonly caseId: string,
    readonly messageId: string,
    readonly outcome: { smtpMessageId: string } | { error: string },
    readonly user: Principal,
    readonly metadata: Correlation = {},
  ) {}
}
