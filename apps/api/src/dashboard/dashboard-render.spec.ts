import { runInNewContext, Script } from 'node:vm';
import * as categories from './dashboard-categories';
import * as charts from './dashboard-charts';
import { MonthShares } from './dashboard-charts';
import * as drill from './dashboard-drill';
import { DashboardData, renderDashboard, YearFigures } from './dashboard-render';
import { dashboardFunctionsSource, dashboardKitSource, dashboardScript } from './dashboard-script';

const kit = { ...charts, ...categories, ...drill };

const r = (count: number, of: number) => ({ count, of, share: of ? count / of : null });
const months: MonthShares[] = Array.from({ length: 12 }, (_, i) => ({
  month: i + 1,
  received: i < 2 ? 2 : 0,
  acknowledgedOnTime: i === 0 ? r(2, 2) : i === 1 ? r(1, 2) : r(0, 0),
  respondedOnTime: i === 0 ? r(0, 1) : r(0, 0),
}));

const figures: YearFigures = {
  casesByType: { complaint: 3, opinion: 1, praise: 0, idea: 1 },
  casesByCategory: { Bemötande: 3, Mat: 1 },
  acknowledgedOnTime: r(3, 4),
  respondedOnTime: r(0, 1),
  commitments: 3,
  commitmentsKept: 2,
  fulfilment: 2 / 3,
  breaches: { reported: 3, confirmed: 2, rejected: 1 },
  remedies: { planned: 2, completed: 1, completedOnTime: 1 },
};

const sample: DashboardData = {
  year: 2026,
  asOf: '2026-03-31T10:00:00Z',
  scope: 'Hägerstens <gruppbostäder>',
  open: 4,
  overdue: 2,
  needsDelayNotice: 1,
  openOverSixMonths: 0,
  overdueCases: [
    {
      reference: '2026-000005',
      unitId: 'hgb',
      type: 'complaint',
      receivedAt: '2026-03-02T09:00:00Z',
      acknowledgeBy: '2026-03-04T22:59:59.999Z',
      respondBy: '2026-03-16T22:59:59.999Z',
      overdue: { acknowledge: false, respond: true },
    },
    {
      reference: '2026-000004',
      unitId: 'hgb',
      type: 'idea',
      receivedAt: '2026-02-02T09:00:00Z',
      acknowledgeBy: '2026-02-04T22:59:59.999Z',
      respondBy: '2026-02-16T22:59:59.999Z',
      overdue: { acknowledge: true, respond: false },
    },
  ],
  totals: figures,
  categoryLabels: { Mat: 'Mat och måltider' },
  units: [{ unitId: 'hgb', unitName: 'Hägerstens gruppbostäder', ...figures }],
  unitNames: { hgb: 'Hägerstens gruppbostäder' },
  months,
  commitments: [
    {
      unitId: 'hgb',
      guaranteeId: 'hgb-2026',
      commitmentId: 'svar',
      text: 'Svar inom tio arbetsdagar & <b>snabbt</b>',
      adopted: true,
      kept: false,
      breaches: { reported: 2, confirmed: 2, rejected: 0, undecided: 0 },
      remedies: { planned: 2, completed: 1, completedOnTime: 1, overdue: 1 },
    },
  ],
};

/** The same figures a year earlier, by hand: 2 of 4 acknowledged and 1 of 2 answered on time, no guarantee, no breach. */
const lastYear: YearFigures = {
  ...figures,
  casesByType: { complaint: 2, opinion: 1, praise: 0, idea: 0 },
  casesByCategory: { Bemötande: 1, Information: 2 },
  acknowledgedOnTime: r(2, 4),
  respondedOnTime: r(1, 2),
  commitments: 0,
  commitmentsKept: 0,
  fulfilment: null,
  breaches: { reported: 0, confirmed: 0, rejected: 0 },
};

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\u00a0/g, ' ');

