import { InvalidInputError, NotFoundError, RuleViolationError, fold } from '@app/core';
import { deciderSpec } from '@app/testing';
import { commitmentInForce, displayStatus, guaranteeDecider } from './guarantee.decider';
import { GuaranteeAdopted, GuaranteeContentInput, GuaranteeDrafted, GuaranteeWithdrawn } from './guarantee.events';

const spec = deciderSpec(guaranteeDecider);
const now = new Date('2026-03-02T09:00:00Z');
const at = now.toISOString();
const content: GuaranteeContentInput = {
  title: 'Kvalitetsgaranti för Hägerstens gruppbostäder',
  intro: 'Du som bor hos oss ska känna dig trygg.',
  commitments: [
    { text: 'Du får en kontaktman inom två veckor.' },
    { id: 'svar', text: 'Vi svarar på synpunkter inom fem arbetsdagar.', responseWorkingDays: 5 },
  ],
  remedy: 'Om vi inte håller vad vi lovar kontaktar enhetschefen dig inom en vecka för att rätta till det.',
  contact: { name: 'Enhetschef Anna Svensson', phone: '08-508 000 00' },
};
const svar = { id: 'svar', text: 'Vi svarar på synpunkter inom fem arbetsdagar.', responseWorkingDays: 5 };
const drafted: GuaranteeDrafted = {
  type: 'GuaranteeDrafted.v1',
  data: {
    guaranteeId: 'hgb-2026',
    unitId: 'hgb',
    year: 2026,
    version: 1,
    title: content.title,
    intro: content.intro,
    commitments: [{ id: 'c1', text: 'Du får en kontaktman inom två veckor.' }, svar],
    remedy: content.remedy,
    contact: content.contact,
    at: '2026-01-05T09:00:00.000Z',
  },
};
const adopted: GuaranteeAdopted = {
  type: 'GuaranteeAdopted.v1',
  data: {
    guaranteeId: 'hgb-2026',
    unitId: 'hgb',
    year: 2026,
    version: 1,
    decidedOn: '2026-01-21',
    decisionRef: '§ 7, dnr 1.2-600/2026',
    inForceFrom: '2026-01-21',
    at: '2026-01-22T09:00:00.000Z',
  },
};
const revised: GuaranteeDrafted = {
  type: 'GuaranteeDrafted.v1',
  data: {
    ...drafted.data,
    version: 2,
    commitments: [{ id: 'svar', text: 'Vi svarar inom tre arbetsdagar.', responseWorkingDays: 3 }],
    at: '2026-05-01T09:00:00.000Z',
  },
};
const withdrawn = (version: number, on = '2026-03-02'): GuaranteeWithdrawn => ({
  type: 'GuaranteeWithdrawn.v1',
  data: { guaranteeId: 'hgb-2026', unitId: 'hgb', year: 2026, version, reason: 'Verksamheten läggs ned', withdrawnOn: on, at },
});
/** The content given again: the commitment without an id gets the next unused one, never an earlier one's. */
const redrafted = (version: number): GuaranteeDrafted => ({
  type: 'GuaranteeDrafted.v1',
  data: { ...drafted.data, version, commitments: [{ id: 'c2', text: 'Du får en kontaktman inom två veckor.' }, svar], at },
});
const draft = (change: Partial<{ year: number; content: GuaranteeContentInput; unitOpen: boolean }> = {}) =>
  ({ type: 'DraftGuarantee', unitId: 'hgb', year: 2026, content, unitOpen: true, now, ...change }) as const;
const adopt = (decidedOn: string, decisionRef = 'x', when = now) =>
  ({ type: 'AdoptGuarantee', guaranteeId: 'hgb-2026', decidedOn, decisionRef, now: when }) as const;
const revise = (when = now) => ({ type: 'ReviseGuarantee', guaranteeId: 'hgb-2026', content, now: when }) as const;
const withdraw = { type: 'WithdrawGuarantee', guaranteeId: 'hgb-2026', reason: 'Verksamheten läggs ned', now } as const;

