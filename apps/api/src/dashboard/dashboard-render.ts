import type { CommitmentFigures, Figures } from '@app/follow-up';
import type * as Charts from './dashboard-charts';
import type { MonthShares, ShareCount } from './dashboard-charts';

/*
 * The dashboard's HTML from the figures the page fetched. Runs in the browser as well (see dashboard-script.ts):
 * the chart functions come in as a parameter, never as an import, so the source stands on its own there.
 */

export interface OverdueCase {
  reference: string;
  unitId: string;
  type: string;
  receivedAt: string;
  acknowledgeBy: string;
  respondBy: string;
  overdue: { acknowledge: boolean; respond: boolean };
}

/** A commitment's figures as /api/dashboard/commitments gives them, with the commitment's text. */
export interface CommitmentRow extends CommitmentFigures {
  text: string;
}

/** The yearly report's figures the dashboard shows, for the scope and per unit. */
export type YearFigures = Pick<
  Figures,
  'acknowledgedOnTime' | 'respondedOnTime' | 'commitments' | 'commitmentsKept' | 'fulfilment' | 'breaches' | 'remedies'
>;

export interface UnitRow extends YearFigures {
  unitId: string;
  unitName: string;
}

export interface DashboardData {
  year: number;
  asOf: string;
  /** What the figures cover, e.g. a unit's or a department's name. */
  scope: string;
  open: number;
  overdue: number;
  overdueCases: OverdueCase[];
  totals: YearFigures;
  units: UnitRow[];
  unitNames: Record<string, string>;
  months: MonthShares[];
  commitments: CommitmentRow[];
}

export type ChartKit = Pick<typeof Charts, 'esc' | 'pct' | 'monthChart' | 'fulfilmentDonut' | 'stackBar' | 'shareBar'>;

