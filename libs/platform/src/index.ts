export * from './config/app-config';
export * from './config/data-dir';
export * from './config/signing-key-file';
export * from './health/health.controller';
export * from './health/readiness';
export * from './http/body-parsers';
export * from './http/event-metadata';
export * from './http/idempotency.store';
export * from './http/resource-readers';
export * from './http/sqlite-idempotency.store';
export * from './http/postgres-idempotency.store';
export * from './http/problem';
export * from './http/problem-details.filter';
export * from './http/request-context';
export * from './http/resource-result';
export * from './http/validation';
export * from './http/calendar-date.validator';
export * from './observability/logger';
export * from './observability/metrics';
export * from './platform.module';
export * from './projections/projections-host';
export {
  ReplayAbandonedError,
  ReplayPool,
  ReplaysBusyError,
  REPLAY_QUEUE_PER_THREAD,
  REPLAY_RETRY_AFTER_SECONDS,
} from './replays/replay-pool';
export type { Replay } from './replays/replay-pool';
export * from './projections/data-dir-lock';
export * from './processes/process-link';
export * from './tokens';
export * from './projections/projection-read';
export * from './projections/sql-filter';
export * from './http/command-route';
export * from './http/year-query';
export * from './http/api-controller';
