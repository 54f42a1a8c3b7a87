import { Decider, InvalidInputError, isCalendarDate, NotFoundError, RuleViolationError, stockholmDate } from '@app/core';
import { Commitment, GuaranteeContent, GuaranteeContentInput, GuaranteeEvent, guaranteeIdFor } from './guarantee.events';

export type VersionStatus = 'draft' | 'adopted' | 'superseded' | 'withdrawn';

export interface GuaranteeVersion extends GuaranteeContent {
  version: number;
  status: VersionStatus;
  draftedAt: string;
  decidedOn?: string;
  decisionRef?: string;
  inForceFrom?: string;
  /** Exclusive end date; absent = to the end of the year. */
  inForceUntil?: string;
  withdrawReason?: string;
}

export interface GuaranteeState {
  exists: boolean;
  guaranteeId?: string;
  unitId?: string;
  year?: number;
  versions: GuaranteeVersion[];
}

export type GuaranteeCommand =
  | { type: 'DraftGuarantee'; unitId: string; year: number; content: GuaranteeContentInput; unitOpen: boolean; now: Date }
  | { type: 'ReviseGuarantee'; guaranteeId: string; content: GuaranteeContentInput; now: Date }
  | { type: 'AdoptGuarantee'; guaranteeId: string; decidedOn: string; decisionRef: string; now: Date }
  | { type: 'WithdrawGuarantee'; guaranteeId: string; reason: string; now: Date };

const latest = (s: GuaranteeState) => s.versions[s.versions.length - 1];
const yearEnd = (year: number) => `${year}-12-31`;

export const guaranteeDecider: Decider<GuaranteeState, GuaranteeCommand, GuaranteeEvent> = {
  initialState: () => ({ exists: false, versions: [] }),

  evolve(state, event) {
    switch (event.type) {
      case 'GuaranteeDrafted.v1': {
        const e = event.data;
        const version: GuaranteeVersion = {
          version: e.version,
          status: 'draft',
          draftedAt: e.at,
          title: e.title,
          intro: e.intro,
          commitments: e.commitments,
          remedy: e.remedy,
          contact: e.contact,
        };
        const versions = state.versions.filter((v) => v.version !== e.version).concat(version);
        return { exists: true, guaranteeId: e.guaranteeId, unitId: e.unitId, year: e.year, versions };
      }
      case 'GuaranteeAdopted.v1': {
        const e = event.data;
        return {
          ...state,
          versions: state.versions.map((v) =>
            v.version === e.version
              ? { ...v, status: 'adopted', decidedOn: e.decidedOn, decisionRef: e.decisionRef, inForceFrom: e.inForceFrom }
              : v.version === e.supersedesVersion
                ? { ...v, status: 'superseded', inForceUntil: e.inForceFrom }
                : v,
          ),
        };
      }
      case 'GuaranteeWithdrawn.v1': {
        const e = event.data;
        return {
          ...state,
          versions: state.versions.map((v) =>
            v.version === e.version ? { ...v, status: 'withdrawn', inForceUntil: e.withdrawnOn, withdrawReason: e.reason } : v,
          ),
        };
      }
    }
  },

  decide(command, state) {
    const at = command.now.toISOString();
    const today = stockholmDate(command.now);
    switch (command.type) {
      case 'DraftGuarantee': {
        validateYear(command.year, today);
        if (!command.unitOpen) throw new RuleViolationError('unit_closed', `unit ${command.unitId} is closed`);
        const guaranteeId = guaranteeIdFor(command.unitId, command.year);
        if (state.exists) {
          throw new RuleViolationError(
            'guarantee_exists',
            `unit ${command.unitId} already has a guarantee for ${command.year} (${guaranteeId}); revise it instead`,
          );
        }
        const content = normaliseContent(command.content, []);
        return [
          { type: 'GuaranteeDrafted.v1', data: { guaranteeId, unitId: command.unitId, year: command.year, version: 1, ...content, at } },
        ];
      }
      case 'ReviseGuarantee': {
        const s = requireExisting(state, command.guaranteeId);
        if (today > yearEnd(s.year!)) throw new RuleViolationError('guarantee_expired', `the guarantee's year ${s.year} has ended`);
        const last = latest(s);
        const version = last.status === 'draft' ? last.version : last.version + 1;
        const content = normaliseContent(
          command.content,
          s.versions.flatMap((v) => v.commitments),
        );
        return [
          { type: 'GuaranteeDrafted.v1', data: { guaranteeId: s.guaranteeId!, unitId: s.unitId!, year: s.year!, version, ...content, at } },
        ];
      }
      case 'AdoptGuarantee': {
        const s = requireExisting(state, command.guaranteeId);
        const draft = latest(s);
        if (draft.status !== 'draft') {
          throw new RuleViolationError(
            'not_a_draft',
            `version ${draft.version} is ${draft.status}; only a draft can be adopted (revise to make a new draft)`,
          );
        }
        if (!isCalendarDate(command.decidedOn)) throw new InvalidInputError([{ field: 'decidedOn', message: 'must be a date YYYY-MM-DD' }]);
        if (command.decidedOn > today)
          throw new InvalidInputError([{ field: 'decidedOn', message: 'the board decision cannot be in the future' }]);
        if (command.decidedOn > yearEnd(s.year!)) {
          throw new RuleViolationError('guarantee_expired', `a guarantee for ${s.year} cannot be adopted after that year`);
        }
        const inForceFrom = command.decidedOn < `${s.year}-01-01` ? `${s.year}-01-01` : command.decidedOn;
        const current = s.versions.find((v) => v.status === 'adopted');
        if (current && current.inForceFrom! > inForceFrom) {
          throw new RuleViolationError(
            'decision_before_current',
            `version ${current.version} is in force from ${current.inForceFrom}; a later version cannot take effect before it`,
          );
        }
        return [
          {
            type: 'GuaranteeAdopted.v1',
            data: {
              guaranteeId: s.guaranteeId!,
              unitId: s.unitId!,
              year: s.year!,
              version: draft.version,
              decidedOn: command.decidedOn,
              decisionRef: command.decisionRef,
              inForceFrom,
              ...(current ? { supersedesVersion: current.version } : {}),
              at,
            },
          },
        ];
      }
      case 'WithdrawGuarantee': {
        const s = requireExisting(state, command.guaranteeId);
        const targets = s.versions.filter((v) => v.status === 'adopted' || v.status === 'draft');
        if (!targets.length)
          throw new RuleViolationError('nothing_to_withdraw', 'the guarantee has no adopted or draft version to withdraw');
        return targets.map((v) => ({
          type: 'GuaranteeWithdrawn.v1' as const,
          data: {
            guaranteeId: s.guaranteeId!,
            unitId: s.unitId!,
            year: s.year!,
            version: v.version,
            reason: command.reason,
            withdrawnOn: today,
            at,
          },
        }));
      }
    }
  },
};

