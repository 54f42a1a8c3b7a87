import type { MonthOnTime, Ratio } from '@app/follow-up';

/**
 * Inline SVG charts as strings. These functions also run in the browser: the page script is built from their source
 * (see dashboard-script.ts), so each one is self-contained — it may call the other functions of this file by name,
 * but uses no imports and no module-level values.
 */

/** The API's own shapes (types only: erased at compile, so the browser source stays import-free). */
export type ShareCount = Ratio;
export type MonthShares = MonthOnTime;

export interface BarPart {
  value: number;
  color: string;
  label: string;
}

/** Escapes text for HTML and SVG, in content and in quoted attributes. */
export function esc(text: unknown): string {
  const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return String(text).replace(/[&<>"']/g, (c) => map[c]);
}

/** A share as a Swedish percentage ("67 %", with a no-break space); a dash when there is nothing to measure. */
export function pct(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${Math.round(share * 100)}\u00a0%`;
}

export function monthName(month: number, long: boolean): string {
  const names = long
    ? ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december']
    : ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
  return names[month - 1];
}

/**
 * Every colour that carries meaning in a chart or legend. Each is at least 4.5:1 against white (WCAG 1.4.3 and 1.4.11):
 * parts of a chart are drawn on white or set apart by a white gap, so each also stands out from its neighbour.
 */
export function palette() {
  return {
    ack: '#1f6fb2',
    resp: '#a85400',
    kept: '#2e7d32',
    broken: '#c62828',
    undecided: '#8b6200',
    rejected: '#6b7785',
    planned: '#1f6fb2',
    thisYear: '#1f6fb2',
    lastYear: '#6b7785',
  };
}

/**
 * Grouped bars per month: acknowledged on time and responded on time, 0–100 %. Months with nothing due show a dash.
 * The value labels are bare numbers (the axis says %): "100" fits above its 19-unit bar, "100 %" ran into its neighbour's.
 */
export function monthChart(months: MonthShares[]): string {
  const [w, h, left, right, top, plot] = [640, 250, 44, 6, 18, 200];
  const group = (w - left - right) / 12;
  const bar = 19;
  const y = (share: number) => top + plot - share * plot;
  const series = [
    { key: 'ack', pick: (m: MonthShares) => m.acknowledgedOnTime, color: palette().ack, what: 'kvitterade i tid' },
    { key: 'resp', pick: (m: MonthShares) => m.respondedOnTime, color: palette().resp, what: 'besvarade i tid' },
  ];
  const out: string[] = [];
  for (const g of [0, 0.25, 0.5, 0.75, 1]) {
    out.push(`<line x1="${left}" x2="${w - right}" y1="${y(g)}" y2="${y(g)}" stroke="#d0d5dc" stroke-width="1"/>`);
    out.push(`<text x="${left - 6}" y="${y(g) + 4}" text-anchor="end" font-size="11" fill="#555">${pct(g)}</text>`);
  }
  for (const m of months) {
    const x0 = left + (m.month - 1) * group + (group - 2 * bar - 3) / 2;
    series.forEach((s, i) => {
      const r = s.pick(m);
      const x = x0 + i * (bar + 3);
      const title = `${monthName(m.month, true)}: ${s.what} ${r.count} av ${r.of} (${pct(r.share)})`;
      if (r.share === null) {
        out.push(
          `<text x="${x + bar / 2}" y="${y(0) - 4}" text-anchor="middle" font-size="11" fill="#5c6b7a"><title>${esc(title)}</title>–</text>`,
        );
        return;
      }
      const height = Math.max(r.share * plot, 1);
      out.push(
        `<rect data-month="${m.month}" data-series="${s.key}" x="${x}" y="${y(r.share) - (height - r.share * plot)}" width="${bar}" height="${height}" fill="${s.color}"><title>${esc(title)}</title></rect>`,
        `<text class="value" x="${x + bar / 2}" y="${y(r.share) - 4}" text-anchor="middle" font-size="10" fill="#222">${Math.round(r.share * 100)}</text>`,
      );
    });
    out.push(
      `<text x="${left + (m.month - 0.5) * group}" y="${top + plot + 18}" text-anchor="middle" font-size="12" fill="#333">${monthName(m.month, false)}</text>`,
    );
  }
  const label = 'Andel kvitterade och besvarade i tid per månad';
  return `<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">${out.join('')}</svg>`;
}

/** A ring: the share of commitments kept, in green, the broken ones in red. */
export function fulfilmentDonut(kept: number, total: number): string {
  const [r, size] = [62, 170];
  const c = 2 * Math.PI * r;
  const share = total ? kept / total : null;
  const arc = (from: number, len: number, color: string) =>
    `<circle cx="${size / 2}" cy="${size / 2}" r="${r}" fill="none" stroke="${color}" stroke-width="20" stroke-dasharray="${len * c} ${c}" stroke-dashoffset="${-from * c}" transform="rotate(-90 ${size / 2} ${size / 2})"/>`;
  const gap = (at: number) =>
    `<line x1="${size / 2}" y1="${size / 2 - r - 11}" x2="${size / 2}" y2="${size / 2 - r + 11}" stroke="#fff" stroke-width="2" transform="rotate(${at * 360} ${size / 2} ${size / 2})"/>`;
  const { kept: green, broken: red } = palette();
  const rings =
    share === null
      ? arc(0, 1, '#d0d5dc')
      : arc(0, share, green) + (share < 1 ? arc(share, 1 - share, red) : '') + (share > 0 && share < 1 ? gap(0) + gap(share) : '');
  const label = share === null ? 'Inga antagna åtaganden' : `Uppfyllelse ${pct(share)}: ${kept} av ${total} åtaganden hållna`;
  return (
    `<svg class="donut" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg">` +
    `${rings}<text x="${size / 2}" y="${size / 2 + 10}" text-anchor="middle" font-size="30" font-weight="600" fill="#222">${pct(share)}</text></svg>`
  );
}

/** A horizontal stacked bar scaled to `max`, with a tooltip per part; a white line sets the parts apart. */
export function stackBar(parts: BarPart[], max: number, width: number, label?: string): string {
  let x = 0;
  const rects = parts
    .filter((p) => p.value > 0)
    .map((p) => {
      const w = max ? (p.value / max) * width : 0;
      const rect = `<rect x="${x}" y="2" width="${w}" height="14" fill="${p.color}" stroke="#fff"><title>${esc(`${p.label}: ${p.value}`)}</title></rect>`;
      x += w;
      return rect;
    });
  const name = label ?? (parts.map((p) => `${p.label} ${p.value}`).join(', ') || 'Inget att visa');
  return `<svg class="bar" viewBox="0 0 ${width} 18" width="${width}" height="18" role="img" aria-label="${esc(name)}" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="2" width="${width}" height="14" fill="#eef1f4"/>${rects.join('')}</svg>`;
}

/** A share as a bar from 0 to 100 %. */
export function shareBar(share: number | null, color: string): string {
  return share === null ? stackBar([], 1, 120, 'Inget att mäta') : stackBar([{ value: share, color, label: 'Andel' }], 1, 120, pct(share));
}

export interface CategoryCount {
  label: string;
  count: number;
  /** The same period of the year before; absent when the report gave no comparison. */
  previous?: number;
}

/** Horizontal bars per category: this year, and under it the year before when given. */
export function categoryChart(rows: CategoryCount[], year: number): string {
  const compare = rows.some((r) => r.previous !== undefined);
  const [w, left, right, bar] = [640, 200, 40, 14];
  const rowHeight = compare ? 2 * bar + 14 : bar + 12;
  const h = rows.length * rowHeight + 6;
  const max = Math.max(1, ...rows.flatMap((r) => [r.count, r.previous ?? 0]));
  const scale = (n: number) => (n / max) * (w - left - right);
  const { thisYear, lastYear } = palette();
  const out = rows.map((r, i) => {
    const y0 = 4 + i * rowHeight;
    const one = (n: number, y: number, color: string, what: string) =>
      `<rect x="${left}" y="${y}" width="${Math.max(scale(n), 1)}" height="${bar}" fill="${color}"><title>${esc(`${r.label}, ${what}: ${n}`)}</title></rect>` +
      `<text x="${left + Math.max(scale(n), 1) + 4}" y="${y + bar - 3}" font-size="11" fill="#222">${n}</text>`;
    return (
      `<text x="${left - 8}" y="${y0 + bar - 2}" text-anchor="end" font-size="12" fill="#222">${esc(r.label)}</text>` +
      one(r.count, y0, thisYear, String(year)) +
      (r.previous === undefined ? '' : one(r.previous, y0 + bar + 2, lastYear, String(year - 1)))
    );
  });
  const label = compare ? `Ärenden per kategori, ${year} jämfört med ${year - 1}` : `Ärenden per kategori, ${year}`;
  return `<svg class="chart categories" viewBox="0 0 ${w} ${h}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">${out.join('')}</svg>`;
}

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

/** A case's or a breach's status in Swedish. */
export function statusName(status: string): string {
  const names: Record<string, string> = {
    received: 'Inkommet',
    acknowledged: 'Kvitterat',
    in_progress: 'Under handläggning',
    transferred: 'Överlämnat',
    awaiting_complainant: 'Väntar på komplettering',
    responded: 'Besvarat',
    reopened: 'Återöppnat',
    closed: 'Avslutat',
    reported: 'Anmält',
    confirmed: 'Bekräftat',
    rejected: 'Avvisat',
    remedied: 'Rättat',
  };
  return names[status] ?? status;
}

/**
 * This year against the year before, in words: shares in percentage points (from the rounded percentages shown),
 * counts in numbers. Empty when the report gave no comparison.
 */
export function change(now: number | null, before: number | null | undefined, share: boolean, previousYear: number): string {
  if (before === undefined) return '';
  const then = share ? pct(before) : String(before);
  if (now === null || before === null) return `${previousYear}: ${then}`;
  const diff = share ? Math.round(now * 100) - Math.round(before * 100) : now - before;
  const unit = share ? (Math.abs(diff) === 1 ? ' procentenhet' : ' procentenheter') : '';
  const text = diff === 0 ? 'Oförändrat' : `${diff > 0 ? '+' : '\u2212'}${Math.abs(diff)}${unit}`;
  return `${text} mot ${previousYear} (${then})`;
}
