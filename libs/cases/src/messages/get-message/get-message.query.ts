import { ForbiddenException, Inject } from '@nestjs/common';
import { CommandBus, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { canReadContent, mustSeeCase } from '../../case.view';
import { RecordDisclosure } from '../../record-disclosure/record-disclosure.command';
import { letterPdf } from '../letter.pdf';
import { messageContent, openQueued } from '../message-context';
import { renderMessage } from '../message.template';
import { caseMessages } from '../message.view';

/** One message of a case: as JSON, or (`letter`) as the printable PDF letter. */
export class GetMessage {
  constructor(
    readonly caseId: string,
    readonly messageId: string,
    readonly user: Principal,
    readonly format: 'json' | 'letter' = 'json',
  ) {}
}

/**
 * A message with its delivery, read like the case's GET: whoever may see the case sees the message; its text and
 * recipient only those who may read the case's text, and reading a confidential case's message is a disclosure,
 * logged. 404 for a message the case does not have, 410 once the case's personal data was erased.
 */
@QueryHandler(GetMessage)
export class GetMessageHandler implements IQueryHandler<GetMessage, object | Buffer> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
  ) {}

  async execute({ caseId, messageId, user, format }: GetMessage): Promise<object | Buffer> {
    const opened = await openQueued(this.store, caseId, messageId, (s) => mustSeeCase(user, s.unitId!));
    const { message: m, current } = opened;
    const withContent = canReadContent(user, current);
    if (format === 'letter' && !withContent) throw new ForbiddenException('you may not read the text of this confidential case');
    if (current.confidential && withContent) await this.commands.execute(new RecordDisclosure(user, { caseId, reference: m.reference }));
    const content = await messageContent(this.store, opened, this.config.municipalityName);
    if (format === 'letter') return letterPdf({ content, recipient: postalOf(opened), queuedAt: m.at });
    const delivery = (await caseMessages(this.store, current, withContent)).find((d) => d.messageId === messageId)!;
    return {
      ...delivery,
      ...(withContent ? { recipient: m.recipient ?? null, subject: renderMessage(content).subject, text: content.text } : {}),
    };
  }
}

/** A letter goes to the postal address it was queued for; any other message to the submitter's name and address then. */
function postalOf({ message, state }: Parameters<typeof messageContent>[1]): string {
  if (message.channel === 'letter' && message.recipient) return message.recipient;
  const s = state.submitter && !('erased' in state.submitter) ? state.submitter : {};
  return [s.name, s.address].filter(Boolean).join(', ');
}
