export type UnitRegistered = {
  type: 'UnitRegistered.v1';
  data: { unitId: string; name: string; department: string; district: string; at: string };
};
export type UnitRenamed = { type: 'UnitRenamed.v1'; data: { unitId: string; name: string; previousName: string; at: string } };
export type UnitClosed = { type: 'UnitClosed.v1'; data: { unitId: string; reason?: string; at: string } };

/** How the public reaches the unit: its functional address (not personal data), used in letters and as Reply-To. */
export interface UnitContact {
  email?: string;
  phone?: string;
  address?: string;
  /** The unit's own receipt text, instead of the default template's. */
  receiptText?: string;
}
/** The unit's contact details set anew: the whole set replaces the earlier one. */
export type UnitContactSet = { type: 'UnitContactSet.v1'; data: { unitId: string; contact: UnitContact; at: string } };

export type UnitEvent = UnitRegistered | UnitRenamed | UnitClosed | UnitContactSet;

export const UNIT_CATEGORY = 'unit';
export const unitStream = (unitId: string) => `${UNIT_CATEGORY}-${unitId}`;
