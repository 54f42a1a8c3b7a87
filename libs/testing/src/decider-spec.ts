import { Decider, DomainError, DomainEvent, fold } from '@app/core';

/**
 * given(events).when(command).then(events) — specs for pure deciders.
 * `then` compares with toEqual; `thenThrows` checks the error class and, when given, its code.
 */
export function deciderSpec<S, C, E extends DomainEvent>(decider: Decider<S, C, E>) {
  return {
    given(history: E[] = []) {
      const state = fold(decider, history);
      return {
        state,
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenMatches(expected: Record<string, unknown>[]) {
              expect(run()).toMatchObject(expected);
            },
            thenNothing() {
              expect(run()).toEqual([]);
            },
            thenThrows(errorClass: new (...args: never[]) => DomainError, code?: string | RegExp) {
              let thrown: unknown;
              try {
                run();
              } catch (err) {
                thrown = err;
              }
              expect(thrown).toBeInstanceOf(errorClass);
              if (code !== undefined) {
                const actual = (thrown as DomainError).code + ' ' + (thrown as DomainError).message;
                if (typeof code === 'string') expect((thrown as DomainError).code).toBe(code);
                else expect(actual).toMatch(code);
              }
            },
            /** The state after the decided events, for checking evolve. */
            thenState(check: (after: S) => void) {
              check(fold(decider, run(), state));
            },
          };
        },
      };
    },
  };
}
