export * from './event-store.port';
export * from './hash-chain';
export * from './polling-subscription';
export * from './upcasters';
export * from './verify';
export * from './sqlite/sqlite-event-store';
export * from './create-event-store';
