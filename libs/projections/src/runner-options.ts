import { RebuildThreadsOptions } from './rebuild-threads';

export interface ProjectionRunnerOptions {
  /** Most events per transaction while catching up. Default 500. */
  batchSize?: number;
  /** Events read per page (and transaction) during a rebuild. Default 2000. */
  rebuildPageSize?: number;
  /** Events one unit of work spans during a rebuild (see ProjectionTx.scope). Default 100,000. */
  rebuildUnitOfWork?: number;
  /** How often `waitFor` re-checks besides being woken by progress. Default 50 ms. */
  waitPollMs?: number;
  /** Rebuilds over a long log (rebuild, rebuildAll, new projections at start) spread over these threads (see RebuildThreadsOptions). Default: none. */
  threads?: RebuildThreadsOptions;
  /**
   * Runs nothing: another process (the projector) runs these projections and reactors into the same read-model
   * file, opened here for reading. `status` and `waitFor` read the checkpoints it stores; `wake` is its signal.
   */
  follower?: boolean;
  /** Called after every committed batch and state change (the projector passes it on to the HTTP workers). */
  onProgress?: () => void;
  /** Wait before restarting a worker that failed on the way to the log, after its n-th such failure in a row. Default: 1 s doubling to 30 s. */
  restartDelayMs?: (failures: number) => number;
}
