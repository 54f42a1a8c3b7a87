import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { SubmitterRequest } from '../register-case/register-case.request.dto';

export class RectifySubmitterRequest {
  @ApiProperty({ type: SubmitterRequest, description: 'the corrected contact details; they replace the recorded ones' })
  @IsObject({ message: 'submitter must be an object' })
  @ValidateNested()
  @Type(() => SubmitterRequest)
  submitter: SubmitterRequest;
}
