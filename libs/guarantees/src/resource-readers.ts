import { QueryBus } from '@nestjs/cqrs';
import { ResourceReaders } from '@app/platform';
import { BREACH_CATEGORY } from './breach.events';
import { GUARANTEE_CATEGORY } from './guarantee.events';
import { GetBreach, GetRemedy } from './list-breaches/get-breach.query';
import { GetGuarantee } from './list-guarantees/get-guarantee.query';
import { REMEDY_KIND } from './plan-remedy/remedy.view';

/** Guarantees, breaches and remedies as their GETs show them now, for idempotent replays. */
export function registerResourceReaders(readers: ResourceReaders, queries: QueryBus): void {
  readers.register(GUARANTEE_CATEGORY, (id) => queries.execute(new GetGuarantee(id)));
  readers.register(BREACH_CATEGORY, (id, user) => queries.execute(new GetBreach(id, user)));
  readers.register(REMEDY_KIND, (id, user) => {
    const [breachId, remedyId] = id.split('/');
    return queries.execute(new GetRemedy(breachId, remedyId, user));
  });
}
