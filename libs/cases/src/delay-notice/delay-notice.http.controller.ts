import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch } from '@app/platform';
import { stepBy } from '../case-lifecycle/business-time.request.dto';
import { SendDelayNotice } from './delay-notice.command';
import { SendDelayNoticeRequest } from './delay-notice.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class SendDelayNoticeController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/delay-notice')
  @HttpCode(200)
  @Roles('manager', 'admin')
  delayNotice(@Param('id') id: string, @Body() body: SendDelayNoticeRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(
      new SendDelayNotice(stepBy(id, body, user, rev), { reason: body.reason, newRespondBy: body.newRespondBy }),
    );
  }
}
