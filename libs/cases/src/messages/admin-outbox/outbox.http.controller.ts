import { Get, Param, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { ApiController, CommandRoute, ProjectionRead } from '@app/platform';
import { OUTBOX_PROJECTION } from '../outbox.projection';
import { ListOutbox } from './list-outbox.query';
import { ListOutboxQuery } from './list-outbox.request.dto';
import { RetryMessage } from './retry-message.command';

/**
 * The outbox: every e-mail and letter to submitters with where its delivery stands (`?status=failed`: what did not
 * arrive; `?status=to_print`: the print queue). Managers see their units' messages, administrators and auditors (the dashboard's readers) all of them; only an
 * administrator retries.
 */
@ApiController('admin', 'api/admin/outbox')
export class OutboxController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @Roles('admin', 'manager', 'auditor')
  @ProjectionRead(OUTBOX_PROJECTION)
  list(@Query() q: ListOutboxQuery, @CurrentUser() user: Principal) {
    return this.queries.execute(
      new ListOutbox({ status: q.status, unitId: q.unitId, page: q.page ?? 1, pageSize: q.pageSize ?? 50 }, user),
    );
  }

  /** A failed message back in the queue, its attempts from none (after the mail server or the address was put right). */
  @CommandRoute(':messageId/retry', 'admin')
  retry(@Param('messageId') messageId: string, @CurrentUser() user: Principal) {
    return this.commands.execute(new RetryMessage(messageId, user));
  }
}
