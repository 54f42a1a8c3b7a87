export * from './audit-event.view';
export { AuditEventsController } from './audit-events.http.controller';
export * from './audit.module';
export * from './log-digest';
export * from './digest-scheduler';
export * from './digest-signing';
export * from './digest-export';
export * from './digest-verification';
