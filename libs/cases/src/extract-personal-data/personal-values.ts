import { RecordedEvent } from '@app/core';
import { PersonalDataRule } from '@app/event-store';

export interface PersonalValue {
  /** Where the value was recorded: the event and the dot path of the field in its data. */
  source: { streamId: string; revision: number; eventId: string; type: string; recordedAt: string };
  field: string;
  /** The value as it reads now: `{ erased: true }` once the case's key is destroyed. */
  value: unknown;
}

const valueAt = (data: unknown, path: string) =>
  path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), data);

/**
 * Every personal value the events hold for `subject`, read through the policy that sealed them (so values written in
 * the clear before a field was sealed are listed too), in the order they were recorded.
 */
export function personalValues(events: RecordedEvent[], rules: Record<string, PersonalDataRule>, subject: string): PersonalValue[] {
  return events.flatMap((e) => {
    const rule = rules[e.type];
    if (!rule || rule.subject(e) !== subject) return [];
    return rule.fields
      .map((field) => ({ field, value: valueAt(e.data, field) }))
      .filter(({ value }) => value !== undefined && value !== null)
      .map(({ field, value }) => ({
        source: { streamId: e.streamId, revision: Number(e.revision), eventId: e.id, type: e.type, recordedAt: e.metadata.recordedAt },
        field,
        value,
      }));
  });
}
