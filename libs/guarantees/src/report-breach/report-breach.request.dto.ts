import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class ReportBreachRequest {
  @ApiProperty({ example: 'hagerstens-gruppbostader-2026' }) @IsString() @IsNotEmpty() @MaxLength(100) guaranteeId: string;
  @ApiProperty({ example: 'c1' }) @IsString() @IsNotEmpty() @MaxLength(40) commitmentId: string;
  @ApiProperty({ example: '2026-02-20T10:00:00+01:00' })
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO 8601 instant' })
  occurredAt: string;
  @ApiProperty({ example: 'Svaret på synpunkten dröjde tre veckor.' }) @IsString() @IsNotEmpty() @MaxLength(4000) description: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) caseId?: string;
}
