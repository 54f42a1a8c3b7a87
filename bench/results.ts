import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  [extra: string]: unknown;
}

/** The middle value (the upper one of an even count): what the benches report of their repeated runs on a shared machine. */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export const RESULTS_FILE = join(process.cwd(), 'bench', 'results.json');

/** Merges results by name into bench/results.json, so each group of benchmarks can add its own figures. */
export function writeResults(results: BenchResult[], file = RESULTS_FILE): void {
  const existing: BenchResult[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  const byName = new Map(existing.map((r) => [r.name, r]));
  for (const r of results) byName.set(r.name, r);
  writeFileSync(file, JSON.stringify([...byName.values()], null, 2) + '\n');
}

export function printTable(results: BenchResult[], targets: Record<string, string>): void {
  const rows = results.map((r) => ({
    name: r.name,
    value: `${Math.round(r.value).toLocaleString('en')} ${r.unit}`,
    baseline: r.baseline === undefined ? '' : `${Math.round(r.baseline).toLocaleString('en')} ${r.unit}`,
    ratio: r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    target: targets[r.name] ?? '',
  }));
  console.table(rows);
}
