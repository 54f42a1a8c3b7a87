/**
 * How a count of the draft prints: as it is; from 1 below the minimum as "färre än N" (few: primary suppression); or as
 * "–" (secondary), held back only so that a few elsewhere cannot be worked out by subtraction.
 */
export type Held = 'shown' | 'few' | 'secondary';

/** Counts that add up: `cells` (indices into the counts) to `total`, as a table prints them. */
export interface Sum {
  cells: number[];
  total: number;
}

/** What a reader knows of a count: its value if shown; a few is 1 to min − 1; "–" is some count above 0 (zeros are never held back). */
const range = (n: number, held: Held, min: number): [number, number] =>
  held === 'shown' ? [n, n] : held === 'few' ? [1, min - 1] : [1, Infinity];

/** Could a reader work out a count held back in this sum exactly, from what the others in it allow? */
function givesAway(counts: number[], held: Held[], sum: Sum, min: number): boolean {
  // Σ cells − total = 0: each term with its sign, and what the reader knows of it
  const terms = [...sum.cells.map((i) => ({ i, sign: 1 })), { i: sum.total, sign: -1 }].map((t) => {
    const [lo, hi] = range(counts[t.i], held[t.i], min);
    return { ...t, lo: t.sign > 0 ? lo : -hi, hi: t.sign > 0 ? hi : -lo };
  });
  const add = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return terms.some((t, k) => {
    if (held[t.i] === 'shown') return false;
    // the term is minus the others: within what they allow, and within its own range
    const others = terms.filter((_, j) => j !== k);
    return Math.max(t.lo, -add(others.map((o) => o.hi))) === Math.min(t.hi, -add(others.map((o) => o.lo)));
  });
}

/**
 * Which counts are held back: each from 1 below `min` as few; then, for as long as a sum lets a held-back count be worked
 * out (one alone beside a shown total, or several that only one combination adds up to), the smallest non-zero count
 * of that sum still shown (the first of equals), preferring a cell to the total. Sums that share counts (a total in two
 * tables) are checked again until none gives anything away. A `min` of 0 or 1 holds nothing back.
 */
export function heldBackCounts(counts: number[], sums: Sum[], min: number, parts: [whole: number, part: number][] = []): Held[] {
  const held: Held[] = counts.map((n) => (n > 0 && n < min ? 'few' : 'shown'));
  for (let changed = true; changed; ) {
    changed = false;
    // a part printed beside its whole (a category's complaints beside its cases) bounds a held-back whole from below
    for (const [whole, part] of parts) {
      if (held[whole] === 'shown' || held[part] !== 'shown' || counts[part] === 0) continue;
      held[part] = 'secondary';
      changed = true;
    }
    for (const sum of sums) {
      if (!givesAway(counts, held, sum, min)) continue;
      const shown = (i: number) => held[i] === 'shown' && counts[i] > 0;
      const next = smallest(counts, sum.cells.filter(shown)) ?? (shown(sum.total) ? sum.total : undefined);
      if (next === undefined) continue;
      held[next] = 'secondary';
      changed = true;
    }
  }
  return held;
}

const smallest = (counts: number[], at: number[]) =>
  at.reduce<number | undefined>((a, i) => (a === undefined || counts[i] < counts[a] ? i : a), undefined);

/** One table's cells and the total they add up to (printed beside them). */
export function heldBack(cells: number[], min: number): { cells: Held[]; total: Held } {
  const total = cells.length;
  const held = heldBackCounts([...cells, cells.reduce((a, b) => a + b, 0)], [{ cells: cells.map((_, i) => i), total }], min);
  return { cells: held.slice(0, total), total: held[total] };
}
