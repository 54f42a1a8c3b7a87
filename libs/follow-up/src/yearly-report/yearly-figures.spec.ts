import { RecordedEvent } from '@app/core';
import { applyReportEvent } from '../report-facts/apply-report-event';
import { MemoryFactStore, responseWorkingDays } from '../report-facts/report-facts';
import { median, tallyCases } from './tally';
import { openAndOverdue, yearlyReport } from './yearly-figures';

let position = 0n;
const ev = (type: string, data: Record<string, unknown>): RecordedEvent =>
  ({
    type,
    data,
    id: `e${++position}`,
    streamId: 'x',
    revision: 0n,
    position,
    metadata: { recordedAt: '2026-01-01T00:00:00Z' },
    hash: '',
    prevHash: null,
  }) as RecordedEvent;

/** A case registered through its event, with deadlines given explicitly (ack +2, respond +10 working days). */
const registered = (
  caseId: string,
  unitId: string,
  type: string,
  receivedAt: string,
  ackBy: string,
  respondBy: string,
  extra: object = {},
) =>
  ev('CaseRegistered.v1', {
    caseId,
    reference: `ref-${caseId}`,
    unitId,
    type,
    channel: 'web',
    receivedAt,
    acknowledgeBy: ackBy,
    respondBy,
    needsResponse: type === 'complaint' || type === 'opinion',
    ...extra,
  });

/*
 * Hand-computed fixture for unit "hgb" (Social omsorg, Hägersten-Liljeholmen), year 2026, report as of 2026-03-31 12:00Z.
 *
 * c1 complaint, received Mon 2 Mar; ack by 4 Mar, respond by 16 Mar. Acknowledged 3 Mar (on time), responded 10 Mar
 *    (on time, outcome justified), closed 11 Mar.  Response days: 3..10 Mar = Tue3 Wed4 Thu5 Fri6 Mon9 Tue10 = 6.
 * c2 complaint, received Mon 2 Mar; acknowledged 6 Mar (late: after 4 Mar), responded 20 Mar (late), outcome unjustified.
 *    Paused 9..11 Mar (2 working days: Tue10, Wed11) so respondBy moved to 18 Mar. Response days: 3..20 Mar = 14 working days − 2 = 12.
 *    Never closed.
 * c3 opinion, received Mon 2 Mar, never acknowledged (past 4 Mar: late), never responded (past 16 Mar: late). Open at year end.
 * c4 praise, received Mon 30 Mar; ack by 1 Apr — not yet due on 31 Mar and not acknowledged: left out of acknowledgedOnTime.
 *    Praise needs no response: not in respondedOnTime. Open at year end.
 * c5 idea via letter, received 2 Mar, merged into c3: not counted anywhere.
 * c6 complaint, received 2025-12-30: belongs to 2025, not counted for 2026.
 * c7 opinion, transferred from "fsk" to "hgb": counted for hgb. Acknowledged on time (2 Mar, ack by 4 Mar), responded 5 Mar (on time,
 *    responded by 16 Mar), closed 6 Mar, reopened 7 Mar: open at year end. Response days: 3..5 Mar = 3.
 * Pauses. Rule: a pause stops the response clock (and so keeps a case out of respondedOnTime while it waits) only if it began at or
 * before respondBy; a case asked its question after respondBy had passed was already late, and the pause excuses nothing.
 * c8 complaint, received Mon 2 Mar, acknowledged 3 Mar (on time), respond by 16 Mar; asked the complainant 18 Mar — after respondBy —
 *    and still waiting on 31 Mar: due and late, so in respondedOnTime's "of" and on the overdue list. Open at year end.
 * c9 opinion, received Mon 2 Mar, acknowledged 3 Mar (on time), respond by 16 Mar; asked the complainant 10 Mar — before respondBy —
 *    and still waiting: its clock is stopped, not yet due: left out of respondedOnTime and off the overdue list. Open at year end.
 * c10 complaint, received Fri 27 Feb; ack by Tue 3 Mar (acknowledged 2 Mar, on time), respond by Fri 13 Mar. Asked the complainant
 *    Sat 14 Mar (after respondBy), resumed Mon 16 Mar: 1 working day (16 Mar), so the case moved its respondBy to 16 Mar; responded
 *    16 Mar, outcome not_assessable. The pause began after the deadline, so the report keeps respondBy 13 Mar: late.
 *    Response days: 2..13 Mar = 10, + Mon 16 = 11, − 1 paused = 10. Open at year end (never closed).
 *
 * casesByType: complaint 4 (c1, c2, c8, c10), opinion 3 (c3, c7, c9), praise 1 (c4), idea 0. Channel web: all 8 of them.
 * acknowledgedOnTime: of = c1, c2, c3, c7, c8, c9, c10 = 7 (c4 not yet due); count = c1, c7, c8, c9, c10 = 5 → 5/7.
 * respondedOnTime: of = c1, c2, c3, c7, c8 (paused late), c10 = 6 (c9's clock is stopped); count = c1, c7 = 2 → 2/6 = 1/3.
 * medianResponseWorkingDays: responses c1 6, c2 12, c7 3, c10 10 → sorted [3, 6, 10, 12] → (6 + 10) / 2 = 8.
 * openAtYearEnd: c1 is closed; c2, c3, c4, c8, c9, c10 were never closed and c7 was reopened → 7.
 * complaintsJustifiedShare: assessed complaints c1 (justified), c2 (unjustified); c10 not_assessable is left out → 1/2 = 0.5.
 * Overdue on 31 Mar among hgb's open cases (c2, c3, c4, c6, c7, c8, c9, c10): c3 (both steps), c6 (both, a 2025 case), c8 (response).
 *
 * Guarantees. Rule (DOMAIN.md is silent on withdrawal): a withdrawn version counts for the part of the year it was in force, like a
 * superseded one — its commitments stay in commitments and its confirmed breaches break them; a version withdrawn or superseded
 * before it took effect never was in force and does not count.
 * hgb-2026 v1 {k1, k2, k3} adopted 10 Dec 2025, in force from 1 Jan; v2 {k1, k2, k4} adopted 15 Feb, supersedes v1 from 15 Feb;
 *    v2 withdrawn 20 Mar (in force 15 Feb – 19 Mar). commitments: v1 ∪ v2 = {k1, k2, k3, k4} = 4.
 * fsk-2026 v1 {f1, f2} adopted 12 Dec 2025 to take effect 1 Jan, withdrawn 20 Dec 2025: never in force → 0; fsk's fulfilment is null.
 * breaches (occurred 2026): b1 k1 confirmed (remedies r1 due 20 Mar completed 19 Mar = on time; r2 due 25 Mar completed 27 Mar = late),
 *    b2 k2 rejected, b3 k4 (5 Mar, while v2 was in force) reported (undecided), b4 k3 occurred in 2025 → not this year.
 *    reported 3, confirmed 1, rejected 1; remedies planned 2, completed 2, completedOnTime 1.
 * commitmentsKept: broken = {k1} → 4 − 1 = 3; fulfilment 3/4 = 0.75.
 */
