import { withTimeout } from './timeout';

describe('withTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers what the work answers in time, and clears its timer', async () => {
    expect(await withTimeout(Promise.resolve('ok'), 1000, () => 'late')).toBe('ok');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('answers the fallback when the work does not settle in time', async () => {
    const answer = withTimeout(new Promise<string>(() => undefined), 1000, () => 'late');
    await jest.advanceTimersByTimeAsync(999);
    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(await answer).toBe('late');
  });

  it('passes a rejection on, and clears its timer', async () => {
    await expect(withTimeout(Promise.reject(new Error('refused')), 1000, () => 'late')).rejects.toThrow('refused');
    expect(jest.getTimerCount()).toBe(0);
  });
});
