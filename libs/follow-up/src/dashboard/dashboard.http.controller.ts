import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { assertUnitAccess, CurrentUser, Principal, Roles } from '@app/auth';
import { NotFoundError, stockholmDate } from '@app/core';
import { ProjectionRead } from '@app/platform';
import { REPORT_PROJECTION } from '../report.projection';
import { FollowUpQuery } from '../report.request.dto';
import { ReportFacts } from '../report.service';
import { ReportInput } from '../yearly-figures';
import { reportScope } from '../yearly-report.http.controller';
import { commitmentFigures, onTimeByMonth } from './dashboard-figures';

export class DashboardQuery extends FollowUpQuery {
  @ApiPropertyOptional({ description: 'one unit only' }) @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @ApiPropertyOptional({ description: 'the units of one department only' }) @IsOptional() @IsString() @MaxLength(200) department?: string;
}

interface Loaded {
  now: Date;
  input: ReportInput;
}

/** Read-only figures the managers' dashboard draws and the yearly report does not give: scoped like the report. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/dashboard')
export class DashboardApiController {
  constructor(private readonly facts: ReportFacts) {}

  /** Acknowledged and responded on time, per month of receipt. */
  @Get('on-time-by-month')
  @Roles('manager', 'admin', 'auditor')
  @ProjectionRead(REPORT_PROJECTION)
  async onTime(@Query() q: DashboardQuery, @CurrentUser() user: Principal) {
    const { now, input } = await this.load(q, user, true);
    return { year: q.year, asOf: now.toISOString(), months: onTimeByMonth(input.cases, q.year, now) };
  }

  /** Breaches and remedies of the year per guarantee commitment. */
  @Get('commitments')
  @Roles('manager', 'admin', 'auditor')
  @ProjectionRead(REPORT_PROJECTION)
  async commitments(@Query() q: DashboardQuery, @CurrentUser() user: Principal) {
    const { now, input } = await this.load(q, user, false);
    return {
      year: q.year,
      asOf: now.toISOString(),
      commitments: commitmentFigures(input.guarantees, input.breaches, q.year, stockholmDate(now)),
    };
  }

  private async load(q: DashboardQuery, user: Principal, withCases: boolean): Promise<Loaded> {
    const asOf = this.facts.asOfInstant(q.asOf);
    if (q.unitId && !user.roles.includes('auditor')) assertUnitAccess(user, q.unitId);
    const now = asOf ?? this.facts.now();
    const scope = reportScope(user);
    const all = asOf ? await this.facts.asOf(asOf) : this.facts.current(q.year, scope);
    const units = all.units.filter(
      (u) => (!scope || scope.includes(u.id)) && (!q.unitId || u.id === q.unitId) && (!q.department || u.department === q.department),
    );
    if (q.unitId && !units.length) throw new NotFoundError('unit', q.unitId);
    const ids = new Set(units.map((u) => u.id));
    const mine = <T extends { unitId: string }>(items: T[]) => items.filter((i) => ids.has(i.unitId));
    const cases = !withCases ? [] : asOf ? mine(all.cases) : this.facts.yearCases(q.year, [...ids]);
    return { now, input: { units, cases, breaches: mine(all.breaches), guarantees: mine(all.guarantees) } };
  }
}
