export * from './case.decider';
export * from './case.events';
