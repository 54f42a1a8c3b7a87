export * from './audit-events/audit-event.view';
export { AuditEventsController } from './audit-events/audit-events.http.controller';
export * from './audit.module';
/** The auditor's as-of fold, which a replay thread runs by name (apps/api/src/rebuild-source.ts). */
export { replayAuditState } from './audit-state/replay-audit-state';
export * from './digests/log-digest';
export * from './digests/digest-scheduler';
export * from './digests/digest-signing';
export * from './digests/digest-export';
export * from './digests/digest-verification';
export * from './digests/record-log-digest.command';
