import type { ChartKit, DashboardData } from './dashboard-render';

/* Runs in the browser as well: see dashboard-render.ts. */

/**
 * Cases per category this year and, when the report compares, the same period of the year before: every category of
 * the list (none is left out for having no cases) and any old value not yet mapped. A table view drills down.
 */
export function categorySection(d: DashboardData, c: ChartKit): string {
  const [now, then] = [d.totals.casesByCategory ?? {}, d.previous?.casesByCategory];
  const head = '<article class="card" id="categories"><h2>Ärenden per kategori</h2>';
  const rows = [...new Set([...Object.keys(d.categoryLabels), ...Object.keys(now), ...Object.keys(then ?? {})])]
    .map((key) => ({ key, label: d.categoryLabels[key] ?? key, count: now[key] ?? 0, previous: then ? (then[key] ?? 0) : undefined }))
    .sort((a, b) => b.count - a.count || (b.previous ?? 0) - (a.previous ?? 0) || a.label.localeCompare(b.label, 'sv'));
  if (!rows.some((r) => r.count || r.previous)) return `${head}<p>Inga ärenden med kategori under ${d.year}.</p></article>`;
  const { thisYear, lastYear } = c.palette();
  const sameDay = `${d.year - 1}${c.day(d.asOf).slice(4)}`;
  const period = sameDay < `${d.year - 1}-12-31` ? `, 1 januari till och med ${sameDay}` : '';
  const legend =
    `<p class="legend"><span class="key" style="background:${thisYear}"></span>${d.year}` +
    (then
      ? ` <span class="key" style="background:${lastYear}"></span>${d.year - 1}<span class="muted"> — samma period${period}</span>`
      : '') +
    '</p>';
  const cells = (r: (typeof rows)[number]) =>
    `<td class="num">${r.count}</td>` +
    (r.previous === undefined
      ? ''
      : `<td class="num">${r.previous}</td><td>${c.esc(c.change(r.count, r.previous, false, d.year - 1))}</td>`);
  const body = rows.map(
    (r) =>
      `<tr data-category="${c.esc(r.key)}"><th scope="row"><button type="button" class="link" data-category="${c.esc(r.key)}" aria-controls="drill">` +
      `${c.esc(r.label)}</button></th>${cells(r)}</tr>`,
  );
  return (
    `${head}${legend}${c.categoryChart(rows, d.year)}<details><summary>Visa ärenden per kategori som tabell</summary>` +
    `<table class="categories"><caption>Välj en kategori för att se dess ärenden under ${d.year}.</caption><thead><tr><th scope="col">Kategori</th>` +
    `<th scope="col">${d.year}</th>${then ? `<th scope="col">${d.year - 1}</th><th scope="col">Förändring</th>` : ''}</tr></thead>` +
    `<tbody>${body.join('')}</tbody></table></details></article>`
  );
}
