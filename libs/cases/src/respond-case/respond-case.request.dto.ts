import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MessageStepRequest } from '../messages/message-step.request.dto';
import { Outcome, OUTCOMES } from '../case.events';

export class RespondCaseRequest extends MessageStepRequest {
  @ApiProperty({ example: 'Tack för din synpunkt. Vi har …' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  message: string;

  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptional()
  @IsIn(OUTCOMES, { message: `outcome must be one of ${OUTCOMES.join(', ')}` })
  outcome?: Outcome;
}
