import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { AnyStaffRole } from '@app/auth';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CLOCK, Clock, stockholmYear } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionQuery, ProjectionRead, ProjectionsHost, SqlFilter } from '@app/platform';
import { readGuarantee } from '../resource-readers';
import { GUARANTEES_PROJECTION } from './guarantees.projection';

const STATUSES = ['draft', 'adopted', 'withdrawn', 'expired'] as const;

export class ListGuaranteesQuery extends ProjectionQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
}

interface Row {
  id: string;
  unit_id: string;
  year: number;
  status: string;
  version: number;
  title: string;
  in_force_version: number | null;
  decided_on: string | null;
  decision_ref: string | null;
}

/** Guarantees are published promises: every role reads them. */
@ApiTags('guarantees')
@ApiBearerAuth()
@Controller('api/guarantees')
export class ListGuaranteesController {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @AnyStaffRole()
  @ProjectionRead(GUARANTEES_PROJECTION)
  list(@Query() q: ListGuaranteesQuery) {
    const thisYear = stockholmYear(this.clock.now());
    const f = new SqlFilter()
      .eq('unit_id', q.unitId)
      .eq('year', q.year)
      .add("status = 'adopted' AND year < ?", [thisYear], q.status === 'expired')
      .add("status = 'adopted' AND year >= ?", [thisYear], q.status === 'adopted')
      .eq('status', q.status === 'expired' || q.status === 'adopted' ? undefined : q.status);
    const rows = this.host.readModels.all<Row>(`SELECT * FROM guarantees ${f.where} ORDER BY year DESC, unit_id`, ...f.params);
    return {
      guarantees: rows.map((r) => ({
        id: r.id,
        unitId: r.unit_id,
        year: r.year,
        status: r.status === 'adopted' && r.year < thisYear ? 'expired' : r.status,
        version: r.version,
        title: r.title,
        ...(r.in_force_version ? { inForceVersion: r.in_force_version, decidedOn: r.decided_on, decisionRef: r.decision_ref } : {}),
      })),
    };
  }

  @Get(':id')
  @AnyStaffRole()
  get(@Param('id') id: string) {
    return readGuarantee(this.store, id, this.clock.now());
  }
}