function fixture(): MemoryFactStore {
  const s = new MemoryFactStore();
  const events = [
    ev('UnitRegistered.v1', {
      unitId: 'hgb',
      name: 'Hägerstens gruppbostäder',
      department: 'Social omsorg',
      district: 'Hägersten-Liljeholmen',
    }),
    ev('UnitRegistered.v1', { unitId: 'fsk', name: 'Förskolan Solrosen', department: 'Förskola', district: 'Hägersten-Liljeholmen' }),
    registered('c1', 'hgb', 'complaint', '2026-03-02T09:00:00Z', '2026-03-04T22:59:59.999Z', '2026-03-16T22:59:59.999Z'),
    ev('CaseAcknowledged.v1', { caseId: 'c1', at: '2026-03-03T09:00:00Z' }),
    ev('CaseResponded.v1', { caseId: 'c1', at: '2026-03-10T09:00:00Z', outcome: 'justified' }),
    ev('CaseClosed.v1', { caseId: 'c1', at: '2026-03-11T09:00:00Z', resolution: 'resolved' }),
    registered('c2', 'hgb', 'complaint', '2026-03-02T09:00:00Z', '2026-03-04T22:59:59.999Z', '2026-03-16T22:59:59.999Z'),
    ev('CaseAcknowledged.v1', { caseId: 'c2', at: '2026-03-06T09:00:00Z' }),
    ev('ComplainantAsked.v1', { caseId: 'c2', at: '2026-03-09T09:00:00Z' }),
    ev('CaseResumed.v1', { caseId: 'c2', at: '2026-03-11T09:00:00Z', pausedWorkingDays: 2, respondBy: '2026-03-18T22:59:59.999Z' }),
    ev('CaseResponded.v1', { caseId: 'c2', at: '2026-03-20T09:00:00Z', outcome: 'unjustified' }),
    registered('c3', 'hgb', 'opinion', '2026-03-02T09:00:00Z', '2026-03-04T22:59:59.999Z', '2026-03-16T22:59:59.999Z'),
    registered('c4', 'hgb', 'praise', '2026-03-30T09:00:00Z', '2026-04-01T21:59:59.999Z', '2026-04-13T21:59:59.999Z'),
    registered('c5', 'hgb', 'idea', '2026-03-02T09:00:00Z', '2026-03-04T22:59:59.999Z', '2026-03-16T22:59:59.999Z', { channel: 'letter' }),
    ev('CaseMerged.v1', { caseId: 'c5', at: '2026-03-03T09:00:00Z', intoCaseId: 'c3' }),
    registered('c6', 'hgb', 'complaint', '2025-12-30T09:00:00Z', '2026-01-02T22:59:59.999Z', '2026-01-15T22:59:59.999Z'),
    registered('c7', 'fsk', 'opinion', '2026-03-02T09:00:00Z', '2026-03-04T22:59:59.999Z', '2026-03-16T22:59:59.999Z'),
    ev('CaseTransferred.v1', { caseId: 'c7', at: '2026-03-02T10:00:00Z', fromUnitId: 'fsk', toUnitId: 'hgb' }),
    ev('CaseAcknowledged.v1', { caseId: 'c7', at: '2026-03-02T11:00:00Z' }),
    ev('CaseResponded.v1', { caseId: 'c7', at: '2026-03-05T09:00:00Z' }),
    ev('CaseClosed.v1', { caseId: 'c7', at: '2026-03-06T09:00:00Z', resolution: 'resolved' }),
    ev('CaseReopened.v1', { caseId: 'c7', at: '2026-03-07T09:00:00Z' }),
    registered('c8', 'hgb', 'complaint', '2026-03-02T09:00:00Z', '2026-03-04T22:59:59.999Z', '2026-03-16T22:59:59.999Z'),
    ev('CaseAcknowledged.v1', { caseId: 'c8', at: '2026-03-03T09:00:00Z' }),
    ev('ComplainantAsked.v1', { caseId: 'c8', at: '2026-03-18T09:00:00Z' }),
    registered('c9', 'hgb', 'opinion', '2026-03-02T09:00:00Z', '2026-03-04T22:59:59.999Z', '2026-03-16T22:59:59.999Z'),
    ev('CaseAcknowledged.v1', { caseId: 'c9', at: '2026-03-03T09:00:00Z' }),
    ev('ComplainantAsked.v1', { caseId: 'c9', at: '2026-03-10T09:00:00Z' }),
    registered('c10', 'hgb', 'complaint', '2026-02-27T09:00:00Z', '2026-03-03T22:59:59.999Z', '2026-03-13T22:59:59.999Z'),
    ev('CaseAcknowledged.v1', { caseId: 'c10', at: '2026-03-02T09:00:00Z' }),
    ev('ComplainantAsked.v1', { caseId: 'c10', at: '2026-03-14T10:00:00Z' }),
    // as the decider writes it: a pause begun after respondBy extends nothing (pausedWorkingDays 0), yet it is a pause
    ev('CaseResumed.v1', { caseId: 'c10', at: '2026-03-16T08:00:00Z', pausedWorkingDays: 0, respondBy: '2026-03-13T22:59:59.999Z' }),
    ev('CaseResponded.v1', { caseId: 'c10', at: '2026-03-16T14:00:00Z', outcome: 'not_assessable' }),
    ev('GuaranteeDrafted.v1', {
      guaranteeId: 'hgb-2026',
      unitId: 'hgb',
      year: 2026,
      version: 1,
      commitments: [{ id: 'k1' }, { id: 'k2' }, { id: 'k3' }],
    }),
    ev('GuaranteeAdopted.v1', { guaranteeId: 'hgb-2026', version: 1, decidedOn: '2025-12-10', inForceFrom: '2026-01-01' }),
    ev('GuaranteeDrafted.v1', {
      guaranteeId: 'hgb-2026',
      unitId: 'hgb',
      year: 2026,
      version: 2,
      commitments: [{ id: 'k1' }, { id: 'k2' }, { id: 'k4' }],
    }),
    ev('GuaranteeAdopted.v1', {
      guaranteeId: 'hgb-2026',
      version: 2,
      decidedOn: '2026-02-15',
      inForceFrom: '2026-02-15',
      supersedesVersion: 1,
    }),
    ev('GuaranteeWithdrawn.v1', { guaranteeId: 'hgb-2026', unitId: 'hgb', year: 2026, version: 2, withdrawnOn: '2026-03-20' }),
    ev('GuaranteeDrafted.v1', {
      guaranteeId: 'fsk-2026',
      unitId: 'fsk',
      year: 2026,
      version: 1,
      commitments: [{ id: 'f1' }, { id: 'f2' }],
    }),
    ev('GuaranteeAdopted.v1', { guaranteeId: 'fsk-2026', version: 1, decidedOn: '2025-12-12', inForceFrom: '2026-01-01' }),
    ev('GuaranteeWithdrawn.v1', { guaranteeId: 'fsk-2026', unitId: 'fsk', year: 2026, version: 1, withdrawnOn: '2025-12-20' }),
    ev('BreachReported.v1', {
      breachId: 'b1',
      unitId: 'hgb',
      guaranteeId: 'hgb-2026',
      commitmentId: 'k1',
      occurredAt: '2026-02-01T10:00:00Z',
    }),
    ev('BreachConfirmed.v1', { breachId: 'b1', at: '2026-02-02T10:00:00Z' }),
    ev('RemedyPlanned.v1', { breachId: 'b1', remedyId: 'r1', dueOn: '2026-03-20' }),
    ev('RemedyPlanned.v1', { breachId: 'b1', remedyId: 'r2', dueOn: '2026-03-25' }),
    ev('RemedyCompleted.v1', { breachId: 'b1', remedyId: 'r1', completedAt: '2026-03-19T10:00:00Z' }),
    ev('RemedyCompleted.v1', { breachId: 'b1', remedyId: 'r2', completedAt: '2026-03-27T10:00:00Z' }),
    ev('BreachReported.v1', {
      breachId: 'b2',
      unitId: 'hgb',
      guaranteeId: 'hgb-2026',
      commitmentId: 'k2',
      occurredAt: '2026-02-05T10:00:00Z',
    }),
    ev('BreachRejected.v1', { breachId: 'b2', at: '2026-02-06T10:00:00Z' }),
    ev('BreachReported.v1', {
      breachId: 'b3',
      unitId: 'hgb',
      guaranteeId: 'hgb-2026',
      commitmentId: 'k4',
      occurredAt: '2026-03-05T10:00:00Z',
    }),
    ev('BreachReported.v1', {
      breachId: 'b4',
      unitId: 'hgb',
      guaranteeId: 'hgb-2025',
      commitmentId: 'k3',
      occurredAt: '2025-11-05T10:00:00Z',
    }),
    ev('BreachConfirmed.v1', { breachId: 'b4', at: '2025-11-06T10:00:00Z' }),
  ];
  for (const e of events) applyReportEvent(s, e);
  return s;
}

