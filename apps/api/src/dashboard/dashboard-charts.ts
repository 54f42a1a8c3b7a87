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

/** Grouped bars per month: acknowledged on time and responded on time, 0–100 %. Months with nothing due show a dash. */
export function monthChart(months: MonthShares[]): string {
  const [w, h, left, right, top, plot] = [640, 250, 44, 6, 18, 200];
  const group = (w - left - right) / 12;
  const bar = 19;
  const y = (share: number) => top + plot - share * plot;
  const series = [
    { key: 'ack', pick: (m: MonthShares) => m.acknowledgedOnTime, color: '#1f6fb2', what: 'kvitterade i tid' },
    { key: 'resp', pick: (m: MonthShares) => m.respondedOnTime, color: '#d97a00', what: 'besvarade i tid' },
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
          `<text x="${x + bar / 2}" y="${y(0) - 4}" text-anchor="middle" font-size="11" fill="#999"><title>${esc(title)}</title>–</text>`,
        );
        return;
      }
      const height = Math.max(r.share * plot, 1);
      out.push(
        `<rect data-month="${m.month}" data-series="${s.key}" x="${x}" y="${y(r.share) - (height - r.share * plot)}" width="${bar}" height="${height}" fill="${s.color}"><title>${esc(title)}</title></rect>`,
        `<text x="${x + bar / 2}" y="${y(r.share) - 4}" text-anchor="middle" font-size="10" fill="#222">${pct(r.share)}</text>`,
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
  const rings = share === null ? arc(0, 1, '#d0d5dc') : arc(0, share, '#2e7d32') + (share < 1 ? arc(share, 1 - share, '#c62828') : '');
  const label = share === null ? 'Inga antagna åtaganden' : `Uppfyllelse ${pct(share)}: ${kept} av ${total} åtaganden hållna`;
  return (
    `<svg class="donut" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg">` +
    `${rings}<text x="${size / 2}" y="${size / 2 + 10}" text-anchor="middle" font-size="30" font-weight="600" fill="#222">${pct(share)}</text></svg>`
  );
}

/** A horizontal stacked bar scaled to `max`, with a tooltip per part. */
export function stackBar(parts: BarPart[], max: number, width: number): string {
  let x = 0;
  const rects = parts
    .filter((p) => p.value > 0)
    .map((p) => {
      const w = max ? (p.value / max) * width : 0;
      const rect = `<rect x="${x}" y="2" width="${w}" height="14" fill="${p.color}"><title>${esc(`${p.label}: ${p.value}`)}</title></rect>`;
      x += w;
      return rect;
    });
  const label = parts.map((p) => `${p.label} ${p.value}`).join(', ');
  return `<svg class="bar" viewBox="0 0 ${width} 18" width="${width}" height="18" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="2" width="${width}" height="14" fill="#eef1f4"/>${rects.join('')}</svg>`;
}

/** A share as a bar from 0 to 100 %. */
export function shareBar(share: number | null, color: string): string {
  return stackBar(share === null ? [] : [{ value: share, color, label: pct(share) }], 1, 120);
}
