import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class ExportQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,18}$/, { message: 'fromPosition must be a whole number' }) fromPosition?: string;
  @ApiPropertyOptional({ description: "'true' = personal data decrypted (not importable)" })
  @IsOptional()
  @IsIn(['true', 'false'])
  plaintext?: string;
}
