import { InvalidInputError, NotFoundError, RuleViolationError } from '@app/core';
import { deciderSpec } from '@app/testing';
import { unitDecider } from './unit.decider';
import { UnitEvent } from './unit.events';

const spec = deciderSpec(unitDecider);
const now = new Date('2026-03-02T09:00:00Z');
const registered: UnitEvent = {
  type: 'UnitRegistered.v1',
  data: {
    unitId: 'hagerstens-gruppbostader',
    name: 'Hägerstens gruppbostäder',
    department: 'Social omsorg',
    district: 'Hägersten-Liljeholmen',
    at: '2026-01-01T08:00:00.000Z',
  },
};

describe('unit decider', () => {
  it('registers a new unit', () =>
    spec
      .given([])
      .when({
        type: 'RegisterUnit',
        unitId: 'hagerstens-gruppbostader',
        name: 'Hägerstens gruppbostäder',
        department: 'Social omsorg',
        district: 'Hägersten-Liljeholmen',
        now,
      })
      .then([{ ...registered, data: { ...registered.data, at: now.toISOString() } }]));

  it('refuses a second registration of the same id', () =>
    spec
      .given([registered])
      .when({ type: 'RegisterUnit', unitId: 'hagerstens-gruppbostader', name: 'X', department: 'Y', district: 'Z', now })
      .thenThrows(RuleViolationError, 'unit_exists'));

  it('refuses an id that is not a slug', () =>
    spec
      .given([])
      .when({ type: 'RegisterUnit', unitId: 'Hägersten gruppbostäder', name: 'X', department: 'Y', district: 'Z', now })
      .thenThrows(InvalidInputError));

  it('renames and keeps the earlier name in history', () => {
    const when = spec
      .given([registered])
      .when({ type: 'RenameUnit', unitId: 'hagerstens-gruppbostader', name: 'Gruppbostäder Hägersten', now });
    when.thenMatches([{ type: 'UnitRenamed.v1', data: { name: 'Gruppbostäder Hägersten', previousName: 'Hägerstens gruppbostäder' } }]);
    when.thenState((s) => {
      expect(s.name).toBe('Gruppbostäder Hägersten');
      expect(s.names.map((n) => n.name)).toEqual(['Hägerstens gruppbostäder', 'Gruppbostäder Hägersten']);
    });
  });

  it('renaming to the same name decides nothing', () =>
    spec
      .given([registered])
      .when({ type: 'RenameUnit', unitId: 'hagerstens-gruppbostader', name: 'Hägerstens gruppbostäder', now })
      .thenNothing());

  it('renaming or closing an unknown unit is not found', () => {
    spec.given([]).when({ type: 'RenameUnit', unitId: 'nope', name: 'X', now }).thenThrows(NotFoundError);
    spec.given([]).when({ type: 'CloseUnit', unitId: 'nope', now }).thenThrows(NotFoundError);
  });

  it('closes an open unit once', () => {
    spec
      .given([registered])
      .when({ type: 'CloseUnit', unitId: 'hagerstens-gruppbostader', reason: 'Sammanslagen', now })
      .thenMatches([{ type: 'UnitClosed.v1', data: { reason: 'Sammanslagen' } }]);
    const closed: UnitEvent = { type: 'UnitClosed.v1', data: { unitId: 'hagerstens-gruppbostader', at: now.toISOString() } };
    spec
      .given([registered, closed])
      .when({ type: 'CloseUnit', unitId: 'hagerstens-gruppbostader', now })
      .thenThrows(RuleViolationError, 'unit_closed');
    spec
      .given([registered, closed])
      .when({ type: 'RenameUnit', unitId: 'hagerstens-gruppbostader', name: 'Ny', now })
      .thenThrows(RuleViolationError, 'unit_closed');
  });

  describe('contact details', () => {
    const contact = { email: 'hgb@kommun.example', phone: '08-508 000 00', address: 'Box 1, 129 00 Hägersten' };

    it('sets them, trimmed, blanks left out', () =>
      spec
        .given([registered])
        .when({
          type: 'SetUnitContact',
          unitId: 'hagerstens-gruppbostader',
          contact: { ...contact, email: ' hgb@kommun.example ', receiptText: ' ' },
          now,
        })
        .then([{ type: 'UnitContactSet.v1', data: { unitId: 'hagerstens-gruppbostader', contact, at: now.toISOString() } }]));

    it('setting the same again decides nothing', () =>
      spec
        .given([registered, { type: 'UnitContactSet.v1', data: { unitId: 'hagerstens-gruppbostader', contact, at: now.toISOString() } }])
        .when({ type: 'SetUnitContact', unitId: 'hagerstens-gruppbostader', contact: { ...contact }, now })
        .thenNothing());

    it('refuses an e-mail that is not an address, naming the field', () =>
      spec
        .given([registered])
        .when({ type: 'SetUnitContact', unitId: 'hagerstens-gruppbostader', contact: { email: 'hgb at kommun' }, now })
        .thenThrows(InvalidInputError));
  });
});
