import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

class BusinessTime {
  @ApiPropertyOptional({ description: 'when it happened (business time); default now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 instant' })
  at?: string;
}

export class ConfirmBreachRequest extends BusinessTime {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) note?: string;
}

export class RejectBreachRequest extends BusinessTime {
  @ApiProperty({ example: 'Svaret skickades i tid enligt diariet.' }) @IsString() @IsNotEmpty() @MaxLength(4000) reason: string;
}
