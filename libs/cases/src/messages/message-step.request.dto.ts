import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BusinessTimeRequest } from '../case-lifecycle/business-time.request.dto';
import { SEND_OPTIONS, SendOption } from '../case.events';

/** A step that gives the submitter a message (acknowledge, await-complainant, delay-notice, respond): how it goes. */
export class MessageStepRequest extends BusinessTimeRequest {
  @ApiPropertyOptional({
    enum: SEND_OPTIONS,
    default: 'auto',
    description: 'auto: e-mail if the submitter left an address, else a letter if they left a postal address, else none (recorded only)',
  })
  @IsOptional()
  @IsIn(SEND_OPTIONS, { message: `send must be one of ${SEND_OPTIONS.join(', ')}` })
  send?: SendOption;
}
