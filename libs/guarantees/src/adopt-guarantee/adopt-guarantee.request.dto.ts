import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@app/platform';

export class AdoptGuaranteeRequest {
  @ApiProperty({ example: '2026-01-21' })
  @IsCalendarDate({ message: 'decidedOn must be a calendar date YYYY-MM-DD' })
  decidedOn: string;

  @ApiProperty({ example: '§ 7, dnr 1.2-600/2026' }) @IsString() @IsNotEmpty() @MaxLength(200) decisionRef: string;
}
