import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { BusinessTimeRequest } from '../case-lifecycle/business-time.request.dto';

export class AwaitComplainantRequest extends BusinessTimeRequest {
  @ApiProperty({ example: 'Vilken dag hände det?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  question: string;
}
