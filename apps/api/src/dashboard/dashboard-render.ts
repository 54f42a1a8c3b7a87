import type { CommitmentFigures, Figures } from '@app/follow-up';
import type * as Charts from './dashboard-charts';
import type { MonthShares, ShareCount } from './dashboard-charts';
import type * as Categories from './dashboard-categories';
import type * as Drill from './dashboard-drill';

/*
 * The dashboard's HTML from the figures the page fetched. Runs in the browser as well (see dashboard-script.ts):
 * the chart functions come in as a parameter, never as an import, so the source stands on its own there.
 */

export interface OverdueCase {
  reference: string;
  unitId: string;
  type: string;
  category?: string;
  status?: string;
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
  | 'casesByType'
  | 'casesByCategory'
  | 'acknowledgedOnTime'
  | 'respondedOnTime'
  | 'commitments'
  | 'commitmentsKept'
  | 'fulfilment'
  | 'breaches'
  | 'remedies'
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
  /** Open cases late on their response whose submitter is owed a delay notice (FL 11 §), now. */
  needsDelayNotice: number;
  /** Cases not closed, received more than six months ago (FL 12 §), now. */
  openOverSixMonths: number;
  totals: YearFigures;
  /** The same figures for the year before (for a year not yet over, the same part of it); absent when not given. */
  previous?: YearFigures;
  /** The managed categories' labels by key; a key without a label shows as it is. */
  categoryLabels: Record<string, string>;
  units: UnitRow[];
  unitNames: Record<string, string>;
  months: MonthShares[];
  commitments: CommitmentRow[];
  /** E-mail to submitters in the scope that finally failed, just now; absent when the outbox could not be read. */
  undelivered?: number;
}

/** Every function the render functions call but their own module's: passed in, never imported (see above). */
export type ChartKit = typeof Charts & typeof Categories & typeof Drill;