function requireExisting(state: GuaranteeState, id: string): GuaranteeState {
  if (!state.exists) throw new NotFoundError('guarantee', id);
  return state;
}

function validateYear(year: number, today: string): void {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > thisYear + 1) {
    throw new InvalidInputError([{ field: 'year', message: `must be a year from 2000 to ${thisYear + 1}` }]);
  }
}

/** Gives every commitment a stable id (keeping given ones) and checks there is at least one. */
function normaliseContent(content: GuaranteeContentInput, earlier: Commitment[]): GuaranteeContent {
  if (!content.commitments?.length) throw new InvalidInputError([{ field: 'commitments', message: 'must hold at least one commitment' }]);
  const used = new Set(content.commitments.map((c) => c.id).filter(Boolean));
  const dupes = content.commitments.filter((c, i) => c.id && content.commitments.findIndex((o) => o.id === c.id) !== i);
  if (dupes.length) throw new InvalidInputError([{ field: 'commitments', message: `commitment id ${dupes[0].id} is used twice` }]);
  let next = 1 + Math.max(0, ...[...earlier.map((c) => c.id), ...used].map((id) => Number(/^c(\d+)$/.exec(id ?? '')?.[1] ?? 0)));
  const commitments = content.commitments.map((c) => {
    const id = c.id || `c${next++}`;
    return { id, text: c.text, ...(c.responseWorkingDays !== undefined ? { responseWorkingDays: c.responseWorkingDays } : {}) };
  });
  return {
    title: content.title,
    ...(content.intro ? { intro: content.intro } : {}),
    commitments,
    remedy: content.remedy,
    contact: content.contact,
  };
}

/** Which version's commitment was in force on the Stockholm day of `at` — or why none was. */
export function commitmentInForce(
  state: GuaranteeState,
  commitmentId: string,
  at: Date,
): { ok: true; version: number; commitment: Commitment } | { ok: false; reason: string } {
  if (!state.exists) return { ok: false, reason: 'the guarantee does not exist' };
  const day = stockholmDate(at);
  if (day < `${state.year}-01-01` || day > yearEnd(state.year!)) {
    return { ok: false, reason: `the guarantee ${state.guaranteeId} applies to ${state.year}, not ${day}` };
  }
  const version = state.versions.find(
    (v) => v.inForceFrom !== undefined && v.inForceFrom <= day && (v.inForceUntil === undefined || day < v.inForceUntil),
  );
  if (!version) return { ok: false, reason: `no adopted version of guarantee ${state.guaranteeId} was in force on ${day}` };
  const commitment = version.commitments.find((c) => c.id === commitmentId);
  if (!commitment) return { ok: false, reason: `commitment ${commitmentId} is not part of version ${version.version} in force on ${day}` };
  return { ok: true, version: version.version, commitment };
}

/** The status a user sees: an adopted guarantee expires when its year is over. */
export function displayStatus(state: GuaranteeState, now: Date): VersionStatus | 'expired' {
  const status = latest(state).status;
  return status === 'adopted' && stockholmDate(now) > yearEnd(state.year!) ? 'expired' : status;
}
