import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { canReadContent, CaseRegistered, casePersonalData, CaseState, caseStream, RecordDisclosure } from '@app/cases';
import { RecordedEvent } from '@app/core';
import { EVENT_STORE, EventStore, isEncryptedEnvelope, isErased } from '@app/event-store';

const valueAt = (data: unknown, path: string) =>
  path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), data);

/** A personal-data field handed out as text: present, neither erased nor sealed. */
const isText = (v: unknown) => v !== undefined && v !== null && !isEncryptedEnvelope(v) && !isErased(v);

/** The case whose text this event hands out in the clear, if any. */
function caseWithText(e: RecordedEvent): string | undefined {
  const rule = casePersonalData[e.type];
  if (!rule || !rule.fields.some((path) => isText(valueAt(e.data, path)))) return undefined;
  return rule.subject(e);
}

/** Every auditor path that hands out a confidential case's text logs it (RecordDisclosure), as the cases GET does. */
@Injectable()
export class CaseDisclosures {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
  ) {}

  /** A case view about to be returned with its text. */
  async forState(user: Principal, state: CaseState) {
    const hasText = isText(state.description) || isText(state.submitter);
    if (state.confidential && hasText && canReadContent(user, state)) {
      await this.commands.execute(new RecordDisclosure(user, { caseId: state.caseId!, reference: state.reference! }));
    }
  }

  /**
   * Events about to be returned decrypted: one disclosure per confidential case whose text they carry.
   * `seen` spans the pages of one response, so a long export logs each case once.
   */
  async forEvents(user: Principal, events: RecordedEvent[], seen = new Set<string>()) {
    for (const caseId of new Set(events.map(caseWithText))) {
      if (!caseId || seen.has(caseId)) continue;
      seen.add(caseId);
      const [first] = await this.store.readStream(caseStream(caseId), { maxCount: 1 });
      const registered = first?.type === 'CaseRegistered.v1' ? (first.data as CaseRegistered['data']) : undefined;
      if (registered?.confidential && canReadContent(user, registered)) {
        await this.commands.execute(new RecordDisclosure(user, { caseId: registered.caseId, reference: registered.reference }));
      }
    }
  }
}
