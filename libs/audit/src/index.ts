export * from './audit-event.view';
export * from './audit.module';
export * from './log-digest';
export * from './digest-scheduler';