/** A date (YYYY-MM-DD) in Stockholm time. */
export function day(instant: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

export function caseTypeName(type: string): string {
  const names: Record<string, string> = { complaint: 'Klagomål', opinion: 'Synpunkt', praise: 'Beröm', idea: 'Idé' };
  return names[type] ?? type;
}

export function renderDashboard(d: DashboardData, c: ChartKit): string {
  const t = d.totals;
  const tile = (key: string, title: string, value: string | number, note: string, warn = false) =>
    `<div class="tile${warn ? ' warn' : ''}" data-figure="${key}"><div class="tile-title">${c.esc(title)}</div>` +
    `<div class="tile-value">${c.esc(value)}</div><div class="tile-note">${c.esc(note)}</div></div>`;
  const ratio = (r: ShareCount) => `${r.count} av ${r.of} under ${d.year}`;
  const overdueRemedies = d.commitments.reduce((n, r) => n + r.remedies.overdue, 0);
  const tiles = [
    tile('open', 'Öppna ärenden', d.open, 'inte avslutade, just nu'),
    tile('overdue', 'Försenade ärenden', d.overdue, 'kvittens eller svar efter tidsgränsen', d.overdue > 0),
    tile('acknowledged', 'Kvitterade i tid', c.pct(t.acknowledgedOnTime.share), ratio(t.acknowledgedOnTime)),
    tile('responded', 'Besvarade i tid', c.pct(t.respondedOnTime.share), ratio(t.respondedOnTime)),
    tile('fulfilment', 'Uppfyllelse', c.pct(t.fulfilment), `${t.commitmentsKept} av ${t.commitments} åtaganden hållna`),
    tile('breaches', 'Garantibrott', t.breaches.confirmed, `bekräftade; ${t.breaches.reported} anmälda, ${t.breaches.rejected} avvisade`),
    tile(
      'remedies',
      'Försenad rättelse',
      overdueRemedies,
      `${t.remedies.completed} av ${t.remedies.planned} åtgärder genomförda`,
      overdueRemedies > 0,
    ),
  ];
  return [
    `<p class="scope">Visar <strong>${c.esc(d.scope)}</strong>, ${d.year}. Uppgifterna gäller ${c.esc(day(d.asOf))}.</p>`,
    `<section class="tiles">${tiles.join('')}</section>`,
    `<section class="row"><article class="card grow"><h2>Andel i tid per månad</h2>`,
    `<p class="legend"><span class="key" style="background:#1f6fb2"></span>Kvitterade i tid <span class="key" style="background:#d97a00"></span>Besvarade i tid`,
    `<span class="muted"> — efter månad då ärendet kom in; ärenden som ännu inte passerat tidsgränsen räknas inte.</span></p>`,
    c.monthChart(d.months),
    monthTable(d.months, c),
    `</article><article class="card"><h2>Årets uppfyllelse</h2>${c.fulfilmentDonut(t.commitmentsKept, t.commitments)}`,
    `<p>${t.commitments ? `${t.commitmentsKept} av ${t.commitments} åtaganden i årets kvalitetsgarantier har hållits.` : 'Inga kvalitetsgarantier är antagna för året.'}</p>`,
    `<p class="legend"><span class="key" style="background:#2e7d32"></span>Hållna <span class="key" style="background:#c62828"></span>Brutna</p></article></section>`,
    commitmentSection(d, c),
    overdueSection(d, c),
    d.units.length > 1 ? unitSection(d, c) : '',
  ].join('');
}

export function monthTable(months: MonthShares[], c: ChartKit): string {
  const cell = (r: ShareCount) => `<td>${r.of ? `${r.count} av ${r.of} (${c.pct(r.share)})` : '–'}</td>`;
  const rows = months
    .filter((m) => m.received > 0)
    .map(
      (m) =>
        `<tr data-month="${m.month}"><td>${m.month}</td><td>${m.received}</td>${cell(m.acknowledgedOnTime)}${cell(m.respondedOnTime)}</tr>`,
    );
  return (
    `<details><summary>Visa som tabell</summary><table class="months"><thead><tr><th>Månad</th><th>Inkomna</th><th>Kvitterade i tid</th><th>Besvarade i tid</th></tr></thead>` +
    `<tbody>${rows.join('') || '<tr><td colspan="4">Inga ärenden under året.</td></tr>'}</tbody></table></details>`
  );
}

export function commitmentSection(d: DashboardData, c: ChartKit): string {
  const head = '<article class="card"><h2>Garantibrott och rättelse per åtagande</h2>';
  if (!d.commitments.length) return `${head}<p>Inga åtaganden eller garantibrott under året.</p></article>`;
  const maxBreaches = Math.max(1, ...d.commitments.map((r) => r.breaches.reported));
  const maxRemedies = Math.max(1, ...d.commitments.map((r) => r.remedies.planned));
  const many = new Set(d.commitments.map((r) => r.unitId)).size > 1;
  const rows = d.commitments.map((r) => {
    const breaches = c.stackBar(
      [
        { value: r.breaches.confirmed, color: '#c62828', label: 'Bekräftade' },
        { value: r.breaches.undecided, color: '#f2a900', label: 'Ej prövade' },
        { value: r.breaches.rejected, color: '#9aa5b1', label: 'Avvisade' },
      ],
      maxBreaches,
      160,
    );
    const remedies = c.stackBar(
      [
        { value: r.remedies.completed, color: '#2e7d32', label: 'Genomförda' },
        { value: r.remedies.planned - r.remedies.completed - r.remedies.overdue, color: '#1f6fb2', label: 'Planerade' },
        { value: r.remedies.overdue, color: '#c62828', label: 'Försenade' },
      ],
      maxRemedies,
      160,
    );
    const status = r.kept ? '<span class="ok">Hållet</span>' : '<span class="bad">Brutet</span>';
    return (
      `<tr data-commitment="${c.esc(r.commitmentId)}"><td>${c.esc(r.text)}${many ? `<div class="muted">${c.esc(d.unitNames[r.unitId] ?? r.unitId)}</div>` : ''}` +
      `${r.adopted ? '' : '<div class="muted">(inte i en antagen garanti)</div>'}</td><td>${status}</td>` +
      `<td>${breaches} <span class="num">${r.breaches.reported}</span></td><td>${remedies} <span class="num">${r.remedies.completed}/${r.remedies.planned}</span></td></tr>`
    );
  });
  return (
    `${head}<p class="legend">Garantibrott: <span class="key" style="background:#c62828"></span>bekräftade <span class="key" style="background:#f2a900"></span>ej prövade ` +
    `<span class="key" style="background:#9aa5b1"></span>avvisade. Rättelse: <span class="key" style="background:#2e7d32"></span>genomförd ` +
    `<span class="key" style="background:#1f6fb2"></span>planerad <span class="key" style="background:#c62828"></span>försenad.</p>` +
    `<table class="commitments"><thead><tr><th>Åtagande</th><th>Status</th><th>Garantibrott</th><th>Rättelse (genomförda/alla)</th></tr></thead><tbody>${rows.join('')}</tbody></table></article>`
  );
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
        `<tr><td>${c.esc(x.reference)}</td><td>${c.esc(d.unitNames[x.unitId] ?? x.unitId)}</td><td>${c.esc(caseTypeName(x.type))}</td>` +
        `<td>${day(x.receivedAt)}</td><td>${c.esc(what(x))}</td><td>${day(deadline(x))}</td></tr>`,
    );
  const more = list.length > 25 ? `<p class="muted">… och ${list.length - 25} till.</p>` : '';
  return (
    `${head}<table class="overdue"><thead><tr><th>Ärende</th><th>Enhet</th><th>Typ</th><th>Inkom</th><th>Saknas</th><th>Tidsgräns</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>${more}</article>`
  );
}

export function unitSection(d: DashboardData, c: ChartKit): string {
  const cell = (share: number | null, color: string) => `<td>${c.shareBar(share, color)} <span class="num">${c.pct(share)}</span></td>`;
  const rows = d.units.map(
    (u) =>
      `<tr data-unit="${c.esc(u.unitId)}"><td>${c.esc(u.unitName)}</td>${cell(u.acknowledgedOnTime.share, '#1f6fb2')}` +
      `${cell(u.respondedOnTime.share, '#d97a00')}${cell(u.fulfilment, '#2e7d32')}<td class="num">${u.breaches.confirmed}</td></tr>`,
  );
  return (
    `<article class="card"><h2>Enheterna jämförda</h2><table class="units"><thead><tr><th>Enhet</th><th>Kvitterade i tid</th><th>Besvarade i tid</th>` +
    `<th>Uppfyllelse</th><th>Bekräftade garantibrott</th></tr></thead><tbody>${rows.join('')}</tbody></table></article>`
  );
}
