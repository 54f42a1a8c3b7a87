import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class WithdrawGuaranteeRequest {
  @ApiProperty({ example: 'Verksamheten läggs ned' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}
