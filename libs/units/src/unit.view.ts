import { UnitState } from './unit.decider';
import { UnitContact } from './unit.events';

export interface UnitView {
  id: string;
  name: string;
  department: string;
  district: string;
  status: 'open' | 'closed';
  registeredAt: string;
  closedAt?: string;
  /** How the public reaches the unit (empty until an admin sets it). */
  contact: UnitContact;
  names: { name: string; from: string }[];
}

export function toUnitView(s: UnitState): UnitView {
  return {
    id: s.unitId!,
    name: s.name!,
    department: s.department!,
    district: s.district!,
    status: s.status!,
    registeredAt: s.registeredAt!,
    ...(s.closedAt ? { closedAt: s.closedAt } : {}),
    contact: s.contact ?? {},
    names: s.names,
  };
}
