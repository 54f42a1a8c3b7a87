import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PositionField } from '../audit-events/position-field';

export class ExportQuery {
  @PositionField('fromPosition', "an event's position, written first (inclusive)")
  fromPosition?: string;
  @PositionField('after', "an event's position, written after (exclusive): the last line's position of an export cut short")
  after?: string;
  @ApiPropertyOptional({ description: "'true' = personal data decrypted (not importable)" })
  @IsOptional()
  @IsIn(['true', 'false'])
  plaintext?: string;
}
