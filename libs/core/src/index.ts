export * from './clock';
export * from './decider';
export * from './errors';
export * from './events';
export * from './handle-command';
export * from './ids';
export * from './calendar';
export * from './working-days';
