import { NotFoundError } from '@app/core';
import { BreachState } from '../breach.decider';

/** A remedy as planning it answers: the remedy, with its breach's status. Also what a replay of the plan reads. */
export function toRemedyView(breach: BreachState, remedyId: string) {
  const remedy = breach.remedies.find((r) => r.remedyId === remedyId);
  if (!remedy) throw new NotFoundError('remedy', `${breach.breachId}/${remedyId}`);
  return {
    remedyId,
    status: remedy.status,
    action: remedy.action,
    responsible: remedy.responsible,
    dueOn: remedy.dueOn,
    breachId: breach.breachId!,
    breachStatus: breach.status!,
  };
}

export type RemedyView = ReturnType<typeof toRemedyView>;

export const REMEDY_KIND = 'remedy';
