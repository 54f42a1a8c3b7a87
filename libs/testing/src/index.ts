export * from './decider-spec';
export * from './tokens';
