import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertMaySeeUnit, Principal, unitsVisibleTo } from '@app/auth';
import { NotFoundError, stockholmDate } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { GuaranteeState, loadGuarantee } from '@app/guarantees';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { commitmentFigures } from '../dashboard/dashboard-figures';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { readLiveReport } from '../yearly-report/read-report';
import { ComparedReport } from '../yearly-report/year-against-year';
import { draftBases } from './draft-bases';
import {
  BreachLine,
  CommitmentLine,
  DraftInput,
  verksamhetsberattelseDraft,
  VerksamhetsberattelseDraft,
} from './verksamhetsberattelse-draft';

/** The draft of a unit's verksamhetsberättelse, or of the units of a department, a district or all the user sees. */
export class GetVerksamhetsberattelse {
  constructor(
    readonly params: { year: number; unitId?: string; department?: string; district?: string },
    readonly user: Principal,
  ) {}
}

@QueryHandler(GetVerksamhetsberattelse)
export class GetVerksamhetsberattelseHandler implements IQueryHandler<GetVerksamhetsberattelse, VerksamhetsberattelseDraft> {
  constructor(
    private readonly facts: ReportFacts,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ params: q, user }: GetVerksamhetsberattelse): Promise<VerksamhetsberattelseDraft> {
    if (q.unitId) assertMaySeeUnit(user, q.unitId);
    const scope = q.unitId ? [q.unitId] : unitsVisibleTo(user);
    const filter = { department: q.department, district: q.district };
    const { report, input, now, tallies } = await readLiveReport(this.facts, { year: q.year, compare: true, ...filter }, scope);
    const compared = report as ComparedReport;
    if (q.unitId && !compared.units.length) throw new NotFoundError('unit', q.unitId);
    const units = new Map(compared.units.map((u) => [u.unitId, u.unitName]));
    const guarantees = input.guarantees.filter((g) => g.year === q.year && units.has(g.unitId));
    const states = new Map<string, GuaranteeState>();
    for (const g of guarantees) states.set(g.id, await loadGuarantee(this.store, g.id));
    const breaches = input.breaches.filter((b) => units.has(b.unitId));
    const rows = commitmentFigures(guarantees, breaches, q.year, stockholmDate(now)).filter((r) => r.adopted);
    const text = (guaranteeId: string, commitmentId: string) => commitmentText(states.get(guaranteeId), commitmentId);
    const commitments: CommitmentLine[] = rows.map((r) => ({
      unitName: units.get(r.unitId)!,
      text: text(r.guaranteeId, r.commitmentId),
      kept: r.kept,
      confirmedBreaches: r.breaches.confirmed,
    }));
    const confirmed: BreachLine[] = breaches
      .filter((b) => b.year === q.year && (b.status === 'confirmed' || b.status === 'remedied'))
      .sort((a, b) => (a.occurredAt ?? '').localeCompare(b.occurredAt ?? ''))
      .map((b) => ({
        unitName: units.get(b.unitId)!,
        occurredOn: b.occurredAt ? stockholmDate(b.occurredAt) : String(b.year),
        commitment: text(b.guaranteeId, b.commitmentId),
        remedy: latestVersion(states.get(b.guaranteeId))?.remedy ?? '–',
        remedies: b.remedies.map((r) => ({ dueOn: r.dueOn, ...(r.completedAt ? { completedOn: stockholmDate(r.completedAt) } : {}) })),
      }));
    const draft: DraftInput = {
      scope: scopeOf(q, compared),
      report: compared,
      commitments,
      breaches: confirmed,
      bases: draftBases(
        tallies,
        compared.units.map((u) => u.unitId),
      ),
      minCount: this.config.publishMinCount,
    };
    return verksamhetsberattelseDraft(draft);
  }
}

function scopeOf(q: GetVerksamhetsberattelse['params'], report: ComparedReport): DraftInput['scope'] {
  if (q.unitId) return { kind: 'unit', name: report.units[0].unitName };
  if (q.department) return { kind: 'department', name: q.department };
  if (q.district) return { kind: 'district', name: q.district };
  return { kind: 'all', name: 'samtliga enheter' };
}

const latestVersion = (g: GuaranteeState | undefined) => g?.versions[g.versions.length - 1];

/** A commitment's text as the latest version that has it words it (its id if none does). */
function commitmentText(g: GuaranteeState | undefined, commitmentId: string): string {
  const versions = [...(g?.versions ?? [])].reverse();
  return versions.flatMap((v) => v.commitments).find((c) => c.id === commitmentId)?.text ?? commitmentId;
}
