import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { reportScope } from '../report-facts/report-scope';
import { YearlyReport, yearlyReport } from './yearly-figures';

/** The verksamhetsberättelse figures of a year for the units the user may see; `asOf` replays the log to that record-time instant. */
export class GetYearlyReport {
  constructor(
    readonly params: { year: number; asOf?: string; department?: string; district?: string },
    readonly user: Principal,
  ) {}
}

@QueryHandler(GetYearlyReport)
export class GetYearlyReportHandler implements IQueryHandler<GetYearlyReport, YearlyReport> {
  constructor(private readonly facts: ReportFacts) {}

  async execute({ params: q, user }: GetYearlyReport): Promise<YearlyReport> {
    const scope = reportScope(user);
    const asOf = this.facts.asOfInstant(q.asOf);
    const { now, input } = await this.facts.load(q.year, asOf, scope);
    if (scope) input.units = input.units.filter((u) => scope.includes(u.id));
    const tallies = asOf ? undefined : this.facts.caseTallies(q.year, now, scope);
    return yearlyReport(input, q.year, now, { department: q.department, district: q.district }, tallies);
  }
}
