import { periodText, points, publishedCount, shareSentence, signed } from './draft-text';

describe('the draft’s wording', () => {
  it('prints a count from 1 below the minimum as "färre än" it, and 0 and larger counts as they are', () => {
    expect([0, 1, 4, 5, 12].map((n) => publishedCount(n, 5))).toEqual(['0', 'färre än 5', 'färre än 5', '5', '12']);
    expect(publishedCount(2, 3)).toBe('färre än 3');
    expect(publishedCount(1, 1)).toBe('1');
  });

  it('says how a share changed, in whole per cent', () => {
    expect(shareSentence('Andelen besvarade i tid', { previous: 0.78, current: 0.86, change: 0.08 })).toBe(
      'Andelen besvarade i tid ökade från 78 % till 86 %.',
    );
    expect(shareSentence('Andelen', { previous: 0.5, current: 0.25, change: -0.25 })).toBe('Andelen minskade från 50 % till 25 %.');
    expect(shareSentence('Andelen', { previous: 0.5, current: 0.501, change: 0.001 })).toBe('Andelen var oförändrad, 50 %.');
    expect(shareSentence('Andelen', { previous: null, current: 0.5, change: null })).toBeUndefined();
  });

  it('signs changes and names periods', () => {
    expect([signed(3), signed(-1), signed(0), points(0.08), points(-0.01)]).toEqual([
      '+3',
      '−1',
      '0',
      '+8 procentenheter',
      '−1 procentenhet',
    ]);
    expect(periodText(2026, '2026-03-31')).toBe('1 januari–31 mars 2026');
    expect(periodText(2025, '2025-12-31')).toBe('2025');
  });
});
