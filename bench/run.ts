import 'reflect-metadata';
import { printTable, writeResults } from './results';
import { intakeBenchmark } from './intake.bench';
import { intakeLatencyBenchmark } from './intake-latency.bench';
import { liveDuringReplayBenchmark } from './live-during-replay.bench';
import { reportBenchmarks } from './report.bench';
import { storeBenchmarks } from './store.bench';

const TARGETS: Record<string, string> = {
  'store.append.single': '≥ 0.8× raw',
  'store.append.batch100': '≥ 0.5× raw',
  'store.readAll': '≥ 0.5× raw',
  'projection.catchup': '≥ 100,000 events/s',
  'api.intake': '≥ 0.33× raw (WORKERS=1 + projector)',
  'api.intake.workers2': 'printed beside it (WORKERS=2 + projector)',
  'api.intake.latency': 'p99 ≤ 25 ms at 200 requests/s',
  'api.liveDuringReplay': 'p99 ≤ 50 ms during 4 asOf reports',
  'report.yearly': '< 200 ms',
  'report.yearly.asOf': '≤ 1,000 ms',
  'projection.rebuild': '< 20,000 ms',
};

async function main(): Promise<void> {
  console.log(`Synpunkt benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  console.log('event store vs raw better-sqlite3 (WAL, synchronous=FULL), same machine, same run');
  const only = process.argv[2];
  const log = (line: string) => console.log(line);
  const results = [
    ...(!only || only === 'store' ? await storeBenchmarks(log) : []),
    ...(!only || only === 'intake' ? await intakeBenchmark(log) : []),
    ...(!only || only === 'latency' ? await intakeLatencyBenchmark(log) : []),
    ...(!only || only === 'replay' ? await liveDuringReplayBenchmark(log) : []),
    ...(!only || only === 'report' ? await reportBenchmarks(log) : []),
  ];
  printTable(results, TARGETS);
  writeResults(results);
  console.log('written to bench/results.json');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
