import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditEventsQuery {
  @ApiPropertyOptional({ description: 'first position to return (inclusive); 1 = the start' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'fromPosition must be a whole number' })
  fromPosition?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ example: 'CaseRegistered.v1' }) @IsOptional() @IsString() @MaxLength(100) type?: string;
  @ApiPropertyOptional({ example: 'case-' }) @IsOptional() @IsString() @MaxLength(200) streamPrefix?: string;
}
