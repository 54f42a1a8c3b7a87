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

  /** Cases a rule makes due: closed (not merged) before the cut-off, of the rule's types, not yet erased. */
  async due(rule: RetentionRule): Promise<string[]> {
    const cutoff = new Date(this.clock.now());
    cutoff.setFullYear(cutoff.getFullYear() - rule.yearsAfterClosing);
    const rows = this.host.readModels.all<{ id: string }>(
      `SELECT id FROM cases WHERE status = 'closed' AND closed_at <= ? AND type IN (${rule.types.map(() => '?').join(', ')}) ORDER BY closed_at`,
      cutoff.toISOString(),
      ...rule.types,
    );
    const due: string[] = [];
    for (const { id } of rows) if (!(await loadCase(this.store, id)).erasedAt) due.push(id);
    return due;
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
