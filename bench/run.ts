import 'reflect-metadata';
import { printTable, writeResults } from './results';
import { storeBenchmarks } from './store.bench';

const TARGETS: Record<string, string> = {
  'store.append.single': '≥ 0.8× raw',
  'store.append.batch100': '≥ 0.5× raw',
  'store.readAll': '≥ 0.5× raw',
  'projection.catchup': '≥ 100,000 events/s',
};

async function main(): Promise<void> {
  console.log(`Synpunkt benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  console.log('event store vs raw better-sqlite3 (WAL, synchronous=FULL), same machine, same run');
  const results = await storeBenchmarks((line) => console.log(line));
  printTable(results, TARGETS);
  writeResults(results);
  console.log('written to bench/results.json');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
