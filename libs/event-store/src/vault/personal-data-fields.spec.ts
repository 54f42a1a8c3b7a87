import { containsEnvelope, openEnvelopes, sealFields } from './personal-data-fields';
import { PersonalDataPolicy } from './personal-data-policy';
import { EncryptedEnvelope, ENVELOPE_VERSION } from './personal-data-vault';

/** A transparent "cipher" so the specs can see what was sealed where. */
const seal = (value: unknown): EncryptedEnvelope => ({ $enc: ENVELOPE_VERSION, kid: 's', iv: '', ct: JSON.stringify(value), tag: '' });
const open = (e: EncryptedEnvelope) => JSON.parse(e.ct) as unknown;

describe('sealFields', () => {
  const data = { caseId: 'c1', description: 'Text', submitter: { name: 'Åsa', email: 'a@b.se' }, wantsReply: true };

  it('seals the named top-level and nested fields and leaves the rest', () => {
    expect(sealFields(data, ['description', 'submitter.email'], seal)).toEqual({
      caseId: 'c1',
      description: seal('Text'),
      submitter: { name: 'Åsa', email: seal('a@b.se') },
      wantsReply: true,
    });
  });

  it('seals a whole object once when a path inside it is named too, whatever the order', () => {
    expect(sealFields(data, ['submitter.email', 'submitter'], seal)).toMatchObject({ submitter: seal(data.submitter) });
  });

  it('skips absent and null fields and does not change its input', () => {
    const input = { caseId: 'c1', submitter: null };
    expect(sealFields(input, ['description', 'submitter', 'location.address'], seal)).toEqual(input);
    const before = structuredClone(data);
    sealFields(data, ['description'], seal);
    expect(data).toEqual(before);
  });
});

describe('openEnvelopes', () => {
  it('opens envelopes anywhere, also in arrays, and returns the same object when there is none', () => {
    const sealed = { a: seal({ x: 1 }), list: [seal('y'), 2], plain: { z: 3 } };
    expect(openEnvelopes(sealed, open)).toEqual({ a: { x: 1 }, list: ['y', 2], plain: { z: 3 } });
    const plain = { plain: { z: 3 } };
    expect(openEnvelopes(plain, open)).toBe(plain);
  });

  it('finds smuggled envelope shapes', () => {
    expect(containsEnvelope({ a: [{ b: { $enc: 'x' } }] })).toBe(true);
    expect(containsEnvelope({ a: [{ b: 'enc' }] })).toBe(false);
  });
});

describe('PersonalDataPolicy', () => {
  const policy = new PersonalDataPolicy({
    'CaseRegistered.v1': { subject: (e) => (e.data as { caseId?: string }).caseId, fields: ['submitter', 'description'] },
  });

  it('knows which types carry personal data and whose', () => {
    expect(policy.carriesPersonalData('CaseRegistered.v1')).toBe(true);
    expect(policy.carriesPersonalData('CaseClosed.v1')).toBe(false);
    expect(policy.subjectOf({ streamId: 'case-c1', type: 'CaseRegistered.v1', data: { caseId: 'c1' } })).toBe('c1');
    expect(policy.subjectOf({ streamId: 'case-c1', type: 'CaseClosed.v1', data: {} })).toBeUndefined();
  });

  it('refuses a covered event without a subject, and malformed paths', () => {
    expect(() => policy.subjectOf({ streamId: 's', type: 'CaseRegistered.v1', data: {} })).toThrow(/subject/);
    expect(() => new PersonalDataPolicy({ T: { subject: () => 'x', fields: ['a..b'] } })).toThrow(/dot path/);
    expect(() => new PersonalDataPolicy({ T: { subject: () => 'x', fields: [] } })).toThrow(/no fields/);
  });
});
