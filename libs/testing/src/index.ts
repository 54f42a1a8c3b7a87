export * from './decider-spec';
export * from './tokens';
export * from './disk-scan';
export * from './identity-provider';
export * from './tamper';
export * from './reactor-harness';
