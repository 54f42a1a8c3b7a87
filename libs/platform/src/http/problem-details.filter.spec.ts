import { InvalidPositionError } from '@app/event-store';
import { ProblemDetailsFilter } from './problem-details.filter';

describe('a position that is no event’s', () => {
  it('is the client’s error: 400 invalid_position, not 500', () => {
    expect(new ProblemDetailsFilter().toProblem(new InvalidPositionError(12_345n))).toMatchObject({
      status: 400,
      code: 'invalid_position',
    });
  });
});
