import { CASE_TYPES, CaseType } from '@app/cases';

/**
 * One Open311 service per (unit, case type): `<unitId>.<type>`, e.g. `hgb.complaint`. Unit ids are slugs
 * (lower-case letters, digits, single hyphens), so the dot never occurs in them and the code parses back.
 */
export const serviceCode = (unitId: string, type: CaseType | string) => `${unitId}.${type}`;

export function parseServiceCode(code: unknown): { unitId: string; type: CaseType } | undefined {
  if (typeof code !== 'string') return undefined;
  const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]+)$/.exec(code.trim());
  if (!m || !CASE_TYPES.includes(m[2] as CaseType)) return undefined;
  return { unitId: m[1], type: m[2] as CaseType };
}

export const TYPE_LABELS: Record<CaseType, string> = {
  complaint: 'Klagomål',
  opinion: 'Synpunkt',
  praise: 'Beröm',
  idea: 'Idé eller förslag',
};

const TYPE_TEXTS: Record<CaseType, string> = {
  complaint: 'Något fungerade inte som det ska eller som utlovats.',
  opinion: 'Vad du tycker om verksamheten.',
  praise: 'Något som fungerade bra.',
  idea: 'Ett förslag på hur verksamheten kan bli bättre.',
};

/** Services with form fields beyond the standard ones (reply wanted, the guarantee commitment). */
export const hasDefinition = (type: CaseType) => type === 'complaint' || type === 'opinion';

/** The columns of the units register's table (owned by @app/units) that Open311 reads. */
export interface UnitRow {
  id: string;
  name: string;
  department: string;
}

export function toService(unit: UnitRow, type: CaseType) {
  return {
    service_code: serviceCode(unit.id, type),
    service_name: `${TYPE_LABELS[type]} – ${unit.name}`,
    description: `${TYPE_TEXTS[type]} Gäller ${unit.name}. Plats (lat/long eller adress) behövs bara när synpunkten gäller en viss plats.`,
    metadata: hasDefinition(type),
    type: 'realtime' as const,
    keywords: [TYPE_LABELS[type].toLowerCase(), unit.name, unit.department].join(', '),
    group: unit.department,
  };
}

export const servicesOf = (units: UnitRow[]) => units.flatMap((u) => CASE_TYPES.map((t) => toService(u, t)));
