import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { assertUnitAccess, CurrentUser, Principal, Roles } from '@app/auth';
import { CLOCK, Clock, stockholmDate } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionQuery, ProjectionRead, ProjectionsHost, SqlFilter } from '@app/platform';
import { readBreach } from '../resource-readers';
import { BREACHES_PROJECTION } from './breaches.projection';

const STATUSES = ['reported', 'confirmed', 'rejected', 'remedied'] as const;

export class ListBreachesQuery extends ProjectionQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ description: 'only breaches with a planned remedy past its due date' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdueRemedies?: string;
  @ApiPropertyOptional({ description: 'only confirmed breaches with no remedy planned yet (DOMAIN: a confirmed breach needs one)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  needsRemedy?: string;
}

interface Row {
  id: string;
  unit_id: string;
  guarantee_id: string;
  commitment_id: string;
  status: string;
  occurred_at: string;
  case_id: string | null;
  overdue: number;
  remedy_count: number;
}

@ApiTags('breaches')
@ApiBearerAuth()
@Controller('api/breaches')
export class ListBreachesController {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Managers see their own units' breaches; admins and auditors see all. */
  @Get()
  @Roles('admin', 'manager', 'auditor')
  @ProjectionRead(BREACHES_PROJECTION)
  list(@Query() q: ListBreachesQuery, @CurrentUser() user: Principal) {
    if (q.unitId) assertUnitAccess(user, q.unitId);
    const today = stockholmDate(this.clock.now());
    const seesAll = user.roles.includes('admin') || user.roles.includes('auditor') || user.units.includes('*');
    const f = new SqlFilter(today)
      .eq('b.unit_id', q.unitId)
      .eq('b.year', q.year)
      .eq('b.status', q.status)
      .add('overdue > 0', [], q.overdueRemedies === 'true')
      .add("(b.status = 'confirmed' AND remedy_count = 0)", [], q.needsRemedy === 'true')
      .add("NOT (b.status = 'confirmed' AND remedy_count = 0)", [], q.needsRemedy === 'false');
    if (!seesAll) f.in('b.unit_id', user.units);
    const rows = this.host.readModels.all<Row>(
      `SELECT * FROM (SELECT b.*, (SELECT COUNT(*) FROM remedies r WHERE r.breach_id = b.id AND r.status = 'planned' AND r.due_on < ?) AS overdue,
         (SELECT COUNT(*) FROM remedies r WHERE r.breach_id = b.id) AS remedy_count FROM breaches b) b
       ${f.where} ORDER BY occurred_at DESC`,
      ...f.params,
    );
    return {
      breaches: rows.map((r) => ({
        id: r.id,
        status: r.status,
        unitId: r.unit_id,
        guaranteeId: r.guarantee_id,
        commitmentId: r.commitment_id,
        occurredAt: r.occurred_at,
        ...(r.case_id ? { caseId: r.case_id } : {}),
        overdueRemedies: r.overdue,
        needsRemedy: r.status === 'confirmed' && r.remedy_count === 0,
      })),
    };
  }

  @Get(':id')
  @Roles('admin', 'manager', 'auditor')
  get(@Param('id') id: string, @CurrentUser() user: Principal) {
    return readBreach(this.store, id, user, this.clock.now());
  }
}
