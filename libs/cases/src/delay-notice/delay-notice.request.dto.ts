import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@app/platform';
import { MessageStepRequest } from '../messages/message-step.request.dto';

export class SendDelayNoticeRequest extends MessageStepRequest {
  @ApiProperty({ example: 'Utredningen kräver mer tid' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason: string;

  @ApiPropertyOptional({ example: '2026-04-15' })
  @IsOptional()
  @IsCalendarDate({ message: 'newRespondBy must be a calendar date YYYY-MM-DD' })
  newRespondBy?: string;
}
