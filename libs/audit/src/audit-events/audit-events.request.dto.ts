import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditEventsQuery {
  @ApiPropertyOptional({ description: "an event's position, returned first (inclusive): a page's nextPosition, or an event's position" })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'fromPosition must be a position (a whole number)' })
  fromPosition?: string;
  @ApiPropertyOptional({ description: "an event's position, returned after (exclusive): a page's lastPosition, or X-Event-Position" })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'after must be a position (a whole number)' })
  after?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ example: 'CaseRegistered.v1' }) @IsOptional() @IsString() @MaxLength(100) type?: string;
  @ApiPropertyOptional({ example: 'case-' }) @IsOptional() @IsString() @MaxLength(200) streamPrefix?: string;
}