export function renderDashboard(d: DashboardData, c: ChartKit): string {
  const [t, p, before] = [d.totals, d.previous, d.year - 1];
  const tile = (key: string, title: string, value: string | number, note: string, change = '', warn = false) =>
    `<button type="button" class="tile${warn ? ' warn' : ''}" data-figure="${key}" aria-expanded="false" aria-controls="drill">` +
    `<span class="tile-title">${c.esc(title)}</span><span class="tile-value">${c.esc(value)}</span><span class="tile-note">${c.esc(note)}</span>` +
    `${change ? `<span class="tile-change">${c.esc(change)}</span>` : ''}</button>`;
  const ratio = (r: ShareCount) => `${r.count} av ${r.of} under ${d.year}`;
  /** A share-on-time tile: this year's share, its count, and the change against last year's. */
  const onTime = (key: string, title: string, figure: 'acknowledgedOnTime' | 'respondedOnTime') =>
    tile(key, title, c.pct(t[figure].share), ratio(t[figure]), c.change(t[figure].share, p?.[figure].share, true, before));
  const received = (f: YearFigures) => Object.values(f.casesByType).reduce((a, b) => a + b, 0);
  const overdueRemedies = d.commitments.reduce((n, r) => n + r.remedies.overdue, 0);
  const { ack, resp, kept, broken } = c.palette();
  const tiles = [
    tile('received', 'Inkomna ärenden', received(t), `under ${d.year}`, c.change(received(t), p && received(p), false, before)),
    tile('open', 'Öppna ärenden', d.open, 'inte avslutade, just nu'),
    tile('overdue', 'Försenade ärenden', d.overdue, 'kvittens eller svar efter tidsgränsen, just nu', '', d.overdue > 0),
    onTime('acknowledged', 'Kvitterade i tid', 'acknowledgedOnTime'),
    onTime('responded', 'Besvarade i tid', 'respondedOnTime'),
    tile(
      'fulfilment',
      'Uppfyllelse',
      c.pct(t.fulfilment),
      `${t.commitmentsKept} av ${t.commitments} åtaganden hållna`,
      c.change(t.fulfilment, p?.fulfilment, true, before),
    ),
    tile(
      'breaches',
      'Garantibrott',
      t.breaches.confirmed,
      `bekräftade; ${t.breaches.reported} anmälda, ${t.breaches.rejected} avvisade`,
      c.change(t.breaches.confirmed, p?.breaches.confirmed, false, before),
    ),
    tile(
      'remedies',
      'Försenad rättelse',
      overdueRemedies,
      `just nu; ${t.remedies.completed} av ${t.remedies.planned} åtgärder genomförda`,
      '',
      overdueRemedies > 0,
    ),
    tile(
      'delayNotice',
      'Försenade utan förseningsbesked (FL 11 §)',
      d.needsDelayNotice,
      'svaret är sent och den som skrivit har inte fått besked, just nu',
      '',
      d.needsDelayNotice > 0,
    ),
    tile(
      'sixMonths',
      'Öppna mer än sex månader (FL 12 §)',
      d.openOverSixMonths,
      'inte avslutade sex månader efter att de kom in, just nu',
      '',
      d.openOverSixMonths > 0,
    ),
    ...(d.undelivered === undefined
      ? []
      : [
          tile(
            'undelivered',
            'Meddelanden som inte kommit fram',
            d.undelivered,
            'e-post till den som skrivit, just nu',
            '',
            d.undelivered > 0,
          ),
        ]),
  ];
  return [
    `<p class="scope">Visar <strong>${c.esc(d.scope)}</strong>, ${d.year}. Uppgifterna gäller ${c.esc(c.day(d.asOf))}.`,
    ` Välj en ruta för att se ärendena bakom den.</p>`,
    `<section class="tiles" aria-label="Nyckeltal">${tiles.join('')}</section>`,
    `<section id="drill" class="card drill" aria-labelledby="drill-title" hidden></section>`,
    `<section class="row"><article class="card grow"><h2>Andel i tid per månad</h2>`,
    `<p class="legend"><span class="key" style="background:${ack}"></span>Kvitterade i tid <span class="key" style="background:${resp}"></span>Besvarade i tid`,
    `<span class="muted"> — efter månad då ärendet kom in; ärenden som ännu inte passerat tidsgränsen räknas inte.</span></p>`,
    c.monthChart(d.months),
    monthTable(d.months, c),
    `</article><article class="card"><h2>Årets uppfyllelse</h2>${c.fulfilmentDonut(t.commitmentsKept, t.commitments)}`,
    `<p>${t.commitments ? `${t.commitmentsKept} av ${t.commitments} åtaganden i årets kvalitetsgarantier har hållits.` : 'Inga kvalitetsgarantier är antagna för året.'}</p>`,
    `<p class="legend"><span class="key" style="background:${kept}"></span>Hållna <span class="key" style="background:${broken}"></span>Brutna</p></article></section>`,
    c.categorySection(d, c),
    commitmentSection(d, c),
    c.overdueSection(d, c),
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
    `<details><summary>Visa andel i tid per månad som tabell</summary><table class="months"><thead><tr><th scope="col">Månad</th><th scope="col">Inkomna</th>` +
    `<th scope="col">Kvitterade i tid</th><th scope="col">Besvarade i tid</th></tr></thead>` +
    `<tbody>${rows.join('') || '<tr><td colspan="4">Inga ärenden under året.</td></tr>'}</tbody></table></details>`
  );
}

