import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CompleteRemedyRequest {
  @ApiPropertyOptional({ description: 'when the remedy was completed (business time); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'completedAt must be an ISO 8601 instant' })
  completedAt?: string;
  @ApiProperty({ example: 'Nytt möte hölls; brukaren nöjd.' }) @IsString() @IsNotEmpty() @MaxLength(4000) outcome: string;
  @ApiProperty() @IsBoolean() complainantInformed: boolean;
}
