import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch, ApiController } from '@app/platform';
import { RectifySubmitter } from './rectify-submitter.command';
import { RectifySubmitterRequest } from './rectify-submitter.request.dto';

@ApiController('data protection', 'api/cases')
export class RectifySubmitterController {
  constructor(private readonly commands: CommandBus) {}

  /** GDPR art. 16: the unit's manager or an admin corrects the submitter's contact details (sealed like the rest). */
  @Post(':id/rectify-submitter')
  @HttpCode(200)
  @Roles('manager', 'admin')
  rectify(@Param('id') id: string, @Body() body: RectifySubmitterRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    return this.commands.execute(new RectifySubmitter({ caseId: id, user, expectedRevision: rev }, { ...body.submitter }));
  }
}
