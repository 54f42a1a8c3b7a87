import { parseServiceCode, serviceCode, servicesOf } from './service-code';

describe('service codes', () => {
  it('round-trips unit and case type', () => {
    expect(serviceCode('hagerstens-gruppbostader', 'complaint')).toBe('hagerstens-gruppbostader.complaint');
    expect(parseServiceCode('hagerstens-gruppbostader.complaint')).toEqual({ unitId: 'hagerstens-gruppbostader', type: 'complaint' });
  });

  it('rejects what is not a unit slug and a case type', () => {
    for (const code of ['001', 'hgb', 'hgb.rant', 'HGB.complaint', 'hgb..idea', 'a.b.idea', '', undefined, 7])
      expect(parseServiceCode(code)).toBeUndefined();
  });

  it('offers four services per unit, with a definition only where there are form fields', () => {
    const services = servicesOf([{ id: 'hgb', name: 'Hägerstens förskolor', department: 'Förskola' }]);
    expect(services.map((s) => [s.service_code, s.metadata, s.type, s.group])).toEqual([
      ['hgb.complaint', true, 'realtime', 'Förskola'],
      ['hgb.opinion', true, 'realtime', 'Förskola'],
      ['hgb.praise', false, 'realtime', 'Förskola'],
      ['hgb.idea', false, 'realtime', 'Förskola'],
    ]);
  });
});
