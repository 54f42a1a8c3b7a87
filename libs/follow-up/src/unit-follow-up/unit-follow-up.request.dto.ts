import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { IsYear, ProjectionQuery } from '@app/platform';

export class FollowUpQuery extends ProjectionQuery {
  @IsYear()
  year: number;
  @ApiPropertyOptional({ description: 'record time: the figures as the system showed them at this instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 instant' })
  asOf?: string;
}
