/**
 * The command handlers' tool: decide on a stream with the caller's actor, clock and correlation. Kept out of the
 * index, so that the architecture rules can keep controllers and queries from writing (`@app/platform/write`).
 */
export * from './http/command-runner';
