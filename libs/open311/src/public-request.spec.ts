import { noteOf } from './public-history';
import { PublicRequest, toOpen311Request } from './public-request';

const base: PublicRequest = {
  reference: '2026-000007',
  unitId: 'hgb',
  type: 'complaint',
  status: 'in_progress',
  needsResponse: true,
  receivedAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-03T09:00:00.000Z',
  respondBy: '2026-03-16T22:59:59.999Z',
  lat: 59.3,
  long: 18,
  erased: false,
};
const names = (id: string) => ({ hgb: 'Hägerstens förskolor', vby: 'Västberga' })[id];

describe('the public face of a case', () => {
  it('takes only steps and public facts from events, never texts or who handled it', () => {
    const at = '2026-03-03T09:00:00.000Z';
    expect(noteOf({ type: 'CaseResponded.v1', data: { caseId: 'c', at, message: 'Hej Eva', outcome: 'justified' } })).toEqual({
      at,
      kind: 'responded',
    });
    expect(noteOf({ type: 'CaseAssigned.v1', data: { caseId: 'c', at, assignee: 'anna' } })).toEqual({ at, kind: 'in_progress' });
    expect(
      noteOf({
        type: 'CaseTransferred.v1',
        data: { caseId: 'c', at, fromUnitId: 'hgb', toUnitId: 'vby', reason: 'fel enhet, Eva bor där' },
      }),
    ).toEqual({
      at,
      kind: 'transferred',
      detail: 'vby',
    });
    expect(noteOf({ type: 'ComplainantAsked.v1', data: { caseId: 'c', at, question: 'Vilken dag, Eva?' } })).toEqual({
      at,
      kind: 'awaiting',
    });
    expect(noteOf({ type: 'PersonalDataErased.v1', data: { caseId: 'c', at, reason: 'GDPR', basis: 'request' } })).toBeUndefined();
    expect(noteOf({ type: 'CaseBreachLinked.v1', data: { caseId: 'c', at, breachId: 'b' } })).toBeUndefined();
  });

  it('says that the response was sent or printed, never its text, and nothing of other messages', () => {
    const at = '2026-03-04T09:00:00.000Z';
    const delivery = { caseId: 'c', messageId: 'm', unitId: 'hgb', at, attempt: 1 };
    const sent = { type: 'MessageSent.v1', data: { ...delivery, kind: 'response', smtpMessageId: '<m@k.se>' } };
    expect(noteOf(sent)).toEqual({ at, kind: 'response_sent', detail: 'email' });
    expect(noteOf({ type: 'MessagePrinted.v1', data: { ...delivery, kind: 'response' } })).toEqual({
      at,
      kind: 'response_sent',
      detail: 'letter',
    });
    expect(noteOf({ ...sent, data: { ...sent.data, kind: 'receipt' } })).toBeUndefined();
    expect(noteOf({ type: 'MessageFailed.v1', data: { ...delivery, kind: 'response', error: 'eva@example.se refused' } })).toBeUndefined();
    const queued = { type: 'MessageQueued.v1', data: { caseId: 'c', at, kind: 'response', text: 'Hej Eva', recipient: 'eva@example.se' } };
    expect(noteOf(queued)).toBeUndefined();
  });

  it('is a GeoReport v2 request with the personal fields null and the history as notes', () => {
    const view = toOpen311Request(
      base,
      [
        { at: base.receivedAt, kind: 'received' },
        { at: base.updatedAt, kind: 'transferred', detail: 'vby' },
      ],
      names,
    );
    expect(view).toMatchObject({
      service_request_id: '2026-000007',
      status: 'open',
      status_notes: 'Under handläggning.',
      service_code: 'hgb.complaint',
      agency_responsible: 'Hägerstens förskolor',
      service_notice: 'Hägerstens förskolor svarar senast 2026-03-16.',
      expected_datetime: base.respondBy,
      description: null,
      address: null,
      media_url: null,
      lat: 59.3,
      long: 18,
    });
    expect(view.notes).toEqual([
      { datetime: base.receivedAt, type: 'opened', summary: 'Synpunkten har tagits emot' },
      { datetime: base.updatedAt, type: 'activity', summary: 'Ärendet har överlämnats', description: 'Ansvarig enhet: Västberga' },
    ]);
  });

  it('withholds the position once personal data is erased, and explains closing and duplicates', () => {
    expect(toOpen311Request({ ...base, erased: true }, [], names)).toMatchObject({ lat: null, long: null });
    expect(toOpen311Request({ ...base, status: 'closed', resolution: 'closed_not_resolved' }, [], names)).toMatchObject({
      status: 'closed',
      status_notes: 'Avslutad: avslutat utan åtgärd.',
      service_notice: null,
    });
    expect(
      toOpen311Request({ ...base, status: 'closed', resolution: 'duplicate', mergedIntoReference: '2026-000001' }, [], names).status_notes,
    ).toBe('Dubblett: handläggs i ärende 2026-000001.');
  });
});
