import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { BusinessTimeRequest } from '../case-lifecycle/business-time.request.dto';

export class ReopenCaseRequest extends BusinessTimeRequest {
  @ApiProperty({ example: 'Problemet kvarstår' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason: string;
}
