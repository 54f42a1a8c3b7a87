import { issueDevToken, Role } from '@app/auth';

/** A development token for tests: `tokenFor('manager', ['hgb'])`. */
export function tokenFor(roles: Role | Role[], units: string[] = ['*'], name = 'Test User'): Promise<string> {
  const list = Array.isArray(roles) ? roles : [roles];
  return issueDevToken({ roles: list, units, name, sub: `test-${list.join('-')}-${units.join('_')}` }, {});
}
