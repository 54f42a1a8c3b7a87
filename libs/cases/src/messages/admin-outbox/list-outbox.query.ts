import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertMaySeeUnit, Principal, unitsVisibleTo } from '@app/auth';
import { ProjectionsHost, SqlFilter } from '@app/platform';
import type { OutboxRow } from '../outbox.projection';
import type { OutboxFilter } from './list-outbox.request.dto';

/** The outbox a page at a time, oldest first: an administrator's whole outbox, a manager's their units'. */
export class ListOutbox {
  constructor(
    readonly filter: { status?: OutboxFilter; unitId?: string; page: number; pageSize: number },
    readonly user: Principal,
  ) {}
}

@QueryHandler(ListOutbox)
export class ListOutboxHandler implements IQueryHandler<ListOutbox> {
  constructor(private readonly host: ProjectionsHost) {}

  async execute({ filter: q, user }: ListOutbox) {
    // The route admits admins, auditors (every unit's messages) and managers (their units', '*' = all) only.
    if (q.unitId) assertMaySeeUnit(user, q.unitId);
    const units = unitsVisibleTo(user);
    const f = new SqlFilter().eq('status', q.status).eq('unit_id', q.unitId);
    if (units) f.in('unit_id', units);
    const total = this.host.readModels.get<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox ${f.where}`, ...f.params)!.n;
    const rows = this.host.readModels.all<OutboxRow>(
      `SELECT * FROM outbox ${f.where} ORDER BY queued_at, message_id LIMIT ? OFFSET ?`,
      ...f.params,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { page: q.page, pageSize: q.pageSize, total, messages: rows.map(outboxItem) };
  }
}

/** No text and no recipient: those are the case's, for its readers (GET /api/cases/{id}/messages/{messageId}). */
export const outboxItem = (r: OutboxRow) => ({
  messageId: r.message_id,
  caseId: r.case_id,
  reference: r.reference,
  ...(r.unit_id ? { unitId: r.unit_id } : {}),
  kind: r.kind,
  channel: r.channel,
  status: r.status,
  attempts: r.attempts,
  queuedAt: r.queued_at,
  ...(r.sent_at ? { sentAt: r.sent_at } : {}),
  ...(r.status === 'queued' && r.next_attempt_at ? { nextAttemptAt: r.next_attempt_at } : {}),
  updatedAt: r.updated_at,
});
