import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MessageStepRequest } from '../messages/message-step.request.dto';

export class AwaitComplainantRequest extends MessageStepRequest {
  @ApiProperty({ example: 'Vilken dag hände det?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  question: string;
}
