import { Decider, InvalidInputError, NotFoundError, RuleViolationError } from '@app/core';
import { UnitContact, UnitEvent } from './unit.events';

export interface UnitState {
  exists: boolean;
  unitId?: string;
  name?: string;
  department?: string;
  district?: string;
  status?: 'open' | 'closed';
  registeredAt?: string;
  closedAt?: string;
  contact?: UnitContact;
  /** Every name the unit has had, with the instant it took effect. */
  names: { name: string; from: string }[];
}

export type UnitCommand =
  | { type: 'RegisterUnit'; unitId: string; name: string; department: string; district: string; now: Date }
  | { type: 'RenameUnit'; unitId: string; name: string; now: Date }
  | { type: 'CloseUnit'; unitId: string; reason?: string; now: Date }
  | { type: 'SetUnitContact'; unitId: string; contact: UnitContact; now: Date };

export const UNIT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const unitDecider: Decider<UnitState, UnitCommand, UnitEvent> = {
  initialState: () => ({ exists: false, names: [] }),

  evolve(state, event) {
    switch (event.type) {
      case 'UnitRegistered.v1':
        return {
          exists: true,
          unitId: event.data.unitId,
          name: event.data.name,
          department: event.data.department,
          district: event.data.district,
          status: 'open',
          registeredAt: event.data.at,
          names: [{ name: event.data.name, from: event.data.at }],
        };
      case 'UnitRenamed.v1':
        return { ...state, name: event.data.name, names: [...state.names, { name: event.data.name, from: event.data.at }] };
      case 'UnitClosed.v1':
        return { ...state, status: 'closed', closedAt: event.data.at };
      case 'UnitContactSet.v1':
        return { ...state, contact: event.data.contact };
    }
  },

  decide(command, state) {
    const at = command.now.toISOString();
    switch (command.type) {
      case 'RegisterUnit': {
        if (!UNIT_ID.test(command.unitId) || command.unitId.length > 64) {
          throw new InvalidInputError([
            { field: 'id', message: 'must be a slug: lower-case letters, digits and single hyphens, at most 64 characters' },
          ]);
        }
        if (state.exists) throw new RuleViolationError('unit_exists', `unit ${command.unitId} is already registered`);
        return [
          {
            type: 'UnitRegistered.v1',
            data: { unitId: command.unitId, name: command.name, department: command.department, district: command.district, at },
          },
        ];
      }
      case 'RenameUnit': {
        const current = requireOpen(state, command.unitId);
        if (current.name === command.name) return [];
        return [{ type: 'UnitRenamed.v1', data: { unitId: command.unitId, name: command.name, previousName: current.name!, at } }];
      }
      case 'CloseUnit': {
        requireOpen(state, command.unitId);
        return [{ type: 'UnitClosed.v1', data: { unitId: command.unitId, ...(command.reason ? { reason: command.reason } : {}), at } }];
      }
      case 'SetUnitContact': {
        requireOpen(state, command.unitId);
        const contact = checkContact(command.contact);
        if (JSON.stringify(contact) === JSON.stringify(state.contact ?? {})) return [];
        return [{ type: 'UnitContactSet.v1', data: { unitId: command.unitId, contact, at } }];
      }
    }
  },
};

function requireOpen(state: UnitState, unitId: string): UnitState {
  if (!state.exists) throw new NotFoundError('unit', unitId);
  if (state.status === 'closed') throw new RuleViolationError('unit_closed', `unit ${unitId} is closed`);
  return state;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{3,28}[0-9]$/;

/** Contact details trimmed, blanks left out, in one key order (so that setting the same again decides nothing). */
function checkContact(given: UnitContact): UnitContact {
  const value = (v?: string) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const contact: UnitContact = {};
  const errors: { field: string; message: string }[] = [];
  const email = value(given.email);
  if (email && !EMAIL.test(email)) errors.push({ field: 'email', message: 'must be an e-mail address' });
  const phone = value(given.phone);
  if (phone && !PHONE.test(phone)) errors.push({ field: 'phone', message: 'must be a phone number: digits, spaces, +, - and ()' });
  if (errors.length) throw new InvalidInputError(errors);
  for (const key of ['email', 'phone', 'address', 'receiptText'] as const) {
    const v = key === 'email' ? email : key === 'phone' ? phone : value(given[key]);
    if (v) contact[key] = v;
  }
  return contact;
}
