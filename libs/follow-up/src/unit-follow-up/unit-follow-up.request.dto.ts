import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { ProjectionQuery } from '@app/platform';

export class FollowUpQuery extends ProjectionQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a year such as 2026' })
  @Min(2000)
  @Max(2100)
  year: number;
  @ApiPropertyOptional({ description: 'record time: the figures as the system showed them at this instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 instant' })
  asOf?: string;
}
