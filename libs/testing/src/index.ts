export * from './decider-spec';
export * from './tokens';
export * from './disk-scan';
