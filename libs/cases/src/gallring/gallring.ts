import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig, ProjectionsHost, RetentionRule } from '@app/platform';
import { PersonalDataEraser } from '../erase-personal-data/personal-data-eraser';
import { loadCase } from '../load-case';

export interface GallringResult {
  rule: string;
  due: number;
  erased: number;
  dryRun: boolean;
}

const SYSTEM = { sub: 'system:gallring', name: 'Gallring' };

/**
 * Gallring under the board's retention decision: the personal data of cases closed longer ago than a rule allows is
 * erased (the key is destroyed), and each run is recorded as a GallringPerformed event. Statistics are untouched.
 */
@Injectable()
export class Gallring {
  constructor(
    private readonly host: ProjectionsHost,
    private readonly eraser: PersonalDataEraser,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Cases a rule makes due: closed before the cut-off, of the rule's types, not yet erased. Merged duplicates are closed
   * cases too, but their submitter is answered through the case they were merged into, so they fall due only once that
   * case (and whatever it was merged into in turn) has also been closed since before the cut-off.
   */
  async due(rule: RetentionRule): Promise<string[]> {
    const cutoff = new Date(this.clock.now());
    cutoff.setFullYear(cutoff.getFullYear() - rule.yearsAfterClosing);
    const rows = this.host.readModels.all<{ id: string; merged_into: string | null }>(
      `SELECT id, merged_into FROM cases WHERE status = 'closed' AND closed_at <= ? AND type IN (${rule.types.map(() => '?').join(', ')}) ORDER BY closed_at`,
      cutoff.toISOString(),
      ...rule.types,
    );
    const due: string[] = [];
    for (const { id, merged_into } of rows) {
      if (this.answeredBefore(merged_into, cutoff.toISOString()) && !(await loadCase(this.store, id)).erasedAt) due.push(id);
    }
    return due;
  }

  /** Is the case a duplicate was merged into (and whatever that was merged into in turn) closed since before the cut-off? */
  private answeredBefore(mergedInto: string | null, cutoff: string): boolean {
    const seen = new Set<string>();
    for (let into = mergedInto; into; ) {
      if (seen.has(into)) return false;
      seen.add(into);
      const target = this.host.readModels.get<{ status: string; closed_at: string | null; merged_into: string | null }>(
        'SELECT status, closed_at, merged_into FROM cases WHERE id = ?',
        into,
      );
      if (!target || target.status !== 'closed' || !target.closed_at || target.closed_at > cutoff) return false;
      into = target.merged_into;
    }
    return true;
  }

  async run(options: { dryRun: boolean; onProgress?: (done: number, total: number) => void }): Promise<GallringResult[]> {
    const results: GallringResult[] = [];
    for (const rule of this.config.retention) {
      const due = await this.due(rule);
      let erased = 0;
      if (!options.dryRun) {
        for (const id of due) {
          await this.eraser.erase(id, `Gallring: ${rule.name}`, 'gallring', SYSTEM);
          options.onProgress?.(++erased, due.length);
        }
        await this.store.append('gallring', [
          {
            type: 'GallringPerformed.v1',
            data: {
              rule: rule.name,
              types: rule.types,
              yearsAfterClosing: rule.yearsAfterClosing,
              count: erased,
              at: this.clock.now().toISOString(),
            },
            metadata: { actor: SYSTEM },
          },
        ]);
      }
      results.push({ rule: rule.name, due: due.length, erased, dryRun: options.dryRun });
    }
    return results;
  }
}
