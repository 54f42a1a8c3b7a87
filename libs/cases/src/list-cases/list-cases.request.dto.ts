import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsDateOrInstant, ProjectionQuery, TrueOrFalse } from '@app/platform';
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
  @TrueOrFalse('true: only cases overdue on acknowledgement or response; false: only cases that are not') overdue?: string;
  @TrueOrFalse(
    'true: only open cases overdue on their response with no delay notice sent, or whose latest notice named a newRespondBy now passed (FL 11 §); false: the others',
  )
  needsDelayNotice?: string;
  @TrueOrFalse('true: only cases not closed and received more than six months ago (FL 12 §); false: the others') openOverSixMonths?: string;
  @ApiPropertyOptional({ description: 'received at or after this instant, or from the start of this date (Europe/Stockholm)' })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;
  @ApiPropertyOptional({ description: 'received before this instant, or before the start of this date (Europe/Stockholm)' })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize?: number;
}
