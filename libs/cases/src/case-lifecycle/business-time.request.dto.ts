import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** Every lifecycle command may be dated in business time (not in the future, not before the previous step). */
export class BusinessTimeRequest {
  @ApiPropertyOptional({ description: 'when it happened (business time); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 instant' })
  at?: string;
}

export const businessTime = (r: BusinessTimeRequest) => (r.at ? new Date(r.at) : undefined);
