import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MessageStepRequest } from '../messages/message-step.request.dto';

export class AcknowledgeCaseRequest extends MessageStepRequest {
  @ApiPropertyOptional({ description: "the receipt's text; default: the receipt naming the reference and the response's deadline" })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  message?: string;
}
