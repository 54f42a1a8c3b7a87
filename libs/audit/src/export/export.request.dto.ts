import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

export class ExportQuery {
  @ApiPropertyOptional({ description: "an event's position, written first (inclusive)" })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'fromPosition must be a position (a whole number)' })
  fromPosition?: string;
  @ApiPropertyOptional({ description: "an event's position, written after (exclusive): the last line's position of an export cut short" })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'after must be a position (a whole number)' })
  after?: string;
  @ApiPropertyOptional({ description: "'true' = personal data decrypted (not importable)" })
  @IsOptional()
  @IsIn(['true', 'false'])
  plaintext?: string;
}
