import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { IsYear, ProjectionQuery } from '@app/platform';

export class FollowUpQuery extends ProjectionQuery {
  @IsYear()
  year: number;
  @ApiPropertyOptional({ description: 'record time: the figures as the system showed them at this instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 instant' })
  asOf?: string;
}

/** `compare=true`: the figures also carry `previousYear`, the same figures for the period of the year before. */
export const CompareParam = () =>
  ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: add previousYear (the year before; while the year runs, 1 January up to the same date)',
  });

export class UnitFollowUpQuery extends FollowUpQuery {
  @CompareParam() @IsOptional() @IsIn(['true', 'false']) compare?: 'true' | 'false';
}
