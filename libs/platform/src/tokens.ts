export const APP_CONFIG = Symbol('AppConfig');
/** The module a rebuild thread opens the log and the projections from (RebuildThreadsOptions.module), or null. */
export const REBUILD_SOURCE = Symbol('RebuildSource');
/** The PostgreSQL key store when one is configured, else null (the event store opens the embedded one itself). */
export const CONFIGURED_KEY_STORE = Symbol('ConfiguredKeyStore');
