import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'a published digest to compare with' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'digest must be 64 hex digits' })
  digest?: string;
  @ApiPropertyOptional({ description: 'the position the digest was taken at' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'position must be a whole number' })
  position?: string;
}
