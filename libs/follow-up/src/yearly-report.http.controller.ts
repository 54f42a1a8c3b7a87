import { Controller, Get, Headers, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { ProjectionRead } from '@app/platform';
import { REPORT_PROJECTION } from './report.projection';
import { ReportFacts } from './report.service';
import { YearlyReportQuery } from './report.request.dto';
import { CSV_TYPE, reportCsv, reportXlsx, XLSX_TYPE } from './report-export';
import { yearlyReport } from './yearly-figures';

/** Units a user may see figures for; undefined = all. */
export function reportScope(user: Principal): string[] | undefined {
  if (user.roles.includes('admin') || user.roles.includes('auditor') || user.units.includes('*')) return undefined;
  return user.units;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class YearlyReportController {
  constructor(private readonly facts: ReportFacts) {}

  /** The verksamhetsberättelse figures; JSON, or CSV / XLSX by the Accept header. `asOf` replays the log to that record-time instant. */
  @Get('yearly')
  @Roles('manager', 'admin', 'auditor')
  @ProjectionRead(REPORT_PROJECTION)
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  async yearly(@Query() q: YearlyReportQuery, @CurrentUser() user: Principal, @Headers('accept') accept: string | undefined) {
    const scope = reportScope(user);
    const asOf = this.facts.asOfInstant(q.asOf);
    const input = asOf ? await this.facts.asOf(asOf) : this.facts.current(q.year, scope);
    if (scope) input.units = input.units.filter((u) => scope.includes(u.id));
    const now = asOf ?? this.facts.now();
    const tallies = asOf ? undefined : this.facts.caseTallies(q.year, now, scope);
    const report = yearlyReport(input, q.year, now, { department: q.department, district: q.district }, tallies);
    if (accept?.includes('text/csv')) {
      return new StreamableFile(reportCsv(report), {
        type: CSV_TYPE,
        disposition: `attachment; filename="verksamhetsberattelse-${q.year}.csv"`,
      });
    }
    if (accept?.includes(XLSX_TYPE)) {
      return new StreamableFile(await reportXlsx(report), {
        type: XLSX_TYPE,
        disposition: `attachment; filename="verksamhetsberattelse-${q.year}.xlsx"`,
      });
    }
    return report;
  }
}