export function commitmentSection(d: DashboardData, c: ChartKit): string {
  const head = '<article class="card"><h2>Garantibrott och rättelse per åtagande</h2>';
  if (!d.commitments.length) return `${head}<p>Inga åtaganden eller garantibrott under året.</p></article>`;
  const maxBreaches = Math.max(1, ...d.commitments.map((r) => r.breaches.reported));
  const maxRemedies = Math.max(1, ...d.commitments.map((r) => r.remedies.planned));
  const many = new Set(d.commitments.map((r) => r.unitId)).size > 1;
  const k = c.palette();
  // what the bars' colours tell, also in words (WCAG 1.4.1)
  const parts = (total: number, ...counts: [number, string][]) =>
    total ? `<div class="muted">${counts.map(([n, what]) => `${what} ${n}`).join(', ')}</div>` : '';
  const rows = d.commitments.map((r) => {
    const planned = r.remedies.planned - r.remedies.completed - r.remedies.overdue;
    const breaches = c.stackBar(
      [
        { value: r.breaches.confirmed, color: k.broken, label: 'Bekräftade' },
        { value: r.breaches.undecided, color: k.undecided, label: 'Ej prövade' },
        { value: r.breaches.rejected, color: k.rejected, label: 'Avvisade' },
      ],
      maxBreaches,
      160,
    );
    const remedies = c.stackBar(
      [
        { value: r.remedies.completed, color: k.kept, label: 'Genomförda' },
        { value: planned, color: k.planned, label: 'Planerade' },
        { value: r.remedies.overdue, color: k.broken, label: 'Försenade' },
      ],
      maxRemedies,
      160,
    );
    const status = r.kept ? '<span class="ok">Hållet</span>' : '<span class="bad">Brutet</span>';
    return (
      `<tr data-commitment="${c.esc(r.commitmentId)}"><td>${c.esc(r.text)}${many ? `<div class="muted">${c.esc(d.unitNames[r.unitId] ?? r.unitId)}</div>` : ''}` +
      `${r.adopted ? '' : '<div class="muted">(inte i en antagen garanti)</div>'}</td><td>${status}</td>` +
      `<td>${breaches} <span class="num">${r.breaches.reported}</span>${parts(r.breaches.reported, [r.breaches.confirmed, 'bekräftade'], [r.breaches.undecided, 'ej prövade'], [r.breaches.rejected, 'avvisade'])}</td>` +
      `<td>${remedies} <span class="num">${r.remedies.completed}/${r.remedies.planned}</span>${parts(r.remedies.planned, [r.remedies.completed, 'genomförda'], [planned, 'planerade'], [r.remedies.overdue, 'försenade'])}</td></tr>`
    );
  });
  const key = (color: string) => `<span class="key" style="background:${color}"></span>`;
  return (
    `${head}<p class="legend">Garantibrott: ${key(k.broken)}bekräftade ${key(k.undecided)}ej prövade ${key(k.rejected)}avvisade. ` +
    `Rättelse: ${key(k.kept)}genomförd ${key(k.planned)}planerad ${key(k.broken)}försenad.</p>` +
    `<table class="commitments"><thead><tr><th scope="col">Åtagande</th><th scope="col">Status</th><th scope="col">Garantibrott</th>` +
    `<th scope="col">Rättelse (genomförda/alla)</th></tr></thead><tbody>${rows.join('')}</tbody></table></article>`
  );
}

export function unitSection(d: DashboardData, c: ChartKit): string {
  const k = c.palette();
  const cell = (share: number | null, color: string) => `<td>${c.shareBar(share, color)} <span class="num">${c.pct(share)}</span></td>`;
  const rows = d.units.map(
    (u) =>
      `<tr data-unit="${c.esc(u.unitId)}"><th scope="row">${c.esc(u.unitName)}</th>${cell(u.acknowledgedOnTime.share, k.ack)}` +
      `${cell(u.respondedOnTime.share, k.resp)}${cell(u.fulfilment, k.kept)}<td class="num">${u.breaches.confirmed}</td></tr>`,
  );
  return (
    `<article class="card"><h2>Enheterna jämförda</h2><table class="units"><thead><tr><th scope="col">Enhet</th><th scope="col">Kvitterade i tid</th>` +
    `<th scope="col">Besvarade i tid</th><th scope="col">Uppfyllelse</th><th scope="col">Bekräftade garantibrott</th></tr></thead><tbody>${rows.join('')}</tbody></table></article>`
  );
}
