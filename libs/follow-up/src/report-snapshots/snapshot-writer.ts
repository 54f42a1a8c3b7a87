import type { ProjectionTx } from '@app/projections';
import { cutAfter, REPORT_SNAPSHOTS_TABLE, SnapshotKind } from './snapshot-cuts';

/** What the report projection tells about the facts it changes, for the snapshots it keeps (or none: noSnapshots). */
export type Snapshots = Pick<SnapshotWriter, 'at' | 'carry' | 'changed' | 'flush'>;

/** A projection that keeps no snapshots (on EventStoreDB, see reportProjectionFor). */
export const noSnapshots: Snapshots = { at() {}, carry() {}, changed() {}, flush() {} };

/**
 * The snapshot rows of one unit of work of the report projection (see snapshot-cuts.ts). A fact changed by this unit of
 * work is written once at its end, as it then stands, under the cut of its last change; a fact that an event past a cut
 * touches while it holds changes from before that cut is written first as it stood at the cut, before the event changes it.
 */
export class SnapshotWriter {
  /** The cut the event being applied falls before. */
  private cut = 0n;
  /** The cut each fact this unit of work changed falls before, by fact key; `changed` false once its row there is written. */
  private readonly pending = new Map<string, { cut: bigint; changed: boolean }>();
  private readonly insert: string;

  constructor(
    private readonly tx: ProjectionTx,
    private readonly every: number,
  ) {
    this.insert = `INSERT OR REPLACE INTO ${tx.table(REPORT_SNAPSHOTS_TABLE)} (kind, id, cut, fact) VALUES (?, ?, ?, ?)`;
  }

  /** The event about to be applied. */
  at(position: bigint): void {
    this.cut = cutAfter(position, this.every);
  }

  /**
   * Called before the fact under `key` is read or replaced, with its state so far (mutations only follow a read): when it
   * holds changes from before the current cut, that state is what it stood at the cut, written now (once).
   */
  carry(key: string, kind: SnapshotKind, id: string, fact: object | undefined): void {
    const p = this.pending.get(key);
    if (!p?.changed || p.cut >= this.cut || !fact) return;
    this.tx.run(this.insert, kind, id, p.cut, JSON.stringify(fact));
    this.pending.set(key, { cut: this.cut, changed: false });
  }

  /** The fact under `key` changed in the current event. */
  changed(key: string): void {
    this.pending.set(key, { cut: this.cut, changed: true });
  }

  /** At the end of the unit of work: a fact it changed, as it stands (`json`, as its own row holds it). */
  flush(key: string, kind: SnapshotKind, id: string, json: string): void {
    const p = this.pending.get(key);
    if (p?.changed) this.tx.run(this.insert, kind, id, p.cut, json);
  }
}
