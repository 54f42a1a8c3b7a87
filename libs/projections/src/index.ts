export * from './projection';
export * from './projection-runner';
export * from './read-model-store';
export type { Checkpoint } from './checkpoint-table';
export { physicalTableName } from './generation-tables';
export * from './scoped-rows';
export type { OpenRebuildSource, RebuildSource, RebuildThreadsOptions } from './rebuild-threads';
export { threadEntry } from './rebuild-threads';
