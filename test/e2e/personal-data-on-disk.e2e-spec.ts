import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { filesContaining, filesUnder } from '@app/testing';
import { startSmtp } from '../support/smtp';
import { guaranteeDraft, startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

/** Every personal value of one case, each a string no other data could hold by chance. */
function personalValues(tag: string) {
  return {
    name: `${tag} Qvintusdotter`,
    email: `${tag.toLowerCase()}.qvintus@example.se`,
    phone: tag === 'Hemlig' ? '070-111 22 33' : tag === 'Radera' ? '070-444 55 66' : '070-777 88 99',
    address: `${tag}gränd 17, 126 30 Hägersten`,
    description: `${tag}: zebrorna på förskolan fick kall mat`,
    placeAddress: `${tag}torget 3`,
    lat: tag === 'Hemlig' ? 59.287613 : tag === 'Radera' ? 59.291847 : 59.276394,
    long: tag === 'Hemlig' ? 17.918347 : tag === 'Radera' ? 17.934561 : 17.902718,
    question: `${tag}-fråga: vilken avdelning gällde det?`,
    delayReason: `${tag}-försening: väntar på kostchefen`,
    response: `${tag}-svar: vi har bytt leverantör`,
    closeNote: `${tag}-anteckning vid avslut`,
    reopenReason: `${tag}-återöppning: maten är kall igen`,
    transferReason: `${tag}-överlämning: köket hör till annan enhet`,
    rectifiedName: `${tag} Qvintusdotter-Rättad`,
    rectifiedEmail: `${tag.toLowerCase()}.rattad@example.se`,
    breachQuote: `${tag}-citat: "maten var iskall"`,
  };
}
type Values = ReturnType<typeof personalValues>;
const texts = (v: Values) => Object.values(v).map(String);

describe('no personal data in plaintext under DATA_DIR (issue 14)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: H, intake: H, manager: H;
  let keyCount = 0;
  let lastPosition = '0';

  const post = async (path: string, body: object, who: H, status = 200) => {
    const res = await t.http().post(path).set(who).set('Idempotency-Key', `k-${++keyCount}`).send(body).expect(status);
    lastPosition = res.header['x-event-position'] ?? lastPosition;
    return res;
  };

  /** Registers a case and takes it through every step that records personal text. */
  async function handle(v: Values, confidential: boolean, withBreach: boolean) {
    const { body: c } = await post(
      '/api/cases',
      {
        type: 'complaint',
        channel: 'phone',
        unitId: 'hgb',
        category: 'mat-och-maltider',
        description: v.description,
        submitter: { name: v.name, email: v.email, phone: v.phone, address: v.address },
        location: { address: v.placeAddress, lat: v.lat, long: v.long },
        confidential,
        ...(withBreach ? { guaranteeId: 'hgb-2026', commitmentId: 'svar' } : {}),
      },
      intake,
      201,
    );
    const id: string = c.id;
    await post(`/api/cases/${id}/await-complainant`, { question: v.question }, manager);
    await post(`/api/cases/${id}/resume`, {}, manager);
    await post(`/api/cases/${id}/delay-notice`, { reason: v.delayReason }, manager);
    await post(`/api/cases/${id}/respond`, { message: v.response, outcome: 'justified' }, manager);
    await post(`/api/cases/${id}/close`, { resolution: 'resolved', note: v.closeNote }, manager);
    await post(`/api/cases/${id}/reopen`, { reason: v.reopenReason }, manager);
    await post(`/api/cases/${id}/rectify-submitter`, { submitter: { name: v.rectifiedName, email: v.rectifiedEmail } }, manager);
    // Reported while the case is still the guarantee's unit's; then the case moves on.
    const { body: breach } = await post(
      '/api/breaches',
      { guaranteeId: 'hgb-2026', commitmentId: 'svar', occurredAt: '2026-03-02T08:00:00Z', description: v.breachQuote, caseId: id },
      manager,
      201,
    );
    await post(`/api/cases/${id}/transfer`, { toUnitId: 'fsk', reason: v.transferReason }, intake);
    return { id, breachId: breach.id as string };
  }

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-pd-'));
    // The most verbose log level, written into DATA_DIR, so the scan covers what the app logs too.
    const logger = pino({ level: 'debug' }, pino.destination({ dest: join(dataDir, 'app.log'), sync: true }));
    // A real mail server that refuses the confidential cases' addresses (its reason quotes the address), so the outbox
    // records both outcomes: sent and failed.
    smtp = await startSmtp((to) => to.startsWith('hemlig'));
    t = await startTestApp({ dataDir, logger, env: { SMTP_URL: smtp.url, MAIL_FROM: 'synpunkt@kommun.example' } });
    admin = await t.as('admin');
    intake = await t.as('intake');
    manager = await t.as('manager', ['hgb', 'fsk']);
    await t.unit('hgb');
    await t.unit('fsk');
    await post('/api/guarantees', guaranteeDraft('hgb'), admin, 201);
    await post('/api/guarantees/hgb-2026/adopt', { decidedOn: '2026-01-15', decisionRef: '§ 3' }, admin);
  });

  afterAll(async () => {
    await t.close().catch(() => undefined);
    await smtp.close();
  });

  it('seals every personal field of ordinary and confidential cases, and leaves nothing of an erased one', async () => {
    const kept = personalValues('Kvar');
    const secret = personalValues('Hemlig');
    const gone = personalValues('Radera');
    const staff = { action: 'Rättelse: ringa upp Qvintusdotter', responsible: 'Zlatanova, enhetschef', outcome: 'Uppringd, nöjd' };

    const ordinary = await handle(kept, false, false);
    const confidential = await handle(secret, true, false);
    const erased = await handle(gone, false, true);
    // Every e-mail delivered or refused (the outbox's records on disk too) before anything is erased.
    for (const { id } of [ordinary, confidential, erased]) {
      for (let i = 0; ; i++) {
        const { body } = await t.http().get(`/api/cases/${id}`).set(admin).expect(200);
        const waiting = (body.messages as { channel: string; status: string }[]).filter(
          (m) => m.channel === 'email' && m.status === 'queued',
        );
        if (!waiting.length) break;
        if (i > 400) throw new Error(`e-mail of case ${id} never left the outbox`);
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    expect(smtp.received.length).toBeGreaterThan(0);
    await post(`/api/breaches/${erased.breachId}/confirm`, { note: 'Bekräftat av Zlatanova' }, manager);
    const { body: remedy } = await post(
      `/api/breaches/${erased.breachId}/remedies`,
      { action: staff.action, responsible: staff.responsible, dueOn: '2026-12-31' },
      manager,
      201,
    );
    await post(
      `/api/breaches/${erased.breachId}/remedies/${remedy.remedyId}/complete`,
      { outcome: staff.outcome, complainantInformed: true },
      manager,
    );

    // The extract (GDPR art. 15) lists what is held before the erasure, with where each value came from.
    const extract = await t.http().get(`/api/cases/${erased.id}/personal-data`).set(admin).expect(200);
    const fields = extract.body.values.map((x: { source: { type: string }; field: string }) => `${x.source.type} ${x.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'CaseRegistered.v1 description',
        'CaseRegistered.v1 submitter',
        'CaseRegistered.v1 location',
        'ComplainantAsked.v1 question',
        'DelayNoticeSent.v1 reason',
        'CaseResponded.v1 message',
        'CaseClosed.v1 note',
        'CaseReopened.v1 reason',
        'SubmitterRectified.v1 submitter',
        'CaseTransferred.v1 reason',
        'BreachReported.v1 description',
        'MessageQueued.v1 text',
        'MessageQueued.v1 recipient',
      ]),
    );
    expect(JSON.stringify(extract.body)).toContain(gone.breachQuote.replace(/"/g, '\\"'));
    expect(JSON.stringify(extract.body)).not.toContain(staff.action); // the rättelse is the breach's, not the case's

    // Keep the erased case's key bytes, to prove they leave the disk with it.
    const keysDb = new Database(join(t.dataDir, 'keys.sqlite'), { readonly: true });
    const key = keysDb.prepare('SELECT key FROM data_keys WHERE subject = ?').pluck().get(erased.id) as Buffer;
    keysDb.close();
    expect(key).toHaveLength(32);

    await post(`/api/cases/${erased.id}/erase-personal-data`, { reason: 'Begäran enligt GDPR art. 17, dnr 2026/77' }, admin);
    const after = await t.http().get(`/api/cases/${erased.id}`).set(admin).expect(200);
    expect(after.body).toMatchObject({ description: { erased: true }, submitter: { erased: true }, location: { erased: true } });
    const breach = await t.http().get(`/api/breaches/${erased.breachId}`).set(manager).expect(200);
    expect(breach.body).toMatchObject({ description: { erased: true }, remedies: [{ action: staff.action, outcome: staff.outcome }] });

    // Read models caught up with everything, then the app stops the way it always does: no checkpoint of the test's own.
    await t.http().get(`/api/cases?minPosition=${lastPosition}`).set(admin).expect(200);
    await t.http().get(`/open311/v2/requests.json`).expect(200);
    await t.close();

    const files = [...filesUnder(t.dataDir).keys()];
    expect(files).toEqual(expect.arrayContaining([join(t.dataDir, 'events.sqlite'), join(t.dataDir, 'app.log')]));
    const found: string[] = [];
    for (const value of [...texts(kept), ...texts(secret), ...texts(gone), ...Object.values(staff)]) {
      for (const file of filesContaining(t.dataDir, value)) found.push(`${value} in ${file}`);
    }
    expect(found).toEqual([]);
    // A coordinate in a SQLite REAL column is 8 bytes, big-endian IEEE 754, not text.
    const doubles = [kept, secret, gone]
      .flatMap((v) => [v.lat, v.long])
      .map((n) => {
        const bytes = Buffer.alloc(8);
        bytes.writeDoubleBE(n);
        return bytes;
      });
    const withDouble = [...filesUnder(t.dataDir)].filter(([, bytes]) => doubles.some((d) => bytes.includes(d))).map(([p]) => p);
    expect(withDouble).toEqual([]);
    const keyForms = [key, Buffer.from(key.toString('base64')), Buffer.from(key.toString('hex'))];
    const withKey = [...filesUnder(t.dataDir)].filter(([, bytes]) => keyForms.some((f) => bytes.includes(f))).map(([p]) => p);
    expect(withKey).toEqual([]);
  });
});
