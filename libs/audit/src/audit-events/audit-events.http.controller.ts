import { ApiController } from '@app/platform';
import { Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { ExportPage, ReadExportPage } from '../export/export.query';
import { ExportQuery } from '../export/export.request.dto';
import { FindStart, GetAuditStream, ListAuditEvents } from './audit-events.query';
import { AuditEventsQuery } from './audit-events.request.dto';

/** The record itself, read-only, for auditors and administrators. */
@ApiController('audit', 'api/audit')
@Roles('auditor', 'admin')
export class AuditEventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  events(@Query() q: AuditEventsQuery, @CurrentUser() user: Principal) {
    const { fromPosition, after, limit, type, streamPrefix } = q;
    return this.queries.execute(new ListAuditEvents({ fromPosition, after, limit, type, streamPrefix }, user));
  }

  @Get('streams/:streamId')
  stream(@Param('streamId') streamId: string, @CurrentUser() user: Principal) {
    return this.queries.execute(new GetAuditStream(streamId, user));
  }

  /** Exports being streamed right now; one whose client went away is no longer counted (see `export`). */
  openExports = 0;

  /**
   * NDJSON, one event per line in log order, resumable from any position (see ReadExportPage). A client that goes
   * away (the response closes) ends the export before the next page: a write to it would wait for a drain that never comes.
   */
  @Get('export')
  @ApiProduces('application/x-ndjson')
  async export(@Query() q: ExportQuery, @CurrentUser() user: Principal, @Res() res: Response): Promise<void> {
    const left = new AbortController();
    const onClose = () => left.abort();
    const gone = () => left.signal.aborted || res.destroyed || !!res.socket?.destroyed;
    let position: bigint | undefined = await this.queries.execute(new FindStart({ fromPosition: q.fromPosition, after: q.after }));
    res.once('close', onClose);
    this.openExports++;
    try {
      res.status(200).type('application/x-ndjson');
      const plaintext = q.plaintext === 'true';
      const disclosed = new Set<string>();
      while (!gone()) {
        const page: ExportPage = await this.queries.execute(new ReadExportPage(position, plaintext, user, disclosed, left.signal));
        if (!page || gone()) break;
        if (!res.write(page.ndjson) && !gone()) await drainOrClose(res);
        position = page.last;
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
