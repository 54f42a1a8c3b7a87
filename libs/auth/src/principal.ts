export const ROLES = ['intake', 'manager', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  sub: string;
  name?: string;
  roles: Role[];
  /** Unit ids the user may act for; ['*'] = all. */
  units: string[];
}

export class InvalidClaimsError extends Error {}

/** Reads our claims from a verified JWT payload; anything malformed is refused, never guessed. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, name, roles, units } = claims;
  if (typeof sub !== 'string' || !sub) throw new InvalidClaimsError('the token has no subject (sub)');
  // No roles claim is no role (providers leave it out for users without one): such a token is refused by every rule (403).
  if (roles !== undefined && (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string'))) {
    throw new InvalidClaimsError('the roles claim must be a list of role names');
  }
  const unknown = ((roles ?? []) as string[]).filter((r) => !ROLES.includes(r as Role));
  if (unknown.length) throw new InvalidClaimsError(`unknown role(s) in token: ${unknown.join(', ')}`);
  if (units !== undefined && (!Array.isArray(units) || units.some((u) => typeof u !== 'string'))) {
    throw new InvalidClaimsError('the units claim must be a list of unit ids');
  }
  return {
    sub,
    ...(typeof name === 'string' && name ? { name } : {}),
    roles: [...new Set((roles ?? []) as Role[])],
    units: (units as string[] | undefined) ?? [],
  };
}

/** Clocks of identity providers drift a little; an issue time further ahead than this is refused. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * A token must say when it was issued and when it expires, and live no longer than `maxAgeSeconds`: a stolen token
 * is worth a working day at most. An issue time in the future would stretch that, so it is refused too.
 */
export function assertTokenLifetime(claims: { iat?: unknown; exp?: unknown }, maxAgeSeconds: number, nowSeconds: number): void {
  const { iat, exp } = claims;
  if (typeof exp !== 'number') throw new InvalidClaimsError('the token has no expiry (exp)');
  if (typeof iat !== 'number') throw new InvalidClaimsError('the token has no issue time (iat)');
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) throw new InvalidClaimsError('the token was issued in the future (iat)');
  if (exp - iat > maxAgeSeconds) {
    throw new InvalidClaimsError(`the token lives ${exp - iat} s (exp − iat); at most ${maxAgeSeconds} s is accepted`);
  }
}

export const hasRole = (p: Principal, ...roles: Role[]) => p.roles.some((r) => roles.includes(r));

/** Admins act for every unit; others for the units their token names ('*' = all). */
export function canActForUnit(p: Principal, unitId: string): boolean {
  return p.roles.includes('admin') || p.units.includes('*') || p.units.includes(unitId);
}

/**
 * The units whose records a principal may read; undefined = all. Admins and auditors read every unit (an auditor acts
 * for none); a manager reads the units they act for ('*' = all); anyone else none: a unit claim alone grants nothing.
 * Writes check canActForUnit instead.
 */
export function unitsVisibleTo(p: Principal): string[] | undefined {
  if (hasRole(p, 'admin', 'auditor')) return undefined;
  if (!hasRole(p, 'manager')) return [];
  return p.units.includes('*') ? undefined : p.units;
}

/** May the principal read the records of this unit (see unitsVisibleTo)? */
export function maySeeUnit(p: Principal, unitId: string): boolean {
  return unitsVisibleTo(p)?.includes(unitId) ?? true;
}

export const actorOf = (p: Principal): { sub: string; name?: string } => ({ sub: p.sub, ...(p.name ? { name: p.name } : {}) });

/**
 * The principal a process of the system acts as (a reactor, a scheduler, a CLI command): recorded as the actor
 * `system:<name>`, with the rights of an admin over every unit, since it acts on rules, not on a person's behalf.
 */
export function systemPrincipal(name: string, label: string): Principal {
  return { sub: `system:${name}`, name: label, roles: ['admin'], units: ['*'] };
}
