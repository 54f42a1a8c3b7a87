import { heldBack, heldBackCounts } from './held-back';

describe('holding back counts that add up to a total', () => {
  it('holds back the smallest other cell too when the total would give a few away: 7 = 6 + 1 + 0 + 0', () => {
    expect(heldBack([6, 1, 0, 0], 5)).toEqual({ cells: ['secondary', 'few', 'shown', 'shown'], total: 'shown' });
  });

  it('holds back nothing more when two few cells could add up several ways', () => {
    expect(heldBack([10, 3, 4, 0], 5)).toEqual({ cells: ['shown', 'few', 'few', 'shown'], total: 'shown' });
  });

  it('holds back one more when the few cells add up one way only: all 1, or all just below the minimum', () => {
    expect(heldBack([10, 1, 1, 0], 5).cells).toEqual(['secondary', 'few', 'few', 'shown']);
    expect(heldBack([10, 4, 4], 5).cells).toEqual(['secondary', 'few', 'few']);
  });

  it('holds back the total of a single few cell (it equals it), and shows a single larger one', () => {
    expect(heldBack([0, 3, 0], 5)).toEqual({ cells: ['shown', 'few', 'shown'], total: 'few' });
    expect(heldBack([0, 8, 0], 5)).toEqual({ cells: ['shown', 'shown', 'shown'], total: 'shown' });
  });

  it('holds back nothing when every cell is 0, and never a 0', () => {
    expect(heldBack([0, 0, 0], 5)).toEqual({ cells: ['shown', 'shown', 'shown'], total: 'shown' });
    expect(heldBack([0, 9, 2], 5).cells).toEqual(['shown', 'secondary', 'few']);
  });

  it('picks the first of equally small cells', () => {
    expect(heldBack([6, 2, 6, 7], 5).cells).toEqual(['secondary', 'few', 'shown', 'shown']);
  });

  it('holds back nothing with a minimum of 0 or 1', () => {
    for (const min of [0, 1]) expect(heldBack([6, 1, 0, 0], min)).toEqual({ cells: ['shown', 'shown', 'shown', 'shown'], total: 'shown' });
  });

  describe('in sums that share counts', () => {
    // 0 total, 1 complaints, 2 opinions, 3 ideas; 4 and 5 complaints per category, 6 complaints without one
    const types = { total: 0, cells: [1, 2, 3] };
    const complaints = { total: 1, cells: [4, 5, 6] };
    const all = { total: 0, cells: [4, 5, 6, 2, 3] };

    it('does not let the cells of another table add up to a total held back', () => {
      // 7 = 6 complaints + 1 idea: the complaints are held back, and then one of the categories that add up to them
      expect(heldBackCounts([7, 6, 0, 1, 6, 0, 0], [types, complaints], 5)).toEqual([
        'shown',
        'secondary',
        'shown',
        'few',
        'secondary',
        'shown',
        'shown',
      ]);
    });

    it('checks the sums together: complaints per category with the other types add up to the total', () => {
      // 9 = 7 complaints (6 + 1) + 1 opinion + 1 idea: 1 + 1 + 1 = 9 − 6 gives all three away unless the 6 is held back
      const counts = [9, 7, 1, 1, 6, 1, 0];
      expect(heldBackCounts(counts, [types, complaints], 5)[4]).toBe('shown');
      expect(heldBackCounts(counts, [types, complaints, all], 5)[4]).toBe('secondary');
    });
  });
});
