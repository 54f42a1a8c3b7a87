import { Principal } from '@app/auth';
import { canSeeCase, visibleUnits } from './case.view';

const user = (roles: Principal['roles'], units: string[]): Principal => ({ sub: 'u', roles, units });

describe('which cases a user sees', () => {
  it('intake, auditors and admins see every unit', () => {
    for (const role of ['intake', 'auditor', 'admin'] as const) {
      expect(visibleUnits(user([role], []))).toBe('all');
      expect(canSeeCase(user([role], []), 'hgb')).toBe(true);
    }
  });

  it('a manager sees the units of the token, all of them with *', () => {
    expect(visibleUnits(user(['manager'], ['hgb', 'vby']))).toEqual(['hgb', 'vby']);
    expect(canSeeCase(user(['manager'], ['hgb']), 'hgb')).toBe(true);
    expect(canSeeCase(user(['manager'], ['hgb']), 'vby')).toBe(false);
    expect(visibleUnits(user(['manager'], ['*']))).toBe('all');
  });

  it('a token without a role sees nothing, whatever units it names', () => {
    expect(visibleUnits(user([], ['*']))).toEqual([]);
    expect(visibleUnits(user([], ['hgb']))).toEqual([]);
    expect(canSeeCase(user([], ['*']), 'hgb')).toBe(false);
    expect(canSeeCase(user([], ['hgb']), 'hgb')).toBe(false);
  });
});
