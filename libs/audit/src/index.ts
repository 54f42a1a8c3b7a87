export * from './audit-event.view';
export * from './audit.module';
export * from './log-digest';
