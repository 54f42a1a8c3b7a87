import { FixedClock } from '@app/core';
import type { TestApp } from './test-app';

type H = { Authorization: string };

/**
 * The dashboard test's unit "hgb" (and "fsk", another department's): 2026 up to 31 March — cases over three months
 * (on time and late), a guarantee with four commitments, breaches and remedies — and the same period of 2025 to
 * compare with (three cases; a fourth in June falls outside it). Every case is categorised from the default list.
 *
 * By hand, for hgb as of 2026-03-31: received 6 (2025: 3); acknowledged on time 4 of 6, 67 % (2025: 1 of 3, 33 %);
 * responded on time 2 of 4, 50 % (2025: 2 of 3, 67 %); fulfilment 3 of 4 (2025: no guarantee); confirmed breaches 2
 * (2025: 0); by category bemotande 2 (1), information 2 (1), mat-och-maltider 1 (1).
 */
export async function seedDashboard(t: TestApp, clock: FixedClock, as: { admin: H; manager: H }): Promise<void> {
  const { admin, manager } = as;
  const at = (instant: string) => clock.set(`${instant}:00Z`);
  const register = async (over: object) =>
    (await t.complaint({ description: 'Synpunkt', submitter: { email: 'a@example.se' }, ...over })).id;
  const post = async (path: string, body: object, who: H = manager, status = 200) =>
    (await t.http().post(path).set(who).send(body).expect(status)).body;
  const handled = async (id: string, outcome?: string) => {
    await post(`/api/cases/${id}/respond`, { message: 'Svar', ...(outcome ? { outcome } : {}) });
    await post(`/api/cases/${id}/close`, { resolution: 'resolved' });
  };

  at('2025-01-08T09:00');
  const unit = (id: string, name: string, department: string) =>
    post('/api/units', { id, name, department, district: 'Hägersten-Liljeholmen' }, admin, 201);
  await unit('hgb', 'Hägerstens gruppbostäder', 'Social omsorg');
  await unit('fsk', 'Förskolan Solrosen', 'Förskola');

  // 2025, all closed: p1 on time throughout; p2 late on both; p3 acknowledged late, answered on time; p4 after March
  at('2025-01-13T09:00');
  const p1 = await register({ category: 'bemotande' });
  const p2 = await register({ type: 'opinion', category: 'information' });
  at('2025-01-14T09:00');
  await post(`/api/cases/${p1}/acknowledge`, {});
  at('2025-01-20T09:00');
  await post(`/api/cases/${p2}/acknowledge`, {});
  await handled(p1, 'justified');
  at('2025-02-03T09:00');
  const p3 = await register({ category: 'mat-och-maltider' });
  at('2025-02-06T09:00');
  await post(`/api/cases/${p3}/acknowledge`, {});
  await handled(p3, 'unjustified');
  at('2025-02-10T09:00');
  await handled(p2);
  at('2025-06-10T09:00');
  const p4 = await register({ type: 'opinion', category: 'information' });
  await post(`/api/cases/${p4}/acknowledge`, {});
  await handled(p4);

  at('2026-01-08T09:00');
  const commitments = [
    { id: 'svar', text: 'Du får svar inom tio arbetsdagar' },
    { id: 'bemotande', text: 'Du blir bemött med respekt' },
    { id: 'information', text: 'Du får veta vem som handlägger ditt ärende' },
    { id: 'delaktighet', text: 'Du är med och planerar din vardag' },
  ];
  const g = {
    unitId: 'hgb',
    year: 2026,
    title: 'Kvalitetsgaranti',
    commitments,
    remedy: 'Vi ber om ursäkt',
    contact: { name: 'Enhetschef' },
  };
  await post('/api/guarantees', g, admin, 201);
  await post('/api/guarantees/hgb-2026/adopt', { decidedOn: '2026-01-08', decisionRef: '§ 7' }, admin);

  // January: both acknowledged on time; c1 answered on time, c2 late
  at('2026-01-12T09:00');
  const c1 = await register({ category: 'bemotande' });
  const c2 = await register({ type: 'opinion', category: 'information' });
  at('2026-01-13T09:00');
  await post(`/api/cases/${c1}/acknowledge`, {});
  at('2026-01-14T09:00');
  await post(`/api/cases/${c2}/acknowledge`, {});
  at('2026-01-20T09:00');
  await handled(c1, 'justified');
  // February: c3 on time throughout; the idea c4 (no category) is never acknowledged
  at('2026-02-02T09:00');
  const c3 = await register({ category: 'bemotande' });
  await register({ type: 'idea', submitter: undefined });
  at('2026-02-03T09:00');
  await post(`/api/cases/${c3}/acknowledge`, {});
  at('2026-02-05T09:00');
  await handled(c3, 'unjustified');
  at('2026-02-10T09:00');
  await post(`/api/cases/${c2}/respond`, { message: 'Sent svar' });
  // breaches: two confirmed of "svar" (one remedy done, one past due), one rejected of "bemotande"
  at('2026-02-16T09:00');
  const breach = (commitmentId: string, occurredAt: string) =>
    post('/api/breaches', { guaranteeId: 'hgb-2026', commitmentId, occurredAt, description: 'Löftet hölls inte' }, manager, 201);
  const b1 = await breach('svar', '2026-02-10T10:00:00Z');
  await post(`/api/breaches/${b1.id}/confirm`, {});
  const r1 = await post(
    `/api/breaches/${b1.id}/remedies`,
    { action: 'Ring upp', responsible: 'Enhetschef', dueOn: '2026-03-01' },
    manager,
    201,
  );
  at('2026-02-20T09:00');
  const b2 = await breach('bemotande', '2026-02-18T10:00:00Z');
  await post(`/api/breaches/${b2.id}/reject`, { reason: 'Inget löfte bröts' });
  // March: c5 acknowledged but not answered (late by 31 March); c6 not acknowledged (late)
  at('2026-03-02T09:00');
  const c5 = await register({ category: 'mat-och-maltider' });
  await post(`/api/cases/${c5}/acknowledge`, {});
  at('2026-03-05T09:00');
  const b3 = await breach('svar', '2026-03-04T10:00:00Z');
  await post(`/api/breaches/${b3.id}/confirm`, {});
  await post(`/api/breaches/${b3.id}/remedies`, { action: 'Ursäkt', responsible: 'Enhetschef', dueOn: '2026-03-20' }, manager, 201);
  at('2026-03-10T09:00');
  await post(`/api/breaches/${b1.id}/remedies/${r1.remedyId}/complete`, { outcome: 'Uppringd', complainantInformed: true });
  at('2026-03-25T09:00');
  await register({ type: 'opinion', category: 'information' });
  await register({ unitId: 'fsk', category: 'bemotande' }); // another unit's: never on this manager's dashboard
  at('2026-03-31T10:00');
}
