import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { DashboardAnswer, figureCasesAnswer, FigureCasesParams } from './dashboard-answers';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { dashboardRead } from './dashboard.query';

/** The cases behind one of the year's figures (the dashboard's drill-down), scoped like the figures; a category as they group it. */
export class GetFigureCases {
  constructor(
    readonly params: FigureCasesParams,
    readonly user: Principal,
  ) {}
}

@QueryHandler(GetFigureCases)
export class GetFigureCasesHandler implements IQueryHandler<GetFigureCases> {
  constructor(private readonly facts: ReportFacts) {}

  execute({ params: q, user }: GetFigureCases): Promise<DashboardAnswer<'cases'>> {
    return dashboardRead(this.facts, q, user, 'cases', async (input, now) => {
      const list = q.category === undefined ? undefined : await this.facts.categories();
      return figureCasesAnswer(q, input, now, list);
    });
  }
}
