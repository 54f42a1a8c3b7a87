import { Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal } from '@app/auth';
import { ApiController, CommandRoute } from '@app/platform';
import { MarkMessagePrinted } from './mark-printed.command';

@ApiController('cases', 'api/cases')
export class MarkPrintedController {
  constructor(private readonly commands: CommandBus) {}

  /** The letter left the print queue: answered with the message as the case lists it (`printed`). */
  @CommandRoute(':id/messages/:messageId/printed', 'manager', 'admin')
  printed(@Param('id') id: string, @Param('messageId') messageId: string, @CurrentUser() user: Principal) {
    return this.commands.execute(new MarkMessagePrinted(id, messageId, user));
  }
}
