import * as categories from './dashboard-categories';
import * as charts from './dashboard-charts';
import * as drill from './dashboard-drill';
import { DrillBreach, DrillCase, drillBreaches, drillCases } from './dashboard-drill';

const kit = { ...charts, ...categories, ...drill };
const unitNames = { hgb: 'Hägerstens gruppbostäder', fsk: 'Förskolan <Solrosen>' };

const kase = (over: Partial<DrillCase>): DrillCase => ({
  reference: '2026-000001',
  unitId: 'hgb',
  type: 'complaint',
  category: 'bemotande',
  status: 'responded',
  receivedAt: '2026-01-12T09:00:00Z',
  acknowledgeBy: '2026-01-14T22:59:59.999Z',
  acknowledgedAt: '2026-01-13T09:00:00Z',
  respondBy: '2026-01-26T22:59:59.999Z',
  respondedAt: '2026-01-20T09:00:00Z',
  ...over,
});
const rowsOf = (html: string) =>
  [...html.matchAll(/<tr><th scope="row">(.*?)<\/tr>/g)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, '|')
      .replace(/\|+/g, '|')
      .replace(/^\||\|$/g, ''),
  );

describe('the drill-down', () => {
  it('lists the cases behind a tile with reference, type, category, dates and status, and a heading to move focus to', () => {
    const html = drillCases(
      [
        kase({}),
        kase({
          reference: '2026-000002',
          type: 'idea',
          category: undefined,
          status: 'received',
          acknowledgedAt: undefined,
          respondedAt: undefined,
        }),
      ],
      { title: 'Öppna ärenden – <Enheten>', total: 2, unitNames, categoryLabels: { bemotande: 'Bemötande' }, many: false },
      kit,
    );
    expect(html).toContain('<h2 id="drill-title" tabindex="-1">Öppna ärenden – &lt;Enheten&gt;</h2>');
    expect(html).toContain('<p class="drill-count">2 ärenden.</p>');
    expect(html).toContain('<th scope="col">Ärende</th><th scope="col">Typ</th><th scope="col">Kategori</th>');
    expect(rowsOf(html)).toEqual([
      '2026-000001|Klagomål|Bemötande|2026-01-12|2026-01-13| (senast 2026-01-14)|2026-01-20| (senast 2026-01-26)|Besvarat',
      '2026-000002|Idé|–|2026-01-12|Inte gjort| (senast 2026-01-14)|Inte gjort| (senast 2026-01-26)|Inkommet',
    ]);
    expect(html).toContain('<button type="button" id="drill-close">Stäng listan</button>');
  });

  it('marks each case on time or not for an on-time figure, names units when there are several, and says when the list is cut', () => {
    const html = drillCases(
      [kase({ onTime: true }), kase({ reference: '2026-000003', unitId: 'fsk', onTime: false })],
      {
        title: 'Ärenden som skulle kvitteras',
        total: 700,
        unitNames,
        categoryLabels: { bemotande: 'Bemötande' },
        many: true,
        onTime: 'Kvitterat i tid',
      },
      kit,
    );
    expect(html).toContain('<th scope="col">Enhet</th>');
    expect(html).toContain('<th scope="col">Kvitterat i tid</th>');
    expect(
      rowsOf(html)
        .map((r) => r.split('|'))
        .map((r) => [r[0], r[1], r[r.length - 1]]),
    ).toEqual([
      ['2026-000001', 'Hägerstens gruppbostäder', 'Ja'],
      ['2026-000003', 'Förskolan &lt;Solrosen&gt;', 'Nej'],
    ]);
    expect(html).toContain('Visar 2 av 700 ärenden.');
  });

  it('lists breaches by commitment text, date and status', () => {
    const breach: DrillBreach = {
      id: 'b1',
      status: 'confirmed',
      unitId: 'hgb',
      guaranteeId: 'hgb-2026',
      commitmentId: 'svar',
      occurredAt: '2026-02-10T10:00:00Z',
      overdueRemedies: 1,
    };
    const html = drillBreaches(
      [breach],
      { 'hgb-2026/svar': 'Svar inom tio arbetsdagar' },
      { title: 'Garantibrott', total: 1, unitNames, categoryLabels: { bemotande: 'Bemötande' }, many: false },
      kit,
    );
    expect(html).toContain('<tr><td>Svar inom tio arbetsdagar</td><td>2026-02-10</td><td>Bekräftat</td><td class="num">1</td></tr>');
    expect(html).toContain('1 garantibrott.');
    expect(
      drillBreaches([], {}, { title: 'Garantibrott', total: 0, unitNames, categoryLabels: { bemotande: 'Bemötande' }, many: false }, kit),
    ).not.toContain('<table');
  });
});

describe('the drill-down of messages that did not reach their submitters', () => {
  it('lists each with its case, unit (several units), kind in Swedish, dates and attempts', () => {
    const message = {
      reference: '2026-000007',
      unitId: 'fsk',
      kind: 'delay_notice',
      channel: 'email',
      queuedAt: '2026-03-02T09:00:00Z',
      updatedAt: '2026-03-03T10:00:00Z',
      attempts: 8,
    };
    const x = { title: 'Meddelanden som inte kommit fram', total: 1, unitNames, categoryLabels: {}, many: true };
    const html = drill.drillMessages([message], x, kit);
    expect(rowsOf(html)).toEqual(['2026-000007|Förskolan &lt;Solrosen&gt;|Förseningsbesked|2026-03-02|2026-03-03|8']);
    expect(html).toContain('<p class="drill-count">1 meddelande.</p>');
    expect(drill.drillMessages([], { ...x, total: 0, many: false }, kit)).not.toContain('<table');
  });
});
