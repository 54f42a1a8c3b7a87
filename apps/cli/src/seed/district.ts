/** The demo district: Hägersten-Liljeholmen's three departments and their units, in the spirit of the board papers. */
export const DISTRICT = 'Hägersten-Liljeholmen';
export const DEPARTMENTS = ['Förskola', 'Social omsorg', 'Äldreomsorg'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Which guarantee and which case texts a unit uses. */
export type UnitKind = 'forskola' | 'lss' | 'myndighet' | 'hemtjanst' | 'boende';

export interface DemoUnit {
  id: string;
  name: string;
  department: Department;
  kind: UnitKind;
  /** Relative share of the district's cases. */
  weight: number;
  manager: string;
  phone: string;
  /** Streets the unit's cases may name. */
  streets: string[];
  /** Share of its cases marked confidential (sekretess). */
  confidential: number;
  /** A new name from the autumn: history keeps the old one. */
  renamedTo?: string;
}

const u = (
  id: string,
  name: string,
  department: Department,
  kind: UnitKind,
  weight: number,
  manager: string,
  phone: string,
  streets: string[],
  confidential = 0.02,
  renamedTo?: string,
): DemoUnit => ({ id, name, department, kind, weight, manager, phone, streets, confidential, renamedTo });

export const UNITS: DemoUnit[] = [
  u('forskolan-solrosen', 'Förskolan Solrosen', 'Förskola', 'forskola', 7, 'Karin Lindqvist', '08-508 22 101', [
    'Fruängsgatan',
    'Elsa Beskows gata',
  ]),
  u('forskolan-ekorren', 'Förskolan Ekorren', 'Förskola', 'forskola', 6, 'Jonas Berg', '08-508 22 102', [
    'Västertorpsvägen',
    'Personnevägen',
  ]),
  u('liljeholmens-forskolor', 'Liljeholmens förskolor', 'Förskola', 'forskola', 8, 'Maria Eklund', '08-508 22 103', [
    'Liljeholmsvägen',
    'Sjöviksvägen',
  ]),
  u('aspuddens-forskolor', 'Aspuddens förskolor', 'Förskola', 'forskola', 6, 'Sara Holm', '08-508 22 104', [
    'Hägerstensvägen',
    'Blommensbergsvägen',
  ]),
  u('midsommarkransens-forskolor', 'Midsommarkransens förskolor', 'Förskola', 'forskola', 5, 'Ali Rahimi', '08-508 22 105', [
    'Tellusborgsvägen',
    'Svandammsvägen',
  ]),
  u(
    'hagerstens-gruppbostader',
    'Hägerstens gruppbostäder',
    'Social omsorg',
    'lss',
    5,
    'Anna Svensson',
    '08-508 23 201',
    ['Fruängsgatan', 'Västertorpsvägen'],
    0.15,
  ),
  u(
    'daglig-verksamhet-liljeholmen',
    'Daglig verksamhet Liljeholmen',
    'Social omsorg',
    'lss',
    4,
    'Peter Nyström',
    '08-508 23 202',
    ['Trekantsvägen'],
    0.1,
    'Daglig verksamhet Liljeholmen och Hägersten',
  ),
  u(
    'stodboende-midsommarkransen',
    'Stödboendet Midsommarkransen',
    'Social omsorg',
    'lss',
    3,
    'Lena Forsberg',
    '08-508 23 203',
    ['Tegelbruksvägen'],
    0.3,
  ),
  u(
    'ekonomiskt-bistand',
    'Ekonomiskt bistånd',
    'Social omsorg',
    'myndighet',
    7,
    'Mikael Johansson',
    '08-508 23 204',
    ['Årstaängsvägen'],
    0.6,
  ),
  u('barn-och-ungdom', 'Barn och ungdom', 'Social omsorg', 'myndighet', 4, 'Helena Åberg', '08-508 23 205', ['Årstaängsvägen'], 0.8),
  u('hemtjansten-hagersten', 'Hemtjänsten Hägersten', 'Äldreomsorg', 'hemtjanst', 10, 'Eva Karlsson', '08-508 24 301', [
    'Hägerstensvägen',
    'Mälarhöjdsvägen',
  ]),
  u('hemtjansten-liljeholmen', 'Hemtjänsten Liljeholmen', 'Äldreomsorg', 'hemtjanst', 8, 'Ahmed Hassan', '08-508 24 302', [
    'Axelsbergsvägen',
    'Liljeholmsvägen',
  ]),
  u(
    'fruangsgarden',
    'Fruängsgårdens vård- och omsorgsboende',
    'Äldreomsorg',
    'boende',
    8,
    'Birgitta Ström',
    '08-508 24 303',
    ['Fruängsgatan'],
    0.05,
  ),
  u(
    'vastertorps-vard-och-omsorgsboende',
    'Västertorps vård- och omsorgsboende',
    'Äldreomsorg',
    'boende',
    6,
    'Johan Wikström',
    '08-508 24 304',
    ['Störtloppsvägen'],
    0.05,
  ),
  u(
    'bistandsenheten-aldre',
    'Biståndsenheten äldre',
    'Äldreomsorg',
    'myndighet',
    5,
    'Susanne Lund',
    '08-508 24 305',
    ['Årstaängsvägen'],
    0.4,
  ),
];

export const emailOf = (name: string) =>
  `${name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]+/g, '.')}@stockholm.se`;

/**
 * A unit's functional contact details (no person's): the Reply-To of its e-mail and the sender block of its letters.
 * The förskolor word their receipt themselves; the others keep the default template's.
 */
export const unitContactOf = (unit: DemoUnit) => ({
  email: `${unit.id}@stockholm.se`,
  phone: unit.phone,
  address: `${unit.name}, Box 4006, 129 04 Hägersten`,
  ...(unit.kind === 'forskola'
    ? { receiptText: `Tack för att du hör av dig till ${unit.name}! Vi har tagit emot din synpunkt och återkommer till dig.` }
    : {}),
});

/** The board's public question time (allmänhetens frågestund): the monthly meeting, not in July. */
export const BOARD_MEETING_MONTHS = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12];
