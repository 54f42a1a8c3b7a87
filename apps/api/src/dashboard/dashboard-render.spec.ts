import { runInNewContext, Script } from 'node:vm';
import * as charts from './dashboard-charts';
import { esc, fulfilmentDonut, MonthShares, monthChart, pct, stackBar } from './dashboard-charts';
import { DashboardData, renderDashboard } from './dashboard-render';
import { dashboardFunctionsSource, dashboardScript } from './dashboard-script';

const r = (count: number, of: number) => ({ count, of, share: of ? count / of : null });
const months: MonthShares[] = Array.from({ length: 12 }, (_, i) => ({
  month: i + 1,
  received: i < 2 ? 2 : 0,
  acknowledgedOnTime: i === 0 ? r(2, 2) : i === 1 ? r(1, 2) : r(0, 0),
  respondedOnTime: i === 0 ? r(0, 1) : r(0, 0),
}));

const figures = {
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

describe('dashboard charts', () => {
  it('escapes text for markup and attributes', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('writes shares as Swedish percentages, a dash for nothing to measure', () => {
    expect(pct(2 / 3)).toBe('67\u00a0%');
    expect(pct(0)).toBe('0\u00a0%');
    expect(pct(null)).toBe('–');
  });

  it('draws one bar per month and series with something due, its height proportional to the share', () => {
    const svg = monthChart(months);
    const bars = [...svg.matchAll(/<rect data-month="(\d+)" data-series="(\w+)" x="[\d.]+" y="([\d.]+)" width="19" height="([\d.]+)"/g)];
    expect(bars.map((b) => `${b[1]}${b[2]}`)).toEqual(['1ack', '1resp', '2ack']);
    expect(Number(bars[0][4])).toBe(200);
    expect(Number(bars[2][4])).toBe(100);
    expect(Number(bars[1][4])).toBe(1); // 0 % still shows as a hairline, apart from "nothing due"
    expect(svg).toContain('<title>januari: kvitterade i tid 2 av 2 (100\u00a0%)</title>');
    expect(svg).toContain('<title>mars: kvitterade i tid 0 av 0 (–)</title>');
    expect(svg.match(/>dec</g)).toHaveLength(1);
  });

  it('draws the fulfilment ring with the kept share in green and the rest in red', () => {
    const svg = fulfilmentDonut(2, 3);
    expect(svg).toContain('aria-label="Uppfyllelse 67\u00a0%: 2 av 3 åtaganden hållna"');
    const arcs = [...svg.matchAll(/stroke="(#\w+)" stroke-width="20" stroke-dasharray="([\d.]+) /g)];
    expect(arcs.map((a) => a[1])).toEqual(['#2e7d32', '#c62828']);
    const circumference = 2 * Math.PI * 62;
    expect(Number(arcs[0][2])).toBeCloseTo((2 / 3) * circumference, 6);
    expect(fulfilmentDonut(0, 0)).toContain('Inga antagna åtaganden');
  });

  it('stacks bar parts scaled to the maximum and leaves empty parts out', () => {
    const svg = stackBar(
      [
        { value: 1, color: 'red', label: 'A' },
        { value: 0, color: 'blue', label: 'B' },
        { value: 2, color: 'green', label: 'C' },
      ],
      4,
      160,
    );
    expect([...svg.matchAll(/<rect x="([\d.]+)" y="2" width="([\d.]+)" height="14" fill="(\w+)">/g)].map((m) => m.slice(1))).toEqual([
      ['0', '40', 'red'],
      ['40', '80', 'green'],
    ]);
  });
});

describe('renderDashboard', () => {
  const html = renderDashboard(sample, charts);
  const tile = (key: string) =>
    new RegExp(`data-figure="${key}"><div class="tile-title">[^<]*</div><div class="tile-value">([^<]*)</div>`).exec(html)?.[1];

  it('shows the headline figures in Swedish', () => {
    expect(tile('open')).toBe('4');
    expect(tile('overdue')).toBe('2');
    expect(tile('acknowledged')).toBe('75\u00a0%');
    expect(tile('responded')).toBe('0\u00a0%');
    expect(tile('fulfilment')).toBe('67\u00a0%');
    expect(tile('remedies')).toBe('1');
    expect(html).toContain('2 av 3 åtaganden hållna');
    expect(html).toContain('Garantibrott och rättelse per åtagande');
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

  it('compares units only when there is more than one', () => {
    expect(html).not.toContain('Enheterna jämförda');
    const two = renderDashboard(
      { ...sample, units: [...sample.units, { ...sample.units[0], unitId: 'fsk', unitName: 'Solrosen' }] },
      charts,
    );
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
    const shipped = runInNewContext(
      `${dashboardFunctionsSource()}\n({ renderDashboard, kit: { esc, pct, monthChart, fulfilmentDonut, stackBar, shareBar } })`,
      { Intl, Date },
    );
    expect(shipped.renderDashboard(sample, shipped.kit)).toBe(renderDashboard(sample, charts));
  });
});
