import type { ChartKit, DashboardData, OverdueCase } from './dashboard-render';

/*
 * The drill-down: the cases (or breaches) behind a tile, and the overdue list. Runs in the browser as well
 * (see dashboard-render.ts). Nothing here shows personal data: the APIs it draws from give none.
 */

/** A case as GET /api/cases and GET /api/dashboard/cases list it. */
export interface DrillCase {
  reference: string;
  unitId: string;
  type: string;
  category?: string;
  status: string;
  receivedAt: string;
  acknowledgeBy: string;
  acknowledgedAt?: string;
  respondBy: string;
  respondedAt?: string;
  /** Only for an on-time figure: whether the step counted as on time. */
  onTime?: boolean;
}

/** A message that did not reach its submitter, as GET /api/admin/outbox lists it: ids, kinds and times only. */
export interface DrillMessage {
  reference: string;
  unitId?: string;
  kind: string;
  channel: string;
  queuedAt: string;
  updatedAt: string;
  attempts: number;
}

/** A breach as GET /api/breaches lists it. */
export interface DrillBreach {
  id: string;
  status: string;
  unitId: string;
  guaranteeId: string;
  commitmentId: string;
  occurredAt: string;
  overdueRemedies: number;
}

export interface DrillContext {
  title: string;
  /** How many there are; more than listed when the API capped the list. */
  total: number;
  unitNames: Record<string, string>;
  /** The managed categories' labels by id: a case records an id (or, from before the list, its own text). */
  categoryLabels: Record<string, string>;
  /** The scope covers more than one unit: list the unit of each row. */
  many: boolean;
  /** For an on-time figure, the column heading of its on-time mark. */
  onTime?: string;
}

export function drillFrame(x: DrillContext, shown: number, what: string, table: string, c: ChartKit): string {
  const count = x.total === shown ? `${x.total} ${what}.` : `Visar ${shown} av ${x.total} ${what}.`;
  return (
    `<h2 id="drill-title" tabindex="-1">${c.esc(x.title)}</h2><p class="drill-count">${count}</p>${shown ? table : ''}` +
    `<p><button type="button" id="drill-close">Stäng listan</button></p>`
  );
}

export function drillCases(cases: DrillCase[], x: DrillContext, c: ChartKit): string {
  const step = (done: string | undefined, by: string) =>
    `<td>${done ? c.day(done) : 'Inte gjort'}<span class="muted"> (senast ${c.day(by)})</span></td>`;
  const rows = cases.map(
    (k) =>
      `<tr><th scope="row">${c.esc(k.reference)}</th>${x.many ? `<td>${c.esc(x.unitNames[k.unitId] ?? k.unitId)}</td>` : ''}` +
      `<td>${c.esc(c.caseTypeName(k.type))}</td><td>${k.category ? c.esc(x.categoryLabels[k.category] ?? k.category) : '–'}</td><td>${c.day(k.receivedAt)}</td>` +
      `${step(k.acknowledgedAt, k.acknowledgeBy)}${step(k.respondedAt, k.respondBy)}<td>${c.esc(c.statusName(k.status))}</td>` +
      `${x.onTime ? `<td>${k.onTime ? 'Ja' : '<strong>Nej</strong>'}</td>` : ''}</tr>`,
  );
  const head = [
    'Ärende',
    ...(x.many ? ['Enhet'] : []),
    'Typ',
    'Kategori',
    'Inkom',
    'Kvittens',
    'Svar',
    'Status',
    ...(x.onTime ? [x.onTime] : []),
  ];
  const table =
    `<table class="drill-cases" aria-labelledby="drill-title"><thead><tr>${head.map((h) => `<th scope="col">${c.esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`;
  return drillFrame(x, cases.length, x.total === 1 ? 'ärende' : 'ärenden', table, c);
}

export function messageKindName(kind: string): string {
  const names: Record<string, string> = { receipt: 'Kvittens', question: 'Fråga', delay_notice: 'Förseningsbesked', response: 'Svar' };
  return names[kind] ?? kind;
}

/** The messages behind the tile "meddelanden som inte kommit fram": which case, what, when, after how many attempts. */
export function drillMessages(messages: DrillMessage[], x: DrillContext, c: ChartKit): string {
  const rows = messages.map(
    (m) =>
      `<tr><th scope="row">${c.esc(m.reference)}</th>${x.many ? `<td>${c.esc(x.unitNames[m.unitId ?? ''] ?? m.unitId ?? '–')}</td>` : ''}` +
      `<td>${c.esc(c.messageKindName(m.kind))}</td><td>${c.day(m.queuedAt)}</td><td>${c.day(m.updatedAt)}</td><td class="num">${m.attempts}</td></tr>`,
  );
  const head = ['Ärende', ...(x.many ? ['Enhet'] : []), 'Meddelande', 'Köat', 'Misslyckades', 'Försök'];
  const table =
    `<table class="drill-messages" aria-labelledby="drill-title"><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`;
  return drillFrame(x, messages.length, x.total === 1 ? 'meddelande' : 'meddelanden', table, c);
}

/** `texts`: each commitment's text by guaranteeId/commitmentId. */
export function drillBreaches(breaches: DrillBreach[], texts: Record<string, string>, x: DrillContext, c: ChartKit): string {
  const rows = breaches.map(
    (b) =>
      `<tr><td>${c.esc(texts[`${b.guaranteeId}/${b.commitmentId}`] ?? b.commitmentId)}</td>` +
      `${x.many ? `<td>${c.esc(x.unitNames[b.unitId] ?? b.unitId)}</td>` : ''}<td>${c.day(b.occurredAt)}</td>` +
      `<td>${c.esc(c.statusName(b.status))}</td><td class="num">${b.overdueRemedies}</td></tr>`,
  );
  const head = ['Åtagande', ...(x.many ? ['Enhet'] : []), 'Inträffade', 'Status', 'Försenade åtgärder'];
  const table =
    `<table class="drill-breaches" aria-labelledby="drill-title"><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`;
  return drillFrame(x, breaches.length, 'garantibrott', table, c);
}

export function overdueSection(d: DashboardData, c: ChartKit): string {
  const head = `<article class="card"><h2>Försenade ärenden</h2>`;
  if (!d.overdueCases.length) return `${head}<p>Inga ärenden är försenade.</p></article>`;
  const deadline = (x: OverdueCase) => (x.overdue.acknowledge ? x.acknowledgeBy : x.respondBy);
  const list = [...d.overdueCases].sort((a, b) => deadline(a).localeCompare(deadline(b)));
  const what = (x: OverdueCase) => [x.overdue.acknowledge ? 'kvittens' : '', x.overdue.respond ? 'svar' : ''].filter(Boolean).join(' och ');
  const rows = list
    .slice(0, 25)
    .map(
      (x) =>
        `<tr><td>${c.esc(x.reference)}</td><td>${c.esc(d.unitNames[x.unitId] ?? x.unitId)}</td><td>${c.esc(c.caseTypeName(x.type))}</td>` +
        `<td>${c.day(x.receivedAt)}</td><td>${c.esc(what(x))}</td><td>${c.day(deadline(x))}</td></tr>`,
    );
  const more = list.length > 25 ? `<p class="muted">… och ${list.length - 25} till.</p>` : '';
  return (
    `${head}<table class="overdue"><thead><tr><th scope="col">Ärende</th><th scope="col">Enhet</th><th scope="col">Typ</th><th scope="col">Inkom</th>` +
    `<th scope="col">Saknas</th><th scope="col">Tidsgräns</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}</article>`
  );
}
