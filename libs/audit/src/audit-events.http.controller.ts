import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { auditEventView } from './audit-event.view';
import { CaseDisclosures } from './case-disclosures';
import { AuditEventsQuery, ExportQuery } from './audit.request.dto';

const after = (fromPosition?: string) => (fromPosition && BigInt(fromPosition) > 0n ? BigInt(fromPosition) - 1n : undefined);

/** The record itself, read-only, for auditors and administrators. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('api/audit')
export class AuditEventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly disclosures: CaseDisclosures,
  ) {}

  @Get('events')
  async events(@Query() q: AuditEventsQuery, @CurrentUser() user: Principal) {
    const limit = q.limit ?? 100;
    const events = await this.store.readAll({
      after: after(q.fromPosition),
      limit,
      types: q.type ? [q.type] : undefined,
      streamPrefix: q.streamPrefix,
    });
    await this.disclosures.forEvents(user, events);
    const last = events[events.length - 1];
    return {
      events: events.map(auditEventView),
      nextPosition: last ? Number(last.position) + 1 : q.fromPosition ? Number(q.fromPosition) : 1,
    };
  }

  @Get('streams/:streamId')
  async stream(@Param('streamId') streamId: string, @CurrentUser() user: Principal) {
    const events = await this.store.readStream(streamId);
    if (!events.length) throw new NotFoundError('stream', streamId);
    await this.disclosures.forEvents(user, events);
    return { streamId, revision: Number(events[events.length - 1].revision), events: events.map(auditEventView) };
  }

  /** Exports being streamed right now; one whose client went away is no longer counted (see `export`). */
  openExports = 0;

  /**
   * NDJSON, one event per line in log order, resumable from any position. Personal data stays sealed (ciphertext)
   * unless plaintext=true: the sealed form is what an import reproduces hash for hash. A plaintext export logs a
   * disclosure of each confidential case before its text goes out. A client that goes away (the response closes)
   * ends the export before the next page: a write to it would wait for a drain that never comes.
   */
  @Get('export')
  @ApiProduces('application/x-ndjson')
  async export(@Query() q: ExportQuery, @CurrentUser() user: Principal, @Res() res: Response): Promise<void> {
    let closed = false;
    const onClose = () => void (closed = true);
    const gone = () => closed || res.destroyed || !!res.socket?.destroyed;
    res.once('close', onClose);
    this.openExports++;
    try {
      res.status(200).type('application/x-ndjson');
      const plaintext = q.plaintext === 'true';
      const disclosed = new Set<string>();
      let position = after(q.fromPosition);
      while (!gone()) {
        const page = await this.store.readAll({ after: position, limit: 2000, raw: !plaintext });
        if (!page.length || gone()) break;
        if (plaintext) await this.disclosures.forEvents(user, page, disclosed);
        if (gone()) break;
        const chunk = page.map((e) => JSON.stringify(auditEventView(e))).join('\n') + '\n';
        if (!res.write(chunk) && !gone()) await drainOrClose(res);
        position = page[page.length - 1].position;
      }
      if (!gone()) res.end();
    } finally {
      res.off('close', onClose);
      this.openExports--;
    }
  }
}

/** Resolves when the response can take more, or when it closed (and never will). */
function drainOrClose(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
