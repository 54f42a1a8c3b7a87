import { stockholmDate } from './calendar';

describe('stockholmDate', () => {
  it('gives a UTC string the same date as its instant, every quarter hour of a year with both offset changes', () => {
    const start = Date.UTC(2025, 0, 1);
    const differing: string[] = [];
    for (let t = start; t < start + 366 * 86_400_000; t += 15 * 60_000) {
      const iso = new Date(t).toISOString();
      if (stockholmDate(iso) !== stockholmDate(new Date(t))) differing.push(iso);
    }
    expect(differing).toEqual([]);
  });

  it('knows the offset changes to the hour and reads strings in other forms through the full parse', () => {
    expect(stockholmDate('2025-03-29T22:59:59.999Z')).toBe('2025-03-29'); // +01:00 until 01:00 UTC on 30 March
    expect(stockholmDate('2025-03-29T23:00:00Z')).toBe('2025-03-30');
    expect(stockholmDate('2025-06-30T21:59:00Z')).toBe('2025-06-30'); // summer: +02:00
    expect(stockholmDate('2025-06-30T22:00:00Z')).toBe('2025-07-01');
    expect(stockholmDate('2025-06-30T23:30:00+02:00')).toBe('2025-06-30');
    expect(() => stockholmDate('garbage')).toThrow(RangeError);
  });
});
