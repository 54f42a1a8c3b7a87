import { Headers, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProduces } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@app/auth';
import { ProjectionRead, ApiController } from '@app/platform';
import { FiguresRead } from '../report-facts/figures-read';
import { REPORT_PROJECTION } from '../report-facts/report.projection';
import { CSV_TYPE, reportCsv, reportXlsx, XLSX_TYPE } from './report-export';
import { YearlyReport } from './yearly-figures';
import { GetYearlyReport } from './yearly-report.query';
import { YearlyReportQuery } from './yearly-report.request.dto';

@ApiController('reports', 'api/reports')
export class YearlyReportController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * The verksamhetsberättelse figures; JSON, or CSV / XLSX by the Accept header. `asOf` replays the log to that record-time
   * instant; `compare=true` adds the period of the year before (previousYear on every row).
   */
  @FiguresRead('yearly')
  @ProjectionRead(REPORT_PROJECTION)
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  async yearly(@Query() q: YearlyReportQuery, @CurrentUser() user: Principal, @Headers('accept') accept: string | undefined) {
    const { year, asOf, department, district } = q;
    const params = { year, asOf, department, district, compare: q.compare === 'true' };
    const report: YearlyReport = await this.queries.execute(new GetYearlyReport(params, user));
    const file = `verksamhetsberattelse-${q.year}`;
    if (accept?.includes('text/csv')) {
      return new StreamableFile(reportCsv(report), { type: CSV_TYPE, disposition: `attachment; filename="${file}.csv"` });
    }
    if (accept?.includes(XLSX_TYPE)) {
      return new StreamableFile(await reportXlsx(report), { type: XLSX_TYPE, disposition: `attachment; filename="${file}.xlsx"` });
    }
    return report;
  }
}