describe('renderDashboard', () => {
  const html = renderDashboard(sample, kit);
  const compared = renderDashboard({ ...sample, previous: lastYear }, kit);
  const tile = (key: string, from = html) =>
    new RegExp(`data-figure="${key}"[^>]*><span class="tile-title">[^<]*</span><span class="tile-value">([^<]*)</span>`).exec(from)?.[1];
  const tileChange = (key: string, from = compared) =>
    new RegExp(`data-figure="${key}"[^>]*>(?:(?!</button>).)*<span class="tile-change">([^<]*)</span>`)
      .exec(from)?.[1]
      ?.replace(/\u00a0/g, ' ');

  it('shows the headline figures in Swedish', () => {
    expect(tile('open')).toBe('4');
    expect(tile('overdue')).toBe('2');
    expect(tile('acknowledged')).toBe('75\u00a0%');
    expect(tile('responded')).toBe('0\u00a0%');
    expect(tile('fulfilment')).toBe('67\u00a0%');
    expect(tile('remedies')).toBe('1');
    expect(tile('received')).toBe('5');
    expect(html).toContain('2 av 3 åtaganden hållna');
    expect(html).toContain('Garantibrott och rättelse per åtagande');
    expect(html).toContain('<div class="muted">bekräftade 2, ej prövade 0, avvisade 0</div>'); // the bars' colours in words
    expect(html).toContain('<div class="muted">genomförda 1, planerade 0, försenade 1</div>');
  });

  it('escapes names and texts that come from users', () => {
    expect(html).toContain('Hägerstens &lt;gruppbostäder&gt;');
    expect(html).toContain('Svar inom tio arbetsdagar &amp; &lt;b&gt;snabbt&lt;/b&gt;');
    expect(html).not.toContain('<b>snabbt</b>');
  });

  it('lists overdue cases by the deadline they missed, oldest first, with Stockholm dates', () => {
    const refs = [...html.matchAll(/<tr><td>(2026-\d{6})<\/td>/g)].map((m) => m[1]);
    expect(refs).toEqual(['2026-000004', '2026-000005']);
    expect(html).toContain('<td>Idé</td><td>2026-02-02</td><td>kvittens</td><td>2026-02-04</td>');
    expect(html).toContain('<td>svar</td><td>2026-03-16</td>');
  });

  it('makes every tile a button that opens the list of cases behind it', () => {
    const tiles = [
      ...html.matchAll(/<button type="button" class="tile[^"]*" data-figure="(\w+)" aria-expanded="false" aria-controls="drill">/g),
    ];
    expect(tiles.map((m) => m[1])).toEqual([
      'received',
      'open',
      'overdue',
      'acknowledged',
      'responded',
      'fulfilment',
      'breaches',
      'remedies',
      'delayNotice',
      'sixMonths',
    ]);
    expect(html).toContain('<section id="drill" class="card drill" aria-labelledby="drill-title" hidden></section>');
  });

  it('shows the change against the year before on each tile of the year’s figures, and none without a comparison', () => {
    expect(tileChange('received')).toBe('+2 mot 2025 (3)');
    expect(tileChange('acknowledged')).toBe('+25 procentenheter mot 2025 (50 %)');
    expect(tileChange('responded')).toBe('\u221250 procentenheter mot 2025 (50 %)');
    expect(tileChange('fulfilment')).toBe('2025: –');
    expect(tileChange('breaches')).toBe('+2 mot 2025 (0)');
    expect(tileChange('open')).toBeUndefined(); // a figure of right now, not of the year
    expect(html).not.toContain('tile-change');
  });

  it('charts the cases per category against the same period of the year before, with a table view that drills down', () => {
    const rows = [...compared.matchAll(/<tr data-category="([^"]+)">(.*?)<\/tr>/g)].map((m) => [m[1], textOf(m[2]).trim()]);
    expect(rows).toEqual([
      ['Bemötande', 'Bemötande 3 1 +2 mot 2025 (1)'],
      ['Mat', 'Mat och måltider 1 0 +1 mot 2025 (0)'],
      ['Information', 'Information 0 2 \u22122 mot 2025 (2)'],
    ]);
    expect(compared).toContain('aria-label="Ärenden per kategori, 2026 jämfört med 2025"');
    expect(textOf(compared)).toContain('2025 — samma period, 1 januari till och med 2025-03-31');
    expect(compared).toContain('<button type="button" class="link" data-category="Mat" aria-controls="drill">Mat och måltider</button>');
    expect(html).toContain('aria-label="Ärenden per kategori, 2026"');
    expect(html).not.toMatch(/<th scope="col">2025<\/th>/);
    const none = renderDashboard({ ...sample, totals: { ...figures, casesByCategory: {} } }, kit);
    expect(none).toContain('Inga ärenden med kategori under 2026.');
  });

  it('gives every chart a name and a table view behind a keyboard-operable summary', () => {
    const two = renderDashboard(
      {
        ...sample,
        previous: lastYear,
        units: [...sample.units, { ...sample.units[0], unitId: 'fsk', unitName: 'Solrosen', fulfilment: null }],
      },
      kit,
    );
    const svgs = [...two.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
    expect(svgs.length).toBeGreaterThan(6);
    for (const svg of svgs) expect(svg).toMatch(/role="img" aria-label="[^"]+"/);
    expect([...two.matchAll(/<summary>([^<]+)<\/summary>/g)].map((m) => m[1])).toEqual([
      'Visa andel i tid per månad som tabell',
      'Visa ärenden per kategori som tabell',
    ]);
  });

  it('shows the messages that did not reach their submitters as a tile, red when there are any; none when the outbox was not read', () => {
    expect(html).not.toContain('data-figure="undelivered"');
    const none = renderDashboard({ ...sample, undelivered: 0 }, kit);
    expect(none).toMatch(
      /<button type="button" class="tile" data-figure="undelivered"[^>]*><span class="tile-title">Meddelanden som inte kommit fram<\/span><span class="tile-value">0<\/span>/,
    );
    expect(renderDashboard({ ...sample, undelivered: 2 }, kit)).toContain('class="tile warn" data-figure="undelivered"');
  });

  it('shows the förvaltningslag worklists as tiles, red when they hold a case', () => {
    const tileOf = (key: string, from: string) =>
      new RegExp(`<button type="button" class="([^"]*)" data-figure="${key}"[^>]*>(.*?)</button>`).exec(from);
    const [, delayClass, delay] = tileOf('delayNotice', html)!;
    expect([delayClass, textOf(delay).trim()]).toEqual([
      'tile warn',
      'Försenade utan förseningsbesked (FL 11 §) 1 svaret är sent och den som skrivit har inte fått besked, just nu',
    ]);
    const [, sixClass, six] = tileOf('sixMonths', html)!;
    expect([sixClass, textOf(six).trim()]).toEqual([
      'tile',
      'Öppna mer än sex månader (FL 12 §) 0 inte avslutade sex månader efter att de kom in, just nu',
    ]);
    expect(tileOf('sixMonths', renderDashboard({ ...sample, openOverSixMonths: 3 }, kit))![1]).toBe('tile warn');
  });

  it('compares units only when there is more than one', () => {
    expect(html).not.toContain('Enheterna jämförda');
    const two = renderDashboard({ ...sample, units: [...sample.units, { ...sample.units[0], unitId: 'fsk', unitName: 'Solrosen' }] }, kit);
    expect(two).toContain('Enheterna jämförda');
    expect(two).toContain('data-unit="fsk"');
  });
});

describe('the page script', () => {
  it('is valid JavaScript that refers to no module of the server', () => {
    const script = dashboardScript();
    expect(() => new Script(script)).not.toThrow();
    expect(script).not.toMatch(/\brequire\(|\bexports\b|\(0, _/);
  });

  it('renders in a bare context exactly what the server-side functions render', () => {
    const shipped = runInNewContext(`${dashboardFunctionsSource()}\n({ renderDashboard, kit: ${dashboardKitSource()} })`, { Intl, Date });
    const data = { ...sample, previous: lastYear };
    expect(shipped.renderDashboard(data, shipped.kit)).toBe(renderDashboard(data, kit));
    expect(Object.keys(shipped.kit)).toEqual(expect.arrayContaining(Object.keys(kit)));
    const x = { title: 'Öppna', total: 1, unitNames: {}, categoryLabels: {}, many: true, onTime: 'I tid' };
    const listed = { ...sample.overdueCases[0], status: 'received', onTime: false };
    expect(shipped.kit.drillCases([listed], x, shipped.kit)).toBe(kit.drillCases([listed], x, kit));
  });
});