describe('guarantee decider', () => {
  describe('when there is no guarantee', () => {
    it('drafts version 1 with stable commitment ids, keeping given ones', () =>
      spec
        .given([])
        .when(draft())
        .then([{ ...drafted, data: { ...drafted.data, at } }]));

    it('needs at least one commitment', () =>
      spec
        .given([])
        .when(draft({ content: { ...content, commitments: [] } }))
        .thenThrows(InvalidInputError));

    it('refuses a commitment id used twice', () =>
      spec
        .given([])
        .when(
          draft({
            content: {
              ...content,
              commitments: [
                { id: 'a', text: 'x' },
                { id: 'a', text: 'y' },
              ],
            },
          }),
        )
        .thenThrows(InvalidInputError));

    it('refuses a year later than next year', () =>
      spec
        .given([])
        .when(draft({ year: 2031 }))
        .thenThrows(InvalidInputError));

    it('refuses a closed unit', () =>
      spec
        .given([])
        .when(draft({ unitOpen: false }))
        .thenThrows(RuleViolationError, 'unit_closed'));

    it('cannot adopt', () => spec.given([]).when(adopt('2026-01-01')).thenThrows(NotFoundError));
  });

  describe('when a draft exists', () => {
    it('allows only one guarantee series per unit and year', () =>
      spec.given([drafted]).when(draft()).thenThrows(RuleViolationError, 'guarantee_exists'));

    it('adopts the draft from the decision date', () =>
      spec
        .given([drafted])
        .when(adopt('2026-01-21', '§ 7, dnr 1.2-600/2026'))
        .then([{ ...adopted, data: { ...adopted.data, at } }]));

    it('a decision made the year before takes effect on 1 January', () =>
      spec
        .given([drafted])
        .when(adopt('2025-12-15', '§ 3'))
        .then([{ ...adopted, data: { ...adopted.data, decidedOn: '2025-12-15', decisionRef: '§ 3', inForceFrom: '2026-01-01', at } }]));

    it('refuses a decision in the future', () => spec.given([drafted]).when(adopt('2026-12-01')).thenThrows(InvalidInputError));

    it('refuses a decision date that is no calendar date', () =>
      spec.given([drafted]).when(adopt('2026-02-30')).thenThrows(InvalidInputError));

    it('revising replaces the draft in place', () =>
      spec
        .given([drafted])
        .when(revise())
        .then([redrafted(1)]));

    it('withdraws the draft', () =>
      spec
        .given([drafted])
        .when(withdraw)
        .then([withdrawn(1)]));
  });

  describe('when a version is adopted', () => {
    it('refuses to adopt it again: it is no draft', () =>
      spec.given([drafted, adopted]).when(adopt('2026-02-01')).thenThrows(RuleViolationError, 'not_a_draft'));

    it('never changes it: revising makes a new draft version', () =>
      spec
        .given([drafted, adopted])
        .when(revise())
        .then([redrafted(2)]));

    it('withdraws the adopted version from today', () =>
      spec
        .given([drafted, adopted])
        .when(withdraw)
        .then([withdrawn(1)]));

    it('cannot be revised once its year has ended', () =>
      spec
        .given([drafted, adopted])
        .when(revise(new Date('2027-01-02T10:00:00Z')))
        .thenThrows(RuleViolationError, 'guarantee_expired'));
  });

  describe('when a revision of the adopted version is drafted', () => {
    const may11 = new Date('2026-05-11T09:00:00Z');

    it('adopting the revision supersedes the version in force from its date', () =>
      spec
        .given([drafted, adopted, revised])
        .when(adopt('2026-05-10', '§ 12', may11))
        .then([
          {
            type: 'GuaranteeAdopted.v1',
            data: {
              ...adopted.data,
              version: 2,
              decidedOn: '2026-05-10',
              decisionRef: '§ 12',
              inForceFrom: '2026-05-10',
              supersedesVersion: 1,
              at: may11.toISOString(),
            },
          },
        ]));

    it('keeps the superseded version in history, in force until the revision took over', () =>
      spec
        .given([drafted, adopted, revised])
        .when(adopt('2026-05-10', '§ 12', may11))
        .thenState((s) =>
          expect(s.versions.map((v) => [v.version, v.status, v.inForceFrom, v.inForceUntil])).toEqual([
            [1, 'superseded', '2026-01-21', '2026-05-10'],
            [2, 'adopted', '2026-05-10', undefined],
          ]),
        ));

    it('a revision cannot take effect before the version in force', () =>
      spec.given([drafted, adopted, revised]).when(adopt('2026-01-10')).thenThrows(RuleViolationError, 'decision_before_current'));

    it('withdrawing withdraws both the adopted version and the draft', () =>
      spec
        .given([drafted, adopted, revised])
        .when(withdraw)
        .then([withdrawn(1), withdrawn(2)]));
  });

  describe('when withdrawn', () => {
    it('has nothing left to withdraw', () =>
      spec
        .given([drafted, adopted, withdrawn(1)])
        .when(withdraw)
        .thenThrows(RuleViolationError, 'nothing_to_withdraw'));
  });
});

describe('commitmentInForce', () => {
  const day = (iso: string) => new Date(iso);

  it('finds no commitment before adoption', () =>
    expect(commitmentInForce(fold(guaranteeDecider, [drafted]), 'c1', now)).toMatchObject({ ok: false }));

  it('finds no commitment before the decision date', () =>
    expect(commitmentInForce(fold(guaranteeDecider, [drafted, adopted]), 'c1', day('2026-01-20T12:00:00Z')).ok).toBe(false));

  it('ends with the Stockholm year', () => {
    const s = fold(guaranteeDecider, [drafted, adopted]);
    expect(commitmentInForce(s, 'c1', day('2026-12-31T22:30:00+02:00')).ok).toBe(true);
    expect(commitmentInForce(s, 'c1', day('2026-12-31T23:30:00Z')).ok).toBe(false); // 00:30 on 1 Jan 2027 in Stockholm
  });

  it('takes the version in force on the day: the superseded one before, the revision after', () => {
    const s = fold(guaranteeDecider, [
      drafted,
      adopted,
      revised,
      { type: 'GuaranteeAdopted.v1', data: { ...adopted.data, version: 2, inForceFrom: '2026-05-10', supersedesVersion: 1 } },
    ]);
    expect(commitmentInForce(s, 'c1', day('2026-03-01T10:00:00Z'))).toMatchObject({ ok: true, version: 1 });
    expect(commitmentInForce(s, 'c1', day('2026-06-01T10:00:00Z'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not part of version 2/),
    });
    expect(commitmentInForce(s, 'svar', day('2026-06-01T10:00:00Z'))).toMatchObject({ ok: true, version: 2 });
  });

  it('ends the day a withdrawal takes effect', () => {
    const s = fold(guaranteeDecider, [drafted, adopted, withdrawn(1)]);
    expect(commitmentInForce(s, 'c1', day('2026-03-01T10:00:00Z')).ok).toBe(true);
    expect(commitmentInForce(s, 'c1', day('2026-03-03T10:00:00Z')).ok).toBe(false);
  });
});

describe('displayStatus', () => {
  it('shows an adopted guarantee as expired once its year is over', () => {
    const s = fold(guaranteeDecider, [drafted, adopted]);
    expect(displayStatus(s, new Date('2026-12-31T12:00:00Z'))).toBe('adopted');
    expect(displayStatus(s, new Date('2027-01-01T12:00:00Z'))).toBe('expired');
  });
});
