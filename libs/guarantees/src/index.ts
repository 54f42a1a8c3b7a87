export * from './breach.decider';
export * from './breach.events';
export * from './breach.view';
export * from './guarantee.decider';
export * from './guarantee.events';
export * from './guarantee.view';
export * from './guarantees.module';
export * from './report-breach/report-breach.handler';
