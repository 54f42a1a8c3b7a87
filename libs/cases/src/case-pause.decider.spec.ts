import { fold, RuleViolationError } from '@app/core';
import { caseDecider, CaseState } from './case.decider';
import { caseFlags } from './case.flags';
import { after, asked, at, ev, into, monday, spec } from '../test/case.decider.fixtures';

describe('a case waiting for the complainant since before its respondBy', () => {
  // respondBy was Mon 16 March; paused Thu, Fri, Mon = 3 working days → Thu 19 March
  const resumed = ev('CaseResumed.v1', '2026-03-09T08:00:00.000Z', {
    pausedWorkingDays: 3,
    respondBy: '2026-03-19T22:59:59.999Z',
    status: 'received',
  });
  const unpaused = (s: CaseState) => {
    expect(s).toMatchObject({ pausedSince: undefined, respondBy: '2026-03-19T22:59:59.999Z' });
    expect(caseFlags({ ...s, status: 'in_progress' }, new Date('2026-03-20T10:00:00Z')).overdue.respond).toBe(true);
  };

  it('is resumed with respondBy moved by the working days paused', () =>
    spec
      .given(after(asked))
      .when({ type: 'ResumeCase', ...monday })
      .then([resumed]));

  it('is never overdue on response while its clock is stopped', () =>
    expect(caseFlags(fold(caseDecider, after(asked)), new Date('2026-04-01T10:00:00Z')).overdue.respond).toBe(false));

  it('refuses a response until resumed', () =>
    spec
      .given(after(asked))
      .when({ type: 'RespondCase', message: 'x', outcome: 'justified', ...at('2026-03-05T08:00:00Z') })
      .thenThrows(RuleViolationError, 'awaiting_complainant'));

  it('is resumed by a transfer, which the new unit takes over with the clock running', () =>
    spec
      .given(after(asked))
      .when({ type: 'TransferCase', toUnitId: 'fsk', toUnitOpen: true, reason: 'Fel enhet', ...monday })
      .then([resumed, ev('CaseTransferred.v1', '2026-03-09T08:00:00.000Z', { fromUnitId: 'hgb', toUnitId: 'fsk', reason: 'Fel enhet' })]));

  it('is no longer paused once transferred', () =>
    spec
      .given(after(asked))
      .when({ type: 'TransferCase', toUnitId: 'fsk', toUnitOpen: true, reason: 'Fel enhet', ...monday })
      .thenState((s) => {
        expect(s.status).toBe('transferred');
        unpaused(s);
      }));

  it('is resumed and closed when withdrawn', () =>
    spec
      .given(after(asked))
      .when({ type: 'CloseCase', resolution: 'withdrawn', ...monday })
      .then([resumed, ev('CaseClosed.v1', '2026-03-09T08:00:00.000Z', { resolution: 'withdrawn' })]));

  it('refuses any other closing until resumed', () =>
    spec
      .given(after(asked))
      .when({ type: 'CloseCase', resolution: 'closed_not_resolved', ...monday })
      .thenThrows(RuleViolationError, 'awaiting_complainant'));

  it('is resumed and merged by a merge', () =>
    spec
      .given(after(asked))
      .when({ type: 'MergeCase', into, ...monday })
      .then([resumed, ev('CaseMerged.v1', '2026-03-09T08:00:00.000Z', { intoCaseId: 'c2', intoReference: '2026-000002' })]));

  it('returns to the status before the pause with the clock running when unmerged', () => {
    const mergedWhilePaused = [...after(asked), resumed, ev('CaseMerged.v1', '2026-03-09T08:00:00.000Z', { intoCaseId: 'c2' })];
    spec
      .given(mergedWhilePaused)
      .when({ type: 'UnmergeCase', ...at('2026-03-10T08:00:00Z') })
      .thenState((s) => {
        expect(s.status).toBe('received');
        unpaused(s);
      });
  });
});

describe('a case asked a question after its respondBy', () => {
  // respondBy was Mon 16 March (end of day); the question goes out on Wed 18 March
  const askedLate = ev('ComplainantAsked.v1', '2026-03-18T08:00:00.000Z', { question: 'Vilken dag?' });

  it('is resumed without an extension', () =>
    spec
      .given(after(askedLate))
      .when({ type: 'ResumeCase', ...at('2026-03-23T08:00:00Z') })
      .then([
        ev('CaseResumed.v1', '2026-03-23T08:00:00.000Z', {
          pausedWorkingDays: 0,
          respondBy: '2026-03-16T22:59:59.999Z',
          status: 'received',
        }),
      ]));

  it('stays overdue while it waits', () =>
    expect(caseFlags(fold(caseDecider, after(askedLate)), new Date('2026-03-20T10:00:00Z')).overdue.respond).toBe(true));
});

describe('a case left paused by a transfer recorded before transfers ended pauses', () => {
  it('can still be resumed', () =>
    spec
      .given(after(asked, ev('CaseTransferred.v1', '2026-03-05T08:00:00.000Z', { fromUnitId: 'hgb', toUnitId: 'fsk', reason: 'x' })))
      .when({ type: 'ResumeCase', ...monday })
      .then([
        ev('CaseResumed.v1', '2026-03-09T08:00:00.000Z', {
          pausedWorkingDays: 3,
          respondBy: '2026-03-19T22:59:59.999Z',
          status: 'transferred',
        }),
      ]));
});
