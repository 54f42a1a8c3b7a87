import fc from 'fast-check';
import { endOfStockholmDay, startOfStockholmDay } from '@app/core';
import { openOverSixMonths, openOverSixMonthsIfReceivedBefore, sixMonthsAfter } from './case.flags';

const start = (date: string) => startOfStockholmDay(date).toISOString();
const end = (date: string) => endOfStockholmDay(date).toISOString();

describe('open over six months (FL 12 §): the flag and the bound the list filters by', () => {
  it('counts six months from the day of receipt; a day the month lacks falls to its last day', () => {
    expect(sixMonthsAfter('2026-01-15')).toBe('2026-07-15');
    expect(sixMonthsAfter('2025-08-31')).toBe('2026-02-28');
    expect(sixMonthsAfter('2027-08-31')).toBe('2028-02-29');
  });

  it('flags a case received on 15 January from 16 July, Stockholm time, and the bound agrees', () => {
    const received = '2026-01-15T08:00:00.000Z';
    expect(openOverSixMonths(received, end('2026-07-15'))).toBe(false);
    expect(openOverSixMonths(received, start('2026-07-16'))).toBe(true);
    expect(received < openOverSixMonthsIfReceivedBefore(end('2026-07-15'))).toBe(false);
    expect(received < openOverSixMonthsIfReceivedBefore(start('2026-07-16'))).toBe(true);
  });

  it('takes the bound at the start of a Stockholm day: received 23:30 UTC on 15 January is the 16th there', () => {
    const now = '2026-07-16T09:00:00.000Z';
    expect(openOverSixMonthsIfReceivedBefore(now)).toBe(start('2026-01-16'));
    expect(openOverSixMonths('2026-01-15T23:30:00.000Z', now)).toBe(false);
    expect(openOverSixMonths('2026-01-15T22:59:59.999Z', now)).toBe(true);
  });

  it('at a month too short for the day, the bound is the first of the month after (31 March → 1 October)', () => {
    expect(openOverSixMonthsIfReceivedBefore('2026-03-31T09:00:00.000Z')).toBe(start('2025-10-01'));
    expect(openOverSixMonths('2025-09-30T12:00:00.000Z', '2026-03-31T09:00:00.000Z')).toBe(true);
    expect(openOverSixMonths('2025-10-01T12:00:00.000Z', '2026-03-31T09:00:00.000Z')).toBe(false);
  });

  it('on generated instants across month ends, leap years and summer time, `received < bound` is the flag', () => {
    const times = ['00:00:00.000', '21:59:59.999', '22:00:00.000', '22:59:59.999', '23:00:00.000'];
    const at = (day: number, time: string) => `${new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)}T${time}Z`;
    // `now` over four years; the receipt about six months before it (178 to 186 days), where the flag turns
    const pair = fc.record({
      now: fc.integer({ min: 200, max: 4 * 366 }),
      back: fc.integer({ min: 178, max: 186 }),
      nowTime: fc.constantFrom(...times),
      receivedTime: fc.constantFrom(...times),
    });
    fc.assert(
      fc.property(pair, (p) => {
        const [received, now] = [at(p.now - p.back, p.receivedTime), at(p.now, p.nowTime)];
        expect(received < openOverSixMonthsIfReceivedBefore(now)).toBe(openOverSixMonths(received, now));
      }),
      { numRuns: 5000 },
    );
  });
});
