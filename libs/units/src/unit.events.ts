export type UnitRegistered = {
  type: 'UnitRegistered.v1';
  data: { unitId: string; name: string; department: string; district: string; at: string };
};
export type UnitRenamed = { type: 'UnitRenamed.v1'; data: { unitId: string; name: string; previousName: string; at: string } };
export type UnitClosed = { type: 'UnitClosed.v1'; data: { unitId: string; reason?: string; at: string } };

export type UnitEvent = UnitRegistered | UnitRenamed | UnitClosed;

export const UNIT_CATEGORY = 'unit';
export const unitStream = (unitId: string) => `${UNIT_CATEGORY}-${unitId}`;
