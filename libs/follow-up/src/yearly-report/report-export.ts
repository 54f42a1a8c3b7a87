import ExcelJS from 'exceljs';
import { figureColumns, LEVELS } from './report-columns';
import type { ComparedReport } from './year-against-year';
import { YearlyReport } from './yearly-figures';

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const cell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const number = (v: number | null) => (v === null ? '' : String(Math.round(v * 10000) / 10000).replace('.', ','));

/** The unit rows and a total row, `;`-separated with decimal commas and a BOM, so Swedish Excel opens it as it is. */
export function reportCsv(report: YearlyReport): Buffer {
  const units = LEVELS[0];
  const columns = figureColumns(report);
  const head = [...units.keys.map((k) => k.heading), ...columns.map((c) => c.heading)];
  const lines = [head.map(cell).join(';')];
  for (const row of units.rows(report)) {
    lines.push([...units.keys.map((k) => cell(k.value(row))), ...columns.map((c) => number(c.value(row)))].join(';'));
  }
  lines.push(['Totalt', '', '', ...columns.map((c) => number(c.value(report.totals)))].join(';'));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** One sheet per level; numbers as numbers, shares formatted as percentages. */
export async function reportXlsx(report: YearlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Synpunkt';
  wb.created = new Date(report.asOf);
  const columns = figureColumns(report);
  for (const level of LEVELS) {
    const ws = wb.addWorksheet(level.sheet);
    const period = (report as Partial<ComparedReport>).previousPeriod;
    const compared = period ? `, jämfört med ${period.from}–${period.to}` : '';
    ws.addRow([`Verksamhetsberättelse ${report.year} – ${level.sheet.toLowerCase()} (per ${report.asOf}${compared})`]).font = {
      bold: true,
    };
    const header = ws.addRow([...level.keys.map((k) => k.heading), ...columns.map((c) => c.heading)]);
    header.font = { bold: true };
    for (const row of level.rows(report)) ws.addRow([...level.keys.map((k) => k.value(row)), ...columns.map((c) => c.value(row))]);
    columns.forEach((c, i) => {
      const col = ws.getColumn(level.keys.length + i + 1);
      col.width = Math.max(10, Math.min(28, c.heading.length + 2));
      if (c.share) col.numFmt = '0.0%';
    });
    level.keys.forEach((_, i) => (ws.getColumn(i + 1).width = 30));
    ws.views = [{ state: 'frozen', xSplit: level.keys.length, ySplit: 2 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
