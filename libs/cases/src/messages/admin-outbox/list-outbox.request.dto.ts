import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProjectionQuery } from '@app/platform';

export const OUTBOX_FILTERS = ['queued', 'sending', 'sent', 'failed', 'to_print', 'printed', 'cancelled'] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

export class ListOutboxQuery extends ProjectionQuery {
  @ApiPropertyOptional({ enum: OUTBOX_FILTERS, description: 'to_print: the print queue; failed: what did not reach the submitter' })
  @IsOptional()
  @IsIn(OUTBOX_FILTERS, { message: `status must be one of ${OUTBOX_FILTERS.join(', ')}` })
  status?: OutboxFilter;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize?: number;
}
