import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SEND_OPTIONS, SendOption } from '../../case.events';

export class ResendMessageRequest {
  @ApiPropertyOptional({
    enum: SEND_OPTIONS,
    default: 'auto',
    description: 'auto: e-mail if the submitter now has an address, else a letter if they have a postal address',
  })
  @IsOptional()
  @IsIn(SEND_OPTIONS, { message: `send must be one of ${SEND_OPTIONS.join(', ')}` })
  send?: SendOption;
}
