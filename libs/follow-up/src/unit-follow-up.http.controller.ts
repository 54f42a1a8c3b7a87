import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { assertUnitAccess, CurrentUser, Principal, Roles } from '@app/auth';
import { NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRead } from '@app/platform';
import { REPORT_PROJECTION } from './report.projection';
import { ReportFacts } from './report.service';
import { FollowUpQuery } from './report.request.dto';
import { openAndOverdue, yearlyReport } from './yearly-figures';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/units')
export class UnitFollowUpController {
  constructor(
    private readonly facts: ReportFacts,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The unit's figures for the year, with its open and overdue cases (as of now, or as of a past instant). */
  @Get(':id/follow-up')
  @Roles('manager', 'admin', 'auditor')
  @ProjectionRead(REPORT_PROJECTION)
  async followUp(@Param('id') id: string, @Query() q: FollowUpQuery, @CurrentUser() user: Principal) {
    if (!user.roles.includes('auditor')) assertUnitAccess(user, id);
    const asOf = this.facts.asOfInstant(q.asOf);
    const now = asOf ?? this.facts.now();
    const input = asOf ? await this.facts.asOf(asOf) : this.facts.current(q.year, [id]);
    const unit = input.units.find((u) => u.id === id);
    if (!unit) throw new NotFoundError('unit', id);
    const report = yearlyReport({ ...input, units: [unit] }, q.year, now, {}, asOf ? undefined : this.facts.caseTallies(q.year, now, [id]));
    const unitCases = asOf ? input.cases.filter((c) => c.unitId === id) : this.facts.openCasesOf(id);
    return { year: q.year, asOf: now.toISOString(), unit: report.units[0], ...openAndOverdue(unitCases, now) };
  }
}
