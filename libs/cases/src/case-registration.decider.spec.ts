import { InvalidInputError } from '@app/core';
import { checkRegistration } from './case.decider';
import { now, register, registration, spec } from '../test/case.decider.fixtures';

describe('a case not yet registered', () => {
  it('is registered with receivedAt apart from registeredAt, and deadlines counted from the day of receipt', () =>
    spec
      .given([])
      .when(register({ receivedAt: new Date('2026-02-25T10:00:00Z') })) // Wednesday
      .then([
        registration({
          receivedAt: '2026-02-25T10:00:00.000Z',
          acknowledgeBy: '2026-02-27T22:59:59.999Z', // + 2 working days = Friday
          respondBy: '2026-03-11T22:59:59.999Z', // + 10 working days
        }),
      ]));

  it('wants no reply from anonymous feedback', () =>
    spec
      .given([])
      .when(register({ submitter: undefined }))
      .then([registration({ submitter: undefined, wantsReply: false, needsResponse: false })]));

  it('wants no reply from a submitter who left only a name', () =>
    spec
      .given([])
      .when(register({ submitter: { name: 'Bara namn' } }))
      .then([registration({ submitter: { name: 'Bara namn' }, wantsReply: false, needsResponse: false })]));

  it('refuses a reply wanted without a way to reach the submitter', () =>
    spec
      .given([])
      .when(register({ submitter: undefined, wantsReply: true }))
      .thenThrows(InvalidInputError, /wantsReply/));

  it('needs no response to praise, even when a reply is wanted', () =>
    spec
      .given([])
      .when(register({ caseType: 'praise' }))
      .then([registration({ type: 'praise', needsResponse: false })]));

  it('needs no response to an idea', () =>
    spec
      .given([])
      .when(register({ caseType: 'idea' }))
      .then([registration({ type: 'idea', needsResponse: false })]));

  it('refuses a blank description', () =>
    spec
      .given([])
      .when(register({ description: ' \n\t ' }))
      .thenThrows(InvalidInputError, /description/));

  it('refuses a receipt in the future', () =>
    spec
      .given([])
      .when(register({ receivedAt: new Date('2026-03-03T09:00:00Z') }))
      .thenThrows(InvalidInputError, /receivedAt/));

  it('has its own fields checked without any state, as before a reference number is taken', () => {
    expect(() => checkRegistration({ caseType: 'complaint', description: ' ' }, now)).toThrow(InvalidInputError);
    expect(checkRegistration({ caseType: 'opinion', description: 'Bra', submitter: { phone: '070-1' } }, now)).toEqual({
      received: now,
      submitter: { phone: '070-1' },
      wantsReply: true,
      needsResponse: true,
    });
  });
});
