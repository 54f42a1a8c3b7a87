import type { Principal } from '@app/auth';
import type { MessageKind } from '../case.events';

type Correlation = { correlationId?: string; causationId?: string };

/** Which message, of which case and unit, of which kind (the delivery events carry them for the read models). */
export interface MessageRef {
  caseId: string;
  messageId: string;
  unitId: string;
  kind: MessageKind;
}

/**
 * Takes a due message for sending; answers the attempt this sender got, or false (another holds it, it is not due,
 * it is done, or it was too old to send and is failed instead). `queuedAt`: when it was queued (its age).
 */
export class ClaimMessage {
  constructor(
    readonly message: MessageRef & { queuedAt?: string },
    readonly user: Principal,
    readonly metadata: Correlation = {},
  ) {}
}

/**
 * Records how an attempt went: accepted by the mail server (its Message-ID), or failed and why (`permanent`: refused
 * for good, with a 5xx reply).
 */
export class RecordDelivery {
  constructor(
    readonly message: MessageRef,
    readonly attempt: number,
    readonly outcome: { smtpMessageId: string } | { error: string; permanent?: boolean },
    readonly user: Principal,
    readonly metadata: Correlation = {},
  ) {}
}
