export const APP_CONFIG = Symbol('AppConfig');
/** The module a rebuild thread opens the log and the projections from (RebuildThreadsOptions.module), or null. */
export const REBUILD_SOURCE = Symbol('RebuildSource');
