import { addDays, stockholmDate } from './calendar';
import { workingDays } from './working-days';

describe('the Swedish working-day calendar', () => {
  it('skips weekends', () => {
    expect(workingDays.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
    expect(workingDays.addWorkingDays('2026-03-07', 2)).toBe('2026-03-10'); // Saturday + 2
  });

  it('skips Easter: långfredagen and annandag påsk (2026: 3 and 6 April)', () => {
    expect(workingDays.isWorkingDay('2026-04-02')).toBe(true); // skärtorsdagen is a working day
    expect(workingDays.isWorkingDay('2026-04-03')).toBe(false);
    expect(workingDays.isWorkingDay('2026-04-06')).toBe(false);
    expect(workingDays.addWorkingDays('2026-04-02', 2)).toBe('2026-04-08');
  });

  it('skips midsommarafton as a de facto non-working eve (2026-06-19) and nationaldagen when on a weekday', () => {
    expect(workingDays.isWorkingDay('2026-06-19')).toBe(false);
    expect(workingDays.addWorkingDays('2026-06-18', 1)).toBe('2026-06-22');
    expect(workingDays.isWorkingDay('2025-06-06')).toBe(false); // Friday
    expect(workingDays.isWorkingDay('2025-06-20')).toBe(false); // midsommarafton 2025
  });

  it('skips julafton, juldagen, annandag jul, nyårsafton, nyårsdagen and trettondedag jul', () => {
    // 2025-12-23 (Tue) + 2 working days: 24, 25, 26 off; 29 (Mon), 30 (Tue)
    expect(workingDays.addWorkingDays('2025-12-23', 2)).toBe('2025-12-30');
    // 2025-12-30 + 2: 31 off, 1 Jan off, 2 Jan (Fri), 5 Jan (Mon)
    expect(workingDays.addWorkingDays('2025-12-30', 2)).toBe('2026-01-05');
    expect(workingDays.isWorkingDay('2026-01-06')).toBe(false);
    // 10 working days from 2025-12-19 (Fri): 22, 23, 29, 30, 2, 5, 7, 8, 9, 12
    expect(workingDays.addWorkingDays('2025-12-19', 10)).toBe('2026-01-12');
  });

  it('handles a leap year (29 February 2028 is a Tuesday)', () => {
    expect(workingDays.isWorkingDay('2028-02-29')).toBe(true);
    expect(workingDays.addWorkingDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(workingDays.addWorkingDays('2028-02-25', 2)).toBe('2028-02-29');
  });

  it('counts working days after one day up to and including another', () => {
    expect(workingDays.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(workingDays.workingDaysBetween('2026-03-02', '2026-03-09')).toBe(5);
    expect(workingDays.workingDaysBetween('2026-04-02', '2026-04-08')).toBe(2);
    // across the new year: 23 Dec (Tue) → 7 Jan 2026: 29, 30 Dec, 2, 5, 7 Jan (24–26 and 31 Dec, 1 and 6 Jan closed)
    expect(workingDays.workingDaysBetween('2025-12-23', '2026-01-07')).toBe(5);
    expect(workingDays.workingDaysBetween('2026-01-07', '2025-12-23')).toBe(0);
  });

  it('counts as a walk day by day would, over every pair of days 0–400 days apart, across leap and holiday years', () => {
    const walk = (from: string, to: string) => {
      let n = 0;
      for (let d = from; d < to; ) {
        d = addDays(d, 1);
        if (workingDays.isWorkingDay(d)) n++;
      }
      return n;
    };
    for (let start = '2027-06-01'; start < '2029-02-01'; start = addDays(start, 13)) {
      for (const span of [0, 1, 2, 5, 6, 7, 30, 45, 100, 215, 400]) {
        const end = addDays(start, span);
        expect({ start, end, n: workingDays.workingDaysBetween(start, end) }).toEqual({ start, end, n: walk(start, end) });
      }
    }
  });

  it('puts a deadline at the end of the Stockholm day, counting from the Stockholm day of receipt', () => {
    // received 23:30 UTC on Friday 6 March = 00:30 Saturday in Stockholm → the day of receipt is Saturday
    expect(workingDays.deadline(new Date('2026-03-06T23:30:00Z'), 2).toISOString()).toBe('2026-03-10T22:59:59.999Z');
    // summer time: end of day is 21:59:59.999 UTC
    expect(workingDays.deadline(new Date('2026-06-15T08:00:00Z'), 1).toISOString()).toBe('2026-06-16T21:59:59.999Z');
  });
});

describe('the Stockholm date of an instant', () => {
  it('follows summer time changes exactly (last Sundays of March and October, 01:00 UTC)', () => {
    expect(stockholmDate(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29'); // 01:59 CET
    expect(stockholmDate(new Date('2026-03-28T22:59:59Z'))).toBe('2026-03-28'); // 23:59 CET
    expect(stockholmDate(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(stockholmDate(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30'); // 23:59 CEST
    expect(stockholmDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(stockholmDate(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25'); // 00:00 CEST
    expect(stockholmDate(new Date('2026-10-25T22:59:59Z'))).toBe('2026-10-25'); // 23:59 CET
    expect(stockholmDate(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('agrees with the time-zone database over a whole year, hour by hour', () => {
    const intl = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000 - 1)
      expect(stockholmDate(new Date(t))).toBe(intl.format(new Date(t)));
  });
});
