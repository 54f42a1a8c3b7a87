/** Runs gallring now, as `npm run cli -- gallring` does with the API stopped; `dryRun` only counts what is due. */
export class RunGallring {
  constructor(readonly dryRun: boolean) {}
}
