/**
 * What only command handlers use: deciding on a stream and appending. Kept out of the index, so that the architecture
 * rules can tell a controller or a query that reaches for it (`@app/core/write`) from one that only reads.
 */
export * from './handle-command';
