import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { BusinessTimeRequest } from '../case-lifecycle/business-time.request.dto';

export class TransferCaseRequest extends BusinessTimeRequest {
  @ApiProperty({ example: 'forskolan-solrosen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  toUnitId: string;

  @ApiProperty({ example: 'Gäller en annan enhet' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
