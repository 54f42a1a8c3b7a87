import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal, unitsVisibleTo } from '@app/auth';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { readReport, ReportParams } from './read-report';
import { ComparedReport } from './year-against-year';
import { YearlyReport } from './yearly-figures';

/**
 * The verksamhetsberättelse figures of a year for the units the user may see; `asOf` replays the log to that record-time
 * instant; `compare` adds the period of the year before.
 */
export class GetYearlyReport {
  constructor(
    readonly params: ReportParams,
    readonly user: Principal,
  ) {}
}

@QueryHandler(GetYearlyReport)
export class GetYearlyReportHandler implements IQueryHandler<GetYearlyReport, YearlyReport | ComparedReport> {
  constructor(private readonly facts: ReportFacts) {}

  async execute({ params, user }: GetYearlyReport): Promise<YearlyReport | ComparedReport> {
    return readReport(this.facts, params, unitsVisibleTo(user));
  }
}
