import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProjectionQuery } from '@app/platform';
import { CASE_TYPES, CaseType } from '../case.events';

const STATUSES = [
  'received',
  'acknowledged',
  'in_progress',
  'transferred',
  'awaiting_complainant',
  'responded',
  'reopened',
  'closed',
  'open',
] as const;

export class ListCasesQuery extends ProjectionQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @ApiPropertyOptional({ enum: STATUSES, description: "'open' = every status but closed" })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ enum: CASE_TYPES }) @IsOptional() @IsIn(CASE_TYPES) type?: CaseType;
  @ApiPropertyOptional({ description: 'only cases overdue on acknowledgement or response' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: string;
  @ApiPropertyOptional({ description: 'received at or after (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'received before (ISO 8601)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize?: number;
}
