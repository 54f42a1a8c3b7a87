import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { mapCategory } from '@app/cases';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { CaseFigure, FigureCase, figureCases } from './dashboard-cases';
import { DashboardParams, dashboardFacts } from './dashboard.query';

/** At most this many cases in one answer; `total` says how many there are. */
const LIMIT = 500;

/** The cases behind one of the year's figures (the dashboard's drill-down), scoped like the figures; a category as they group it. */
export class GetFigureCases {
  constructor(
    readonly params: DashboardParams & { figure: CaseFigure; category?: string },
    readonly user: Principal,
  ) {}
}

@QueryHandler(GetFigureCases)
export class GetFigureCasesHandler implements IQueryHandler<GetFigureCases> {
  constructor(private readonly facts: ReportFacts) {}

  async execute({ params: q, user }: GetFigureCases): Promise<{ year: number; asOf: string; total: number; cases: FigureCase[] }> {
    const { now, input } = await dashboardFacts(this.facts, q, user, true);
    const { category } = q;
    const list = category === undefined ? undefined : await this.facts.categories(this.facts.asOfInstant(q.asOf));
    const only =
      category === undefined || !list ? undefined : { category, keyOf: (recorded: string) => mapCategory(list, recorded) ?? recorded };
    const cases = figureCases(input.cases, q.figure, q.year, now, only);
    return { year: q.year, asOf: now.toISOString(), total: cases.length, cases: cases.slice(0, LIMIT) };
  }
}
