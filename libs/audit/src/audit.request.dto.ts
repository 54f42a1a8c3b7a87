import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class AuditEventsQuery {
  @ApiPropertyOptional({ description: 'first position to return (inclusive); 1 = the start' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'fromPosition must be a whole number' })
  fromPosition?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ example: 'CaseRegistered.v1' }) @IsOptional() @IsString() @MaxLength(100) type?: string;
  @ApiPropertyOptional({ example: 'case-' }) @IsOptional() @IsString() @MaxLength(200) streamPrefix?: string;
}

export class AsOfQuery {
  @ApiPropertyOptional({ description: 'record time; default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 instant' })
  asOf?: string;
}

export class ExportQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,18}$/, { message: 'fromPosition must be a whole number' }) fromPosition?: string;
  @ApiPropertyOptional({ description: "'true' = personal data decrypted (not importable)" })
  @IsOptional()
  @IsIn(['true', 'false'])
  plaintext?: string;
}

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
