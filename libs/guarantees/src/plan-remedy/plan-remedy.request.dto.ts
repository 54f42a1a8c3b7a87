import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@app/platform';

export class PlanRemedyRequest {
  @ApiProperty({ example: 'Enhetschefen ringer upp och bokar ett nytt möte.' }) @IsString() @IsNotEmpty() @MaxLength(4000) action: string;
  @ApiProperty({ example: 'Anna Svensson, enhetschef' }) @IsString() @IsNotEmpty() @MaxLength(200) responsible: string;
  @ApiProperty({ example: '2026-03-15' }) @IsCalendarDate({ message: 'dueOn must be a calendar date YYYY-MM-DD' }) dueOn: string;
  @ApiPropertyOptional({ description: 'when it was planned (business time); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 instant' })
  at?: string;
}
