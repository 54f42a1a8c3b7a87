import { categoryChart, change, esc, fulfilmentDonut, MonthShares, monthChart, palette, pct, stackBar } from './dashboard-charts';

const r = (count: number, of: number) => ({ count, of, share: of ? count / of : null });
const months: MonthShares[] = Array.from({ length: 12 }, (_, i) => ({
  month: i + 1,
  received: i < 2 ? 2 : 0,
  acknowledgedOnTime: i === 0 ? r(2, 2) : i === 1 ? r(1, 2) : r(0, 0),
  respondedOnTime: i === 0 ? r(0, 1) : r(0, 0),
}));

/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

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
    expect(
      [...svg.matchAll(/<rect x="([\d.]+)" y="2" width="([\d.]+)" height="14" fill="(\w+)" stroke="#fff">/g)].map((m) => m.slice(1)),
    ).toEqual([
      ['0', '40', 'red'],
      ['40', '80', 'green'],
    ]);
  });

  it('names an empty bar, so that no chart is an image without a text alternative', () => {
    expect(stackBar([], 1, 120)).toMatch(/role="img" aria-label="[^"]+"/);
    expect(stackBar([], 1, 120, 'Inget att mäta')).toContain('aria-label="Inget att mäta"');
  });

  it('keeps the value labels of neighbouring bars apart, even when both are at 100 %', () => {
    const full = months.map((m) => ({ ...m, received: 2, acknowledgedOnTime: r(2, 2), respondedOnTime: r(2, 2) }));
    const labels = [
      ...monthChart(full).matchAll(/<text class="value" x="([\d.]+)" y="([\d.]+)"[^>]* font-size="(\d+)"[^>]*>([^<]+)</g),
    ].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      width: m[4].length * 0.6 * Number(m[3]), // a generous width: digits are about 0.55 em in sans-serif faces
    }));
    expect(labels).toHaveLength(24);
    for (let i = 1; i < labels.length; i++) {
      expect(labels[i].x - labels[i - 1].x).toBeGreaterThanOrEqual((labels[i].width + labels[i - 1].width) / 2);
    }
    expect(Math.min(...labels.map((l) => l.y - 10))).toBeGreaterThanOrEqual(0); // inside the drawing
  });

  it('uses only colours with at least 4.5:1 contrast against white, for marks and for text', () => {
    expect(Math.min(...Object.values(palette()).map((colour) => contrast(colour, '#ffffff')))).toBeGreaterThanOrEqual(4.5);
    const svgs = [monthChart(months), fulfilmentDonut(2, 3), categoryChart([{ label: 'Mat', count: 3, previous: 1 }], 2026)];
    const textFills = svgs.flatMap((svg) => [...svg.matchAll(/<text [^>]*fill="(#[0-9a-f]{3,6})"/g)].map((m) => m[1]));
    expect(textFills.length).toBeGreaterThan(10);
    const long = (hex: string) => (hex.length === 4 ? `#${[...hex.slice(1)].map((ch) => ch + ch).join('')}` : hex);
    for (const fill of new Set(textFills)) expect(contrast(long(fill), '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('draws the categories this year and, when compared, the year before under each', () => {
    const svg = categoryChart(
      [
        { label: 'Bemötande', count: 4, previous: 2 },
        { label: 'Mat & måltider', count: 1, previous: 3 },
      ],
      2026,
    );
    expect(svg).toContain('aria-label="Ärenden per kategori, 2026 jämfört med 2025"');
    expect([...svg.matchAll(/<title>([^<]+)<\/title>/g)].map((m) => m[1])).toEqual([
      'Bemötande, 2026: 4',
      'Bemötande, 2025: 2',
      'Mat &amp; måltider, 2026: 1',
      'Mat &amp; måltider, 2025: 3',
    ]);
    const widths = [...svg.matchAll(/<rect x="200" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBe(400); // the largest count spans the plot
    expect(widths[1]).toBeCloseTo(200, 6);
    const alone = categoryChart([{ label: 'Bemötande', count: 4 }], 2026);
    expect(alone).toContain('aria-label="Ärenden per kategori, 2026"');
    expect(alone.match(/<rect /g)).toHaveLength(1);
  });

  it('writes the change against the year before in percentage points or numbers, nothing when not compared', () => {
    expect(change(0.86, 0.78, true, 2025)).toBe('+8 procentenheter mot 2025 (78\u00a0%)');
    expect(change(0.5, 0.51, true, 2025)).toBe('\u22121 procentenhet mot 2025 (51\u00a0%)');
    expect(change(3, 5, false, 2025)).toBe('\u22122 mot 2025 (5)');
    expect(change(4, 4, false, 2025)).toBe('Oförändrat mot 2025 (4)');
    expect(change(null, 0.5, true, 2025)).toBe('2025: 50\u00a0%');
    expect(change(0.5, null, true, 2025)).toBe('2025: –');
    expect(change(4, undefined, false, 2025)).toBe('');
  });
});
