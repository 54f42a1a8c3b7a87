import { Upcaster, UpcasterRegistry } from '@app/event-store';

/**
 * Every upcaster of the app, in one registry the event store runs on every read path. When an event's shape changes,
 * the module that owns it writes `Name.v2`, exports `[['Name.v1', v1ToV2]]`, and its list is added here: deciders,
 * projections and replays then only ever see the current version, while the log keeps what was written.
 */
const MODULE_UPCASTERS: [string, Upcaster][] = [];

export function appUpcasters(extra: [string, Upcaster][] = []): UpcasterRegistry {
  const registry = new UpcasterRegistry();
  for (const [fromType, upcaster] of [...MODULE_UPCASTERS, ...extra]) registry.register(fromType, upcaster);
  return registry;
}
