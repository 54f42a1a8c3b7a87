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
  if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string')) throw new InvalidClaimsError('the token has no roles claim');
  const unknown = roles.filter((r) => !ROLES.includes(r as Role));
  if (unknown.length) throw new InvalidClaimsError(`unknown role(s) in token: ${unknown.join(', ')}`);
  if (units !== undefined && (!Array.isArray(units) || units.some((u) => typeof u !== 'string'))) {
    throw new InvalidClaimsError('the units claim must be a list of unit ids');
  }
  return {
    sub,
    ...(typeof name === 'string' && name ? { name } : {}),
    roles: [...new Set(roles as Role[])],
    units: (units as string[] | undefined) ?? [],
  };
}

export const hasRole = (p: Principal, ...roles: Role[]) => p.roles.some((r) => roles.includes(r));

/** Admins act for every unit; others for the units their token names ('*' = all). */
export function canActForUnit(p: Principal, unitId: string): boolean {
  return p.roles.includes('admin') || p.units.includes('*') || p.units.includes(unitId);
}

export const actorOf = (p: Principal): { sub: string; name?: string } => ({ sub: p.sub, ...(p.name ? { name: p.name } : {}) });
