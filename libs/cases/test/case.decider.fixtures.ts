import { deciderSpec } from '@app/testing';
import { caseDecider, CaseCommand } from '../src/case.decider';
import { CaseEvent, CaseRegistered } from '../src/case.events';

/** Shared by the case decider specs: a complaint registered on Monday 2 March 2026 and the steps that may follow. */
export const spec = deciderSpec(caseDecider);
export const rules = { acknowledgeWorkingDays: 2, respondWorkingDays: 10 };
export const now = new Date('2026-03-02T09:00:00Z'); // Monday
export type Register = Extract<CaseCommand, { type: 'RegisterCase' }>;
export const register = (over: Partial<Register> = {}): CaseCommand => ({
  type: 'RegisterCase',
  caseId: 'c1',
  reference: '2026-000001',
  caseType: 'complaint',
  channel: 'letter',
  unitId: 'hgb',
  description: 'Maten på förskolan var kall.',
  submitter: { name: 'Eva Ek', email: 'eva@example.se' },
  rules,
  now,
  ...over,
});
/** The registration `register()` decides: received now (Monday 2 March), acknowledge by Wednesday, respond by Monday 16 March. */
export const registration = (over: Partial<CaseRegistered['data']> = {}): CaseRegistered => ({
  type: 'CaseRegistered.v1',
  data: {
    caseId: 'c1',
    reference: '2026-000001',
    type: 'complaint',
    channel: 'letter',
    unitId: 'hgb',
    description: 'Maten på förskolan var kall.',
    submitter: { name: 'Eva Ek', email: 'eva@example.se' },
    wantsReply: true,
    needsResponse: true,
    confidential: false,
    receivedAt: now.toISOString(),
    registeredAt: now.toISOString(),
    rules,
    acknowledgeBy: '2026-03-04T22:59:59.999Z',
    respondBy: '2026-03-16T22:59:59.999Z',
    ...over,
  },
});
export const registered: CaseEvent[] = [registration()];
/** A step dated in business time `iso`, decided later (30 April). */
export const at = (iso: string) => ({ at: new Date(iso), now: new Date('2026-04-30T10:00:00Z') });
export const after = (...events: CaseEvent[]) => [...registered, ...events];
export const ev = (type: string, iso: string, data: object = {}) => ({ type, data: { caseId: 'c1', at: iso, ...data } }) as CaseEvent;
export const monday = at('2026-03-09T08:00:00Z');
export const into = { caseId: 'c2', reference: '2026-000002', exists: true };
export const merged = ev('CaseMerged.v1', '2026-03-03T08:00:00.000Z', { intoCaseId: 'c2', intoReference: '2026-000002' });
export const asked = ev('ComplainantAsked.v1', '2026-03-04T08:00:00.000Z', { question: 'Vilken dag?' }); // Wednesday
export const responded = ev('CaseResponded.v1', '2026-03-05T08:00:00.000Z', { message: 'x', outcome: 'justified' });
export const closed = ev('CaseClosed.v1', '2026-03-06T08:00:00.000Z', { resolution: 'resolved' });
export const erased = ev('PersonalDataErased.v1', '2026-03-10T10:00:00.000Z', { reason: 'Begäran', basis: 'request' });
export const rectify = (submitter: object, iso = '2026-03-20T10:00:00Z'): CaseCommand => ({
  type: 'RectifySubmitter',
  submitter,
  now: new Date(iso),
});
