/** What the policy sees of an event about to be appended (plaintext). */
export interface PolicyEvent {
  streamId: string;
  type: string;
  data: unknown;
}

export interface PersonalDataRule {
  /** Whose key seals this event's personal data, e.g. `(e) => e.streamId` or `(e) => data(e).caseId`. */
  subject: (event: PolicyEvent) => string | undefined;
  /** Dot paths into `data` that are encrypted: `submitter`, `description`, `submitter.email`. Absent fields are skipped. */
  fields: string[];
}

/** Which event types carry personal data, whose it is, and where in the event it sits. Keyed by versioned event type. */
export class PersonalDataPolicy {
  private readonly rules: ReadonlyMap<string, PersonalDataRule>;

  constructor(rules: Record<string, PersonalDataRule> = {}) {
    for (const [type, rule] of Object.entries(rules)) {
      if (!rule.fields.length) throw new Error(`personal-data rule for ${type} names no fields`);
      for (const path of rule.fields) {
        if (path.split('.').some((segment) => !segment || segment === '$enc' || segment === '__proto__')) {
          throw new Error(`personal-data rule for ${type}: "${path}" is not a dot path`);
        }
      }
    }
    this.rules = new Map(Object.entries(rules));
  }

  static none(): PersonalDataPolicy {
    return new PersonalDataPolicy();
  }

  ruleFor(type: string): PersonalDataRule | undefined {
    return this.rules.get(type);
  }

  carriesPersonalData(type: string): boolean {
    return this.rules.has(type);
  }

  get types(): string[] {
    return [...this.rules.keys()];
  }

  /** The subject of an event the policy covers; a covered event without one is refused rather than stored in the clear. */
  subjectOf(event: PolicyEvent): string | undefined {
    const rule = this.rules.get(event.type);
    if (!rule) return undefined;
    const subject = rule.subject(event);
    if (typeof subject !== 'string' || !subject) {
      throw new Error(`${event.type} in ${event.streamId} carries personal data but its subject cannot be determined`);
    }
    return subject;
  }
}

/** Shorthand for rules: the event's data as a plain record. */
export const dataOf = (event: PolicyEvent): Record<string, unknown> => (event.data ?? {}) as Record<string, unknown>;
