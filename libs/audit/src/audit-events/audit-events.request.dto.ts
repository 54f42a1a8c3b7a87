import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PositionField } from './position-field';

export class AuditEventsQuery {
  @PositionField('fromPosition', "an event's position, returned first (inclusive): a page's nextPosition, or an event's position")
  fromPosition?: string;
  @PositionField('after', "an event's position, returned after (exclusive): a page's lastPosition, or X-Event-Position")
  after?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ example: 'CaseRegistered.v1' }) @IsOptional() @IsString() @MaxLength(100) type?: string;
  @ApiPropertyOptional({ example: 'case-' }) @IsOptional() @IsString() @MaxLength(200) streamPrefix?: string;
}
