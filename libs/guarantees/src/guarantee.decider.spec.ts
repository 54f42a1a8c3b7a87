import { InvalidInputError, NotFoundError, RuleViolationError, fold } from '@app/core';
import { deciderSpec } from '@app/testing';
import { commitmentInForce, displayStatus, guaranteeDecider } from './guarantee.decider';
import { GuaranteeContentInput, GuaranteeEvent } from './guarantee.events';

const spec = deciderSpec(guaranteeDecider);
const now = new Date('2026-03-02T09:00:00Z');
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
const drafted: GuaranteeEvent = {
  type: 'GuaranteeDrafted.v1',
  data: {
    guaranteeId: 'hgb-2026',
    unitId: 'hgb',
    year: 2026,
    version: 1,
    title: content.title,
    intro: content.intro,
    commitments: [
      { id: 'c1', text: 'Du får en kontaktman inom två veckor.' },
      { id: 'svar', text: 'Vi svarar på synpunkter inom fem arbetsdagar.', responseWorkingDays: 5 },
    ],
    remedy: content.remedy,
    contact: content.contact,
    at: '2026-01-05T09:00:00.000Z',
  },
};
const adopted: GuaranteeEvent = {
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
const revised: GuaranteeEvent = {
  type: 'GuaranteeDrafted.v1',
  data: {
    ...drafted.data,
    version: 2,
    commitments: [{ id: 'svar', text: 'Vi svarar inom tre arbetsdagar.', responseWorkingDays: 3 }],
    at: '2026-05-01T09:00:00.000Z',
  },
};

describe('guarantee decider', () => {
  it('drafts version 1 with stable commitment ids, keeping given ones', () =>
    spec
      .given([])
      .when({ type: 'DraftGuarantee', unitId: 'hgb', year: 2026, content, unitOpen: true, now })
      .then([{ ...drafted, data: { ...drafted.data, at: now.toISOString() } }]));

  it('needs at least one commitment, a sensible year and an open unit', () => {
    spec
      .given([])
      .when({ type: 'DraftGuarantee', unitId: 'hgb', year: 2026, content: { ...content, commitments: [] }, unitOpen: true, now })
      .thenThrows(InvalidInputError);
    spec.given([]).when({ type: 'DraftGuarantee', unitId: 'hgb', year: 2031, content, unitOpen: true, now }).thenThrows(InvalidInputError);
    spec
      .given([])
      .when({ type: 'DraftGuarantee', unitId: 'hgb', year: 2026, content, unitOpen: false, now })
      .thenThrows(RuleViolationError, 'unit_closed');
    spec
      .given([])
      .when({
        type: 'DraftGuarantee',
        unitId: 'hgb',
        year: 2026,
        content: {
          ...content,
          commitments: [
            { id: 'a', text: 'x' },
            { id: 'a', text: 'y' },
          ],
        },
        unitOpen: true,
        now,
      })
      .thenThrows(InvalidInputError);
  });

  it('allows only one guarantee series per unit and year', () =>
    spec
      .given([drafted])
      .when({ type: 'DraftGuarantee', unitId: 'hgb', year: 2026, content, unitOpen: true, now })
      .thenThrows(RuleViolationError, 'guarantee_exists'));

  it('adopts a draft from the decision date', () =>
    spec
      .given([drafted])
      .when({ type: 'AdoptGuarantee', guaranteeId: 'hgb-2026', decidedOn: '2026-01-21', decisionRef: '§ 7, dnr 1.2-600/2026', now })
      .thenMatches([{ type: 'GuaranteeAdopted.v1', data: { version: 1, inForceFrom: '2026-01-21' } }]));

  it('a decision made the year before takes effect on 1 January', () =>
    spec
      .given([drafted])
      .when({ type: 'AdoptGuarantee', guaranteeId: 'hgb-2026', decidedOn: '2025-12-15', decisionRef: '§ 3', now })
      .thenMatches([{ data: { inForceFrom: '2026-01-01' } }]));

  it('refuses to adopt what is not a draft, a future decision, or a missing guarantee', () => {
    spec
      .given([drafted, adopted])
      .when({ type: 'AdoptGuarantee', guaranteeId: 'hgb-2026', decidedOn: '2026-02-01', decisionRef: 'x', now })
      .thenThrows(RuleViolationError, 'not_a_draft');
    spec
      .given([drafted])
      .when({ type: 'AdoptGuarantee', guaranteeId: 'hgb-2026', decidedOn: '2026-12-01', decisionRef: 'x', now })
      .thenThrows(InvalidInputError);
    spec
      .given([drafted])
      .when({ type: 'AdoptGuarantee', guaranteeId: 'hgb-2026', decidedOn: '2026-02-30', decisionRef: 'x', now })
      .thenThrows(InvalidInputError);
    spec
      .given([])
      .when({ type: 'AdoptGuarantee', guaranteeId: 'x', decidedOn: '2026-01-01', decisionRef: 'x', now })
      .thenThrows(NotFoundError);
  });

  it('an adopted version never changes: revising makes a new draft version', () =>
    spec
      .given([drafted, adopted])
      .when({ type: 'ReviseGuarantee', guaranteeId: 'hgb-2026', content, now })
      .thenMatches([{ type: 'GuaranteeDrafted.v1', data: { version: 2 } }]));

  it('revising a draft replaces the draft in place', () =>
    spec
      .given([drafted])
      .when({ type: 'ReviseGuarantee', guaranteeId: 'hgb-2026', content, now })
      .thenMatches([{ data: { version: 1 } }]));

  it('adopting a revision supersedes the version in force from its date, which stays in history', () => {
    const when = spec.given([drafted, adopted, revised]).when({
      type: 'AdoptGuarantee',
      guaranteeId: 'hgb-2026',
      decidedOn: '2026-05-10',
      decisionRef: '§ 12',
      now: new Date('2026-05-11T09:00:00Z'),
    });
    when.thenMatches([{ data: { version: 2, supersedesVersion: 1, inForceFrom: '2026-05-10' } }]);
    when.thenState((s) => {
      expect(s.versions.map((v) => [v.version, v.status, v.inForceFrom, v.inForceUntil])).toEqual([
        [1, 'superseded', '2026-01-21', '2026-05-10'],
        [2, 'adopted', '2026-05-10', undefined],
      ]);
      expect(commitmentInForce(s, 'c1', new Date('2026-03-01T10:00:00Z'))).toMatchObject({ ok: true, version: 1 });
      expect(commitmentInForce(s, 'c1', new Date('2026-06-01T10:00:00Z'))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/not part of version 2/),
      });
      expect(commitmentInForce(s, 'svar', new Date('2026-06-01T10:00:00Z'))).toMatchObject({ ok: true, version: 2 });
    });
  });

  it('a revision cannot take effect before the version in force', () =>
    spec
      .given([drafted, adopted, revised])
      .when({ type: 'AdoptGuarantee', guaranteeId: 'hgb-2026', decidedOn: '2026-01-10', decisionRef: 'x', now })
      .thenThrows(RuleViolationError, 'decision_before_current'));

  it('withdraws the adopted version from today', () => {
    const when = spec
      .given([drafted, adopted])
      .when({ type: 'WithdrawGuarantee', guaranteeId: 'hgb-2026', reason: 'Verksamheten läggs ned', now });
    when.thenMatches([{ type: 'GuaranteeWithdrawn.v1', data: { version: 1, withdrawnOn: '2026-03-02' } }]);
    when.thenState((s) => {
      expect(commitmentInForce(s, 'c1', new Date('2026-03-01T10:00:00Z')).ok).toBe(true);
      expect(commitmentInForce(s, 'c1', new Date('2026-03-03T10:00:00Z')).ok).toBe(false);
    });
    spec
      .given([
        drafted,
        adopted,
        {
          type: 'GuaranteeWithdrawn.v1',
          data: {
            guaranteeId: 'hgb-2026',
            unitId: 'hgb',
            year: 2026,
            version: 1,
            reason: 'x',
            withdrawnOn: '2026-03-02',
            at: now.toISOString(),
          },
        },
      ])
      .when({ type: 'WithdrawGuarantee', guaranteeId: 'hgb-2026', reason: 'igen', now })
      .thenThrows(RuleViolationError, 'nothing_to_withdraw');
  });

  it('no commitment is in force before adoption or outside the year, and the guarantee expires at year end', () => {
    const draftOnly = fold(guaranteeDecider, [drafted]);
    expect(commitmentInForce(draftOnly, 'c1', now)).toMatchObject({ ok: false });
    const s = fold(guaranteeDecider, [drafted, adopted]);
    expect(commitmentInForce(s, 'c1', new Date('2026-01-20T12:00:00Z')).ok).toBe(false);
    expect(commitmentInForce(s, 'c1', new Date('2026-12-31T23:30:00Z')).ok).toBe(false); // 00:30 on 1 Jan 2027 in Stockholm
    expect(commitmentInForce(s, 'c1', new Date('2026-12-31T22:30:00+02:00')).ok).toBe(true);
    expect(displayStatus(s, new Date('2026-12-31T12:00:00Z'))).toBe('adopted');
    expect(displayStatus(s, new Date('2027-01-01T12:00:00Z'))).toBe('expired');
  });

  it('a year that has ended cannot be revised', () =>
    spec
      .given([drafted, adopted])
      .when({ type: 'ReviseGuarantee', guaranteeId: 'hgb-2026', content, now: new Date('2027-01-02T10:00:00Z') })
      .thenThrows(RuleViolationError, 'guarantee_expired'));
});
