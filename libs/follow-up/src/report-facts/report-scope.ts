import type { Principal } from '@app/auth';

/** Units a user may see figures for; undefined = all. */
export function reportScope(user: Principal): string[] | undefined {
  if (user.roles.includes('admin') || user.roles.includes('auditor') || user.units.includes('*')) return undefined;
  return user.units;
}
