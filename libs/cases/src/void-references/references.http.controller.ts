import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Roles } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { referenceSeries } from './reference-series';

export class ReferencesQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year such as 2026' })
  @Min(2000)
  @Max(2999)
  year: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class ReferencesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The year's reference series for the registrar: every number a case or a recorded void, nothing unexplained. */
  @Get('references')
  @Roles('auditor', 'admin')
  references(@Query() q: ReferencesQuery) {
    return referenceSeries(this.store, q.year, this.clock.now(), this.config.referenceVoidAfterSeconds * 1000);
  }
}
