import { EventStore } from '@app/event-store';
import { loadUnit } from '@app/units';

/** Current names of the given units, read from their streams. */
export async function unitNames(store: EventStore, unitIds: string[]): Promise<(unitId: string) => string | undefined> {
  const names = new Map<string, string>();
  for (const id of new Set(unitIds)) {
    const unit = await loadUnit(store, id);
    if (unit.exists) names.set(id, unit.name!);
  }
  return (unitId) => names.get(unitId);
}
