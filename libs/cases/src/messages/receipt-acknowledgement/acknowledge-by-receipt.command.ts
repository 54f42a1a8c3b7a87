/** The outbox sent the case's receipt at `sentAt`: the case is acknowledged by the system then, unless it already is. */
export class AcknowledgeByReceipt {
  constructor(
    readonly caseId: string,
    readonly sentAt: Date,
    readonly metadata: { correlationId?: string; causationId?: string } = {},
  ) {}
}
