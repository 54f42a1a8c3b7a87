import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProjectionQuery } from '@app/platform';
import { GUARANTEE_LIST_STATUSES as STATUSES } from './list-guarantees.query';

export class ListGuaranteesQuery extends ProjectionQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) unitId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
}
