import { Body, Get, Headers, Param, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiProduces } from '@nestjs/swagger';
import { AnyStaffRole, CurrentUser, Principal } from '@app/auth';
import { ApiController, CommandRoute, IfMatch } from '@app/platform';
import { GetMessage } from './get-message/get-message.query';
import { PDF_TYPE } from './letter.pdf';
import { ResendMessage } from './resend-message/resend-message.command';
import { ResendMessageRequest } from './resend-message/resend-message.request.dto';

/**
 * A case's messages to the submitter: one read as JSON, or as the printable letter (`Accept: application/pdf`); sent
 * again after the submitter's contact details were corrected.
 */
@ApiController('cases', 'api/cases')
export class CaseMessagesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get(':id/messages/:messageId')
  @AnyStaffRole()
  @ApiProduces('application/json', PDF_TYPE)
  async get(
    @Param('id') id: string,
    @Param('messageId') messageId: string,
    @CurrentUser() user: Principal,
    @Headers('accept') accept?: string,
  ): Promise<object> {
    if (!accept?.includes(PDF_TYPE)) return this.queries.execute(new GetMessage(id, messageId, user));
    const pdf: Buffer = await this.queries.execute(new GetMessage(id, messageId, user, 'letter'));
    return new StreamableFile(pdf, { type: PDF_TYPE, disposition: `inline; filename="brev-${messageId}.pdf"` });
  }

  @CommandRoute(':id/messages/:messageId/resend', 'manager', 'admin')
  resend(
    @Param('id') id: string,
    @Param('messageId') messageId: string,
    @Body() body: ResendMessageRequest,
    @CurrentUser() user: Principal,
    @IfMatch() rev?: bigint,
  ) {
    return this.commands.execute(new ResendMessage(id, messageId, body.send, user, rev));
  }
}
