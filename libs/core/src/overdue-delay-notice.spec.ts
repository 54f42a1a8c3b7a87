import { endOfStockholmDay } from './calendar';
import { needsDelayNoticeAt } from './overdue';

/** A complaint due on Monday 16 March 2026 (Stockholm), open and not responded to. */
const due = {
  open: true,
  acknowledgedAt: '2026-03-03T09:00:00.000Z',
  acknowledgeBy: '2026-03-04T22:59:59.999Z',
  needsResponse: true,
  respondBy: endOfStockholmDay('2026-03-16').toISOString(),
};
const on = (date: string, time = '09:00:00.000') => `${date}T${time}Z`;

describe('needsDelayNoticeAt (FL 11 §)', () => {
  describe('with no notice sent', () => {
    it('is not due on the day respondBy falls, to its last millisecond', () => {
      expect(needsDelayNoticeAt(due, on('2026-03-16'))).toBe(false);
      expect(needsDelayNoticeAt(due, due.respondBy)).toBe(false);
    });

    it('is due the day after respondBy, from its first millisecond (Stockholm time)', () => {
      expect(needsDelayNoticeAt(due, '2026-03-16T23:00:00.000Z')).toBe(true);
      expect(needsDelayNoticeAt(due, on('2026-03-17'))).toBe(true);
    });

    it('is not due once the case is responded to, closed, or paused in time', () => {
      expect(needsDelayNoticeAt({ ...due, respondedAt: on('2026-03-18') }, on('2026-03-20'))).toBe(false);
      expect(needsDelayNoticeAt({ ...due, open: false }, on('2026-03-20'))).toBe(false);
      expect(needsDelayNoticeAt({ ...due, pausedSince: on('2026-03-10') }, on('2026-03-20'))).toBe(false);
      expect(needsDelayNoticeAt({ ...due, needsResponse: false }, on('2026-03-20'))).toBe(false);
    });
  });

  describe('with a notice sent', () => {
    it('before respondBy, it counts: the submitter was told of the delay as soon as it was seen', () => {
      const before = { ...due, delayNoticeAt: on('2026-03-16', '20:00:00.000') };
      expect(needsDelayNoticeAt(before, on('2026-03-17'))).toBe(false);
    });

    it('before respondBy naming a later date, it covers the case to the end of that date', () => {
      const before = { ...due, delayNoticeAt: on('2026-03-12'), delayNoticeRespondBy: '2026-03-30' };
      expect(needsDelayNoticeAt(before, on('2026-03-17'))).toBe(false);
      expect(needsDelayNoticeAt(before, '2026-03-30T22:00:00.000Z')).toBe(true);
    });

    it('after respondBy without a new date, it covers the case for as long as it stays open', () => {
      const after = { ...due, delayNoticeAt: '2026-03-16T23:00:00.000Z' };
      expect(needsDelayNoticeAt(after, on('2026-03-17'))).toBe(false);
      expect(needsDelayNoticeAt(after, on('2026-09-30'))).toBe(false);
    });

    it('after respondBy naming a date, it covers the case to the end of that date, and another is due the day after', () => {
      const after = { ...due, delayNoticeAt: on('2026-03-18'), delayNoticeRespondBy: '2026-03-30' };
      expect(needsDelayNoticeAt(after, on('2026-03-19'))).toBe(false);
      expect(needsDelayNoticeAt(after, '2026-03-30T21:59:59.999Z')).toBe(false); // 23:59:59.999 on 30 March (summer time)
      expect(needsDelayNoticeAt(after, '2026-03-30T22:00:00.000Z')).toBe(true); // 00:00 on 31 March
    });
  });
});
