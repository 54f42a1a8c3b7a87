import { ArgumentsHost, Logger } from '@nestjs/common';
import { InvalidPositionError } from '@app/event-store';
import { REPLAY_RETRY_AFTER_SECONDS, ReplaysBusyError } from '../replays/replay-pool';
import { ProblemDetailsFilter } from './problem-details.filter';

describe('a position that is no event’s', () => {
  it('is the client’s error: 400 invalid_position, not 500', () => {
    expect(new ProblemDetailsFilter().toProblem(new InvalidPositionError(12_345n))).toMatchObject({
      status: 400,
      code: 'invalid_position',
    });
  });
});

describe('as-of replays beyond the pool’s queue', () => {
  it('are answered 503 replays_busy with Retry-After', () => {
    const headers: Record<string, string> = {};
    const res = {
      headersSent: false,
      setHeader: (name: string, value: string) => (headers[name] = value),
      status: () => res,
      type: () => res,
      send: jest.fn(),
    };
    const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
    const filter = new ProblemDetailsFilter();
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    filter.catch(new ReplaysBusyError(), host);
    expect(headers['Retry-After']).toBe(String(REPLAY_RETRY_AFTER_SECONDS));
    expect(JSON.parse(res.send.mock.calls[0][0] as string)).toMatchObject({ status: 503, code: 'replays_busy' });
  });
});
