import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseCommand, caseEventsFor, casePersonalData } from '@app/cases';
import { FixedClock } from '@app/core';
import {
  EncryptingEventStore,
  SqliteKeyStore,
  MissingDataKeyError,
  PersonalDataPolicy,
  PersonalDataVault,
  SqliteEventStore,
} from '@app/event-store';
import { unitEventsFor } from '@app/units';
import { applyReportEvent } from './apply-report-event';
import { parseReportInput } from './json-fact-store';
import { replayReportFacts } from './replay-report-facts';
import { MemoryFactStore } from './report-facts';

const meta = { actor: { sub: 'test' } };
const now = new Date('2026-03-02T09:00:00Z');

function registration(caseId: string, reference: string): CaseCommand {
  return {
    type: 'RegisterCase',
    caseId,
    reference,
    caseType: 'complaint',
    channel: 'open311',
    unitId: 'hgb',
    description: 'Gungan är trasig',
    submitter: { name: 'Åsa Öberg', email: 'asa@example.se' },
    location: { address: 'Parkvägen 3', lat: 59.3291234, long: 18.0685678 },
    receivedAt: now,
    rules: { acknowledgeWorkingDays: 2, respondWorkingDays: 10 },
    now,
  };
}

describe('replayReportFacts (what ReportFacts.asOf runs in a replay thread)', () => {
  const policy = new PersonalDataPolicy({ ...casePersonalData });
  let inner: SqliteEventStore;
  let writer: EncryptingEventStore;
  let keyless: EncryptingEventStore;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-report-'));
    inner = new SqliteEventStore({ path: join(dir, 'events.sqlite'), clock: new FixedClock(now) });
    writer = new EncryptingEventStore(inner, new PersonalDataVault(SqliteKeyStore.inDataDir(dir)), policy);
    const unit = unitEventsFor([
      () => ({ type: 'RegisterUnit', unitId: 'hgb', name: 'Hägerstens förskolor', department: 'Förskola', district: 'Hägersten', now }),
    ]);
    await writer.append(
      'unit-hgb',
      unit.map((e) => ({ type: e.type, data: e.data, metadata: meta })),
    );
    for (const [caseId, reference] of [
      ['c1', '2026-000001'],
      ['c2', '2026-000002'],
    ]) {
      const events = caseEventsFor([() => registration(caseId, reference), () => ({ type: 'CloseCase', resolution: 'withdrawn', now })]);
      await writer.append(
        `case-${caseId}`,
        events.map((e) => ({ type: e.type, data: e.data, metadata: meta })),
      );
    }
    // The same log with a key store that holds none of its keys: any attempt to decrypt raises MissingDataKeyError.
    keyless = new EncryptingEventStore(inner, new PersonalDataVault(new SqliteKeyStore({ path: ':memory:' })), policy);
  });
  afterAll(() => writer.close());

  it('replays the figures without decrypting anything: right even where no key opens the personal data', async () => {
    await expect(keyless.readAll({ streamPrefix: 'case-' })).rejects.toThrow(MissingDataKeyError);
    const expected = new MemoryFactStore(); // the same fold over the log opened with its keys
    for (const e of await writer.readAll()) applyReportEvent(expected, e);

    const input = parseReportInput(await replayReportFacts(keyless, { asOf: '2026-03-03T00:00:00.000Z' }));

    expect(input.units.map((u) => u.id)).toEqual(['hgb']);
    expect(input.cases.map((c) => [c.reference, c.channel, c.closures.length])).toEqual([
      ['2026-000001', 'open311', 1],
      ['2026-000002', 'open311', 1],
    ]);
    expect(input.cases).toEqual([...expected.cases.values()]);
  });
});
