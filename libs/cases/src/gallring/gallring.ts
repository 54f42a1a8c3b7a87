import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { actorOf, systemPrincipal } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig, ProjectionsHost, RetentionRule } from '@app/platform';
import { ErasePersonalData } from '../erase-personal-data/erase-personal-data.command';
import { closedCasesBefore, closureOf } from '../list-cases/closed-cases';
import { loadCase } from '../load-case';

export interface GallringResult {
  rule: string;
  due: number;
  erased: number;
  dryRun: boolean;
}

const SYSTEM = systemPrincipal('gallring', 'Gallring');

/**
 * Gallring under the board's retention decision: the personal data of cases closed longer ago than a rule allows is
 * erased (the key is destroyed), and each run is recorded as a GallringPerformed event. Statistics are untouched.
 */
@Injectable()
export class Gallring {
  constructor(
    private readonly host: ProjectionsHost,
    private readonly commands: CommandBus,
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
    const due: string[] = [];
    for (const { id, merged_into } of closedCasesBefore(this.host.readModels, cutoff.toISOString(), rule.types)) {
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
      const target = closureOf(this.host.readModels, into);
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
          await this.commands.execute(new ErasePersonalData(id, `Gallring: ${rule.name}`, 'gallring', SYSTEM));
          erased++; // not inside the optional call below: without onProgress (the HTTP route) it would never count
          options.onProgress?.(erased, due.length);
        }
        await this.record(rule, erased);
      }
      results.push({ rule: rule.name, due: due.length, erased, dryRun: options.dryRun });
    }
    return results;
  }

  /** The run on record, on the `gallring` stream: which rule, how many cases it erased. */
  private async record(rule: RetentionRule, count: number): Promise<void> {
    const { name, types, yearsAfterClosing } = rule;
    const data = { rule: name, types, yearsAfterClosing, count, at: this.clock.now().toISOString() };
    await this.store.append('gallring', [{ type: 'GallringPerformed.v1', data, metadata: { actor: actorOf(SYSTEM) } }]);
  }
}