describe('yearly report figures on a hand-computed fixture', () => {
  const report = yearlyReport(fixture().toInput(), 2026, new Date('2026-03-31T12:00:00Z'));
  const hgb = report.units.find((u) => u.unitId === 'hgb')!;

  it('counts cases by type and channel (merged and other-year cases left out; transfers owned by the receiver)', () => {
    expect(hgb.casesByType).toEqual({ complaint: 4, opinion: 3, praise: 1, idea: 0 });
    expect(hgb.casesByChannel.web).toBe(8);
    expect(hgb.casesByChannel.letter).toBe(0);
  });

  it('computes on-time shares, leaving out what is not yet due', () => {
    expect(hgb.acknowledgedOnTime).toEqual({ count: 5, of: 7, share: 5 / 7 });
    expect(hgb.respondedOnTime).toEqual({ count: 2, of: 6, share: 2 / 6 });
  });

  it('counts a case paused only after its respondBy had passed as late, and one paused in time as not yet due', () => {
    const facts = fixture();
    const at = new Date('2026-03-31T12:00:00Z');
    const only = (...ids: string[]) =>
      tallyCases(
        2026,
        at,
        ids.map((id) => facts.getCase(id)!),
      ).figures.respondedOnTime;
    expect(only('c8')).toEqual({ count: 0, of: 1, share: 0 });
    expect(only('c9')).toEqual({ count: 0, of: 0, share: null });
    // resumed: the case moved respondBy by the pause, the report keeps the deadline that had already passed
    expect(facts.getCase('c10')!.respondBy).toBe('2026-03-13T22:59:59.999Z');
    expect(only('c10')).toEqual({ count: 0, of: 1, share: 0 });
    // and a pause begun by respondBy still moves it (c2: paused 9 Mar, respondBy 16 → 18 Mar)
    expect(facts.getCase('c2')!.respondBy).toBe('2026-03-18T22:59:59.999Z');
  });

  it('lists open and overdue cases by the same rule: paused after respondBy is overdue, paused in time is not', () => {
    const cases = [...fixture().cases.values()].filter((c) => c.unitId === 'hgb');
    const { open, overdue } = openAndOverdue(cases, new Date('2026-03-31T12:00:00Z'));
    // oldest first: c6 (30 Dec 2025), c10 (27 Feb), then the cases of 2 Mar by reference, c4 (30 Mar)
    expect(open.map((c) => c.id)).toEqual(['c6', 'c10', 'c2', 'c3', 'c7', 'c8', 'c9', 'c4']);
    expect(overdue.map((c) => [c.id, c.overdue])).toEqual([
      ['c6', { acknowledge: true, respond: true }],
      ['c3', { acknowledge: true, respond: true }],
      ['c8', { acknowledge: false, respond: true }],
    ]);
  });

  it('takes the median response time in working days with pauses excluded', () => {
    const facts = fixture();
    expect(['c1', 'c2', 'c7', 'c10'].map((id) => responseWorkingDays(facts.getCase(id)!))).toEqual([6, 12, 3, 10]);
    expect(hgb.medianResponseWorkingDays).toBe(8);
    expect(median([3, 6, 13, 20])).toBe(9.5);
  });

  it('leaves out of a response time the pauses before the first response only, however the deadline moved', () => {
    const facts = new MemoryFactStore();
    for (const e of [
      // responded Fri 6 Mar: 4 working days (3..6 Mar); then reopened and paused 9..13 Mar: the response time stays 4
      registered('r1', 'hgb', 'complaint', '2026-03-02T09:00:00Z', '2026-03-04T22:59:59.999Z', '2026-03-16T22:59:59.999Z'),
      ev('CaseResponded.v1', { caseId: 'r1', at: '2026-03-06T09:00:00Z', outcome: 'justified' }),
      ev('CaseReopened.v1', { caseId: 'r1', at: '2026-03-06T10:00:00Z' }),
      ev('ComplainantAsked.v1', { caseId: 'r1', at: '2026-03-09T09:00:00Z' }),
      ev('CaseResumed.v1', { caseId: 'r1', at: '2026-03-13T09:00:00Z', pausedWorkingDays: 4, respondBy: '2026-03-20T22:59:59.999Z' }),
      ev('CaseResponded.v1', { caseId: 'r1', at: '2026-03-13T10:00:00Z' }),
      // asked Wed 18 Mar, after respondBy (16 Mar), resumed Mon 23 Mar (3 working days), responded 23 Mar: 15 − 3 = 12
      registered('r2', 'hgb', 'complaint', '2026-03-02T09:00:00Z', '2026-03-04T22:59:59.999Z', '2026-03-16T22:59:59.999Z'),
      ev('ComplainantAsked.v1', { caseId: 'r2', at: '2026-03-18T09:00:00Z' }),
      ev('CaseResumed.v1', { caseId: 'r2', at: '2026-03-23T09:00:00Z', pausedWorkingDays: 0, respondBy: '2026-03-16T22:59:59.999Z' }),
      ev('CaseResponded.v1', { caseId: 'r2', at: '2026-03-23T10:00:00Z', outcome: 'justified' }),
    ])
      applyReportEvent(facts, e);
    expect(['r1', 'r2'].map((id) => responseWorkingDays(facts.getCase(id)!))).toEqual([4, 12]);
    expect(facts.getCase('r2')!.respondBy).toBe('2026-03-16T22:59:59.999Z'); // and r2 stays late
  });

  it('counts open at year end (reopened cases are open) and the justified share', () => {
    expect(hgb.openAtYearEnd).toBe(7);
    expect(hgb.complaintsJustifiedShare).toBe(0.5);
  });

  it('counts commitments over every version in force in the year, kept commitments, breaches and remedies of the year', () => {
    expect(hgb).toMatchObject({
      commitments: 4,
      commitmentsKept: 3,
      fulfilment: 0.75,
      breaches: { reported: 3, confirmed: 1, rejected: 1 },
      remedies: { planned: 2, completed: 2, completedOnTime: 1 },
    });
  });

  it('counts a withdrawn guarantee for the part of the year it was in force, and not at all if it never took effect', () => {
    const facts = fixture();
    expect(facts.getGuarantee('hgb-2026')!.versions).toEqual([
      { version: 1, commitmentIds: ['k1', 'k2', 'k3'], adopted: true, inForceFrom: '2026-01-01', inForceUntil: '2026-02-15' },
      {
        version: 2,
        commitmentIds: ['k1', 'k2', 'k4'],
        adopted: true,
        inForceFrom: '2026-02-15',
        inForceUntil: '2026-03-20',
        withdrawn: true,
      },
    ]);
    expect(facts.getGuarantee('fsk-2026')!.versions[0]).toMatchObject({ adopted: false, inForceUntil: '2025-12-20', withdrawn: true });
    const fsk = report.units.find((u) => u.unitId === 'fsk')!;
    expect(fsk).toMatchObject({ commitments: 0, commitmentsKept: 0, fulfilment: null });
    expect(report.totals).toMatchObject({ commitments: 4, commitmentsKept: 3, fulfilment: 0.75 });
  });

  it('gives nulls, not NaN or 0, for a unit and a year with nothing in it', () => {
    const fsk = report.units.find((u) => u.unitId === 'fsk')!;
    expect(fsk).toMatchObject({
      acknowledgedOnTime: { count: 0, of: 0, share: null },
      medianResponseWorkingDays: null,
      complaintsJustifiedShare: null,
      fulfilment: null,
    });
    const empty = yearlyReport(fixture().toInput(), 2030, new Date('2030-06-01T00:00:00Z'));
    expect(empty.totals).toMatchObject({
      casesByType: { complaint: 0 },
      respondedOnTime: { share: null },
      medianResponseWorkingDays: null,
    });
  });

  it('names each unit as it was named at the end of the year reported, not as it is named since', () => {
    const facts = fixture();
    applyReportEvent(
      facts,
      ev('UnitRenamed.v1', { unitId: 'fsk', name: 'Förskolan Vitsippan', previousName: 'Förskolan Solrosen', at: '2027-01-10T09:00:00Z' }),
    );
    applyReportEvent(
      facts,
      ev('UnitRenamed.v1', {
        unitId: 'fsk',
        name: 'Förskolan Blåklinten',
        previousName: 'Förskolan Vitsippan',
        at: '2028-06-01T09:00:00Z',
      }),
    );
    const nameIn = (year: number) =>
      yearlyReport(facts.toInput(), year, new Date(`${year + 1}-02-01T00:00:00Z`)).units.find((u) => u.unitId === 'fsk')!.unitName;
    expect([2026, 2027, 2028].map(nameIn)).toEqual(['Förskolan Solrosen', 'Förskolan Vitsippan', 'Förskolan Blåklinten']);
  });

  it('rolls up to department, district and totals from sums, not averages', () => {
    expect(report.departments.map((d) => d.department).sort()).toEqual(['Förskola', 'Social omsorg']);
    expect(report.districts).toHaveLength(1);
    expect(report.totals.acknowledgedOnTime).toEqual({ count: 5, of: 7, share: 5 / 7 });
    expect(report.totals.medianResponseWorkingDays).toBe(8);
    const filtered = yearlyReport(fixture().toInput(), 2026, new Date('2026-03-31T12:00:00Z'), { department: 'Förskola' });
    expect(filtered.units.map((u) => u.unitId)).toEqual(['fsk']);
  });
});
