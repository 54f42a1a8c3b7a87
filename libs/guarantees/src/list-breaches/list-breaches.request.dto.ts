import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProjectionQuery, TrueOrFalse } from '@app/platform';
import { BREACH_STATUSES as STATUSES } from './list-breaches.query';

export class ListBreachesQuery extends ProjectionQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @TrueOrFalse('only breaches with a planned remedy past its due date') overdueRemedies?: string;
  @TrueOrFalse('only confirmed breaches with no remedy planned yet (DOMAIN: a confirmed breach needs one)') needsRemedy?: string;
}
