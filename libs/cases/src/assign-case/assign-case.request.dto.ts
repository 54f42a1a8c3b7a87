import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { BusinessTimeRequest } from '../case-lifecycle/business-time.request.dto';

export class AssignCaseRequest extends BusinessTimeRequest {
  @ApiProperty({ example: 'Karin Berg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  assignee: string;
}
