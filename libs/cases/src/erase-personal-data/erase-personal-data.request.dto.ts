import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ErasePersonalDataRequest {
  @ApiProperty({
    example: 'Begäran om radering enligt GDPR art. 17, dnr 2026/123',
    description: 'An administrative note, kept in the clear in the log: it must hold no personal data (no names, no details of the case).',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
