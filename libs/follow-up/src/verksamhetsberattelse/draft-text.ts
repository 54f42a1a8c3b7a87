import { FigureChange } from '../yearly-report/year-against-year';

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** `2026-03-31` → `31 mars 2026`. */
export const swedishDate = (date: string) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/** The period a figure covers, in words: a whole year, or 1 January up to a day. */
export function periodText(year: number, to: string | undefined): string {
  return to && to < `${year}-12-31` ? `1 januari–${swedishDate(to)}` : String(year);
}

/** A share as whole per cent, Swedish style (`86 %`); a dash where there is nothing to measure. */
export const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

/** A number with a decimal comma; a dash for none. */
export const decimal = (n: number | null) => (n === null ? '–' : String(Math.round(n * 10) / 10).replace('.', ','));

/**
 * A count as it may be published: from 1 up to `min` − 1 it prints as "färre än <min>", so that no one is singled out
 * by a small number; 0 and larger counts print as they are.
 */
export const publishedCount = (n: number, min: number) => (n > 0 && n < min ? `färre än ${min}` : String(n));

/**
 * A share or a median as it may be published: from fewer than `min` cases (its denominator, or the responses behind a
 * median) it is left out (null, printed "–"), for it would tell how those few fared.
 */
export const measured = (value: number | null, base: number, min: number) => (base < min ? null : value);

/** A count's change with its sign (`+3`, `−1`, `0`). */
export const signed = (n: number | null) => (n === null ? '–' : n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** A share's change in percentage points (`+8 procentenheter`). */
export function points(change: number | null): string {
  if (change === null) return '–';
  const p = Math.round(change * 100);
  return `${signed(p)} ${Math.abs(p) === 1 ? 'procentenhet' : 'procentenheter'}`;
}

/** A table row of a share: both years and the change in percentage points. */
export const shareRow = (name: string, c: FigureChange) => [name, percent(c.previous), percent(c.current), points(c.change)];

/** "Andelen besvarade i tid ökade från 78 % till 86 %." — or minskade, or was unchanged; nothing when either is missing. */
export function shareSentence(subject: string, c: FigureChange): string | undefined {
  if (c.previous === null || c.current === null) return undefined;
  const [from, to] = [percent(c.previous), percent(c.current)];
  if (from === to) return `${subject} var oförändrad, ${to}.`;
  return `${subject} ${c.current > c.previous ? 'ökade' : 'minskade'} från ${from} till ${to}.`;
}

/** "Mediantiden till svar minskade från 8 till 6,5 arbetsdagar." */
export function daysSentence(c: FigureChange): string | undefined {
  if (c.previous === null || c.current === null) return undefined;
  if (c.previous === c.current) return `Mediantiden till svar var oförändrad, ${decimal(c.current)} arbetsdagar.`;
  const verb = c.current > c.previous ? 'ökade' : 'minskade';
  return `Mediantiden till svar ${verb} från ${decimal(c.previous)} till ${decimal(c.current)} arbetsdagar.`;
}
