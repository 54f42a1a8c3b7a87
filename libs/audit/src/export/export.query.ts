import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { auditEventView } from '../audit-events/audit-event.view';
import { CaseDisclosures } from '../disclosures/case-disclosures';

export const EXPORT_PAGE = 2000;

/**
 * One page of the NDJSON export after a position. Personal data stays sealed (ciphertext) unless `plaintext`: the
 * sealed form is what an import reproduces hash for hash. A plaintext page logs a disclosure of each confidential case
 * before its text goes out (`disclosed` spans the pages of one export), unless the client went away meanwhile (`signal`).
 */
export class ReadExportPage {
  constructor(
    readonly after: bigint | undefined,
    readonly plaintext: boolean,
    readonly user: Principal,
    readonly disclosed: Set<string>,
    readonly signal: AbortSignal,
  ) {}
}

/** The page as NDJSON lines and the position to continue after; none when the log ends there or the client left. */
export type ExportPage = { ndjson: string; last: bigint } | undefined;

@QueryHandler(ReadExportPage)
export class ReadExportPageHandler implements IQueryHandler<ReadExportPage, ExportPage> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly disclosures: CaseDisclosures,
  ) {}

  async execute({ after, plaintext, user, disclosed, signal }: ReadExportPage): Promise<ExportPage> {
    const page = await this.store.readAll({ after, limit: EXPORT_PAGE, raw: !plaintext });
    if (!page.length || signal.aborted) return undefined;
    if (plaintext) await this.disclosures.forEvents(user, page, disclosed);
    if (signal.aborted) return undefined;
    return { ndjson: page.map((e) => JSON.stringify(auditEventView(e))).join('\n') + '\n', last: page[page.length - 1].position };
  }
}
