import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { FixedClock } from '@app/core';
import { tokenFor } from '@app/testing';
import { startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, '..', '..', 'test-artifacts', 'dashboard.png');
/** CI always drives the browser (.ci/run installs Chromium); a developer's machine without it skips those tests, saying so. */
const browserTests = existsSync(CHROMIUM) || process.env.CI === 'true';
const itInBrowser = browserTests ? it : it.skip;
if (!browserTests) {
  console.warn(`${CHROMIUM} is missing: the dashboard's browser tests are skipped (apt-get install -y --no-install-recommends chromium)`);
}

/**
 * The managers' dashboard in a real headless Chromium, against the whole app with a seeded unit:
 * cases over three months (on time and late), a guarantee with four commitments, breaches and remedies.
 */
describe('the managers’ dashboard in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserContext | undefined;
  let profile: string;
  const clock = new FixedClock(new Date('2026-01-08T09:00:00Z'));
  let admin: H, intake: H, manager: H;

  const at = (instant: string) => clock.set(`2026-${instant}:00Z`);
  const register = async (over: object) =>
    (
      await t
        .http()
        .post('/api/cases')
        .set(intake)
        .send({ type: 'complaint', channel: 'web', unitId: 'hgb', description: 'Synpunkt', submitter: { email: 'a@example.se' }, ...over })
        .expect(201)
    ).body.id as string;
  const post = async (path: string, body: object, as: H = manager, status = 200) =>
    (await t.http().post(path).set(as).send(body).expect(status)).body;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    [admin, intake, manager] = [await t.as('admin'), await t.as('intake'), await t.as('manager', ['hgb'])];

    at('01-08T09:00');
    const unit = (id: string, name: string, department: string) =>
      post('/api/units', { id, name, department, district: 'Hägersten-Liljeholmen' }, admin, 201);
    await unit('hgb', 'Hägerstens gruppbostäder', 'Social omsorg');
    await unit('fsk', 'Förskolan Solrosen', 'Förskola');
    const commitments = [
      { id: 'svar', text: 'Du får svar inom tio arbetsdagar' },
      { id: 'bemotande', text: 'Du blir bemött med respekt' },
      { id: 'information', text: 'Du får veta vem som handlägger ditt ärende' },
      { id: 'delaktighet', text: 'Du är med och planerar din vardag' },
    ];
    const g = {
      unitId: 'hgb',
      year: 2026,
      title: 'Kvalitetsgaranti',
      commitments,
      remedy: 'Vi ber om ursäkt',
      contact: { name: 'Enhetschef' },
    };
    await post('/api/guarantees', g, admin, 201);
    await post('/api/guarantees/hgb-2026/adopt', { decidedOn: '2026-01-08', decisionRef: '§ 7' }, admin);

    // January: both acknowledged on time; c1 answered on time, c2 late
    at('01-12T09:00');
    const c1 = await register({});
    const c2 = await register({ type: 'opinion' });
    at('01-13T09:00');
    await post(`/api/cases/${c1}/acknowledge`, {});
    at('01-14T09:00');
    await post(`/api/cases/${c2}/acknowledge`, {});
    at('01-20T09:00');
    await post(`/api/cases/${c1}/respond`, { message: 'Svar', outcome: 'justified' });
    await post(`/api/cases/${c1}/close`, { resolution: 'resolved' });
    // February: c3 on time throughout; the idea c4 is never acknowledged
    at('02-02T09:00');
    const c3 = await register({});
    await register({ type: 'idea', submitter: undefined });
    at('02-03T09:00');
    await post(`/api/cases/${c3}/acknowledge`, {});
    at('02-05T09:00');
    await post(`/api/cases/${c3}/respond`, { message: 'Svar', outcome: 'unjustified' });
    await post(`/api/cases/${c3}/close`, { resolution: 'resolved' });
    at('02-10T09:00');
    await post(`/api/cases/${c2}/respond`, { message: 'Sent svar' });
    // breaches: two confirmed of "svar" (one remedy done, one past due), one rejected of "bemotande"
    at('02-16T09:00');
    const breach = (commitmentId: string, occurredAt: string) =>
      post('/api/breaches', { guaranteeId: 'hgb-2026', commitmentId, occurredAt, description: 'Löftet hölls inte' }, manager, 201);
    const b1 = await breach('svar', '2026-02-10T10:00:00Z');
    await post(`/api/breaches/${b1.id}/confirm`, {});
    const r1 = await post(
      `/api/breaches/${b1.id}/remedies`,
      { action: 'Ring upp', responsible: 'Enhetschef', dueOn: '2026-03-01' },
      manager,
      201,
    );
    at('02-20T09:00');
    const b2 = await breach('bemotande', '2026-02-18T10:00:00Z');
    await post(`/api/breaches/${b2.id}/reject`, { reason: 'Inget löfte bröts' });
    // March: c5 acknowledged but not answered (late by 31 March); c6 not acknowledged (late)
    at('03-02T09:00');
    const c5 = await register({});
    await post(`/api/cases/${c5}/acknowledge`, {});
    at('03-05T09:00');
    const b3 = await breach('svar', '2026-03-04T10:00:00Z');
    await post(`/api/breaches/${b3.id}/confirm`, {});
    await post(`/api/breaches/${b3.id}/remedies`, { action: 'Ursäkt', responsible: 'Enhetschef', dueOn: '2026-03-20' }, manager, 201);
    at('03-10T09:00');
    await post(`/api/breaches/${b1.id}/remedies/${r1.remedyId}/complete`, { outcome: 'Uppringd', complainantInformed: true });
    at('03-25T09:00');
    await register({ type: 'opinion' });
    await register({ unitId: 'fsk' }); // another unit's: never on this manager's dashboard
    at('03-31T10:00');

    if (!browserTests) return;
    profile = mkdtempSync(join(tmpdir(), 'synpunkt-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
      locale: 'sv-SE',
    });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await t?.close();
  });

  it('serves the page without a token, in Swedish, under the app’s content security policy', async () => {
    const page = await t.http().get('/dashboard').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    expect(page.text).toContain('<html lang="sv">');
    expect(page.text).toContain('data-year="2026"');
    const script = await t.http().get('/dashboard/app.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('gives the month-by-month figures only to those who may read the unit’s follow-up', async () => {
    const path = '/api/dashboard/on-time-by-month?year=2026';
    await t.http().get(path).expect(401);
    await t.http().get(path).set(intake).expect(403);
    await t.http().get(`${path}&unitId=fsk`).set(manager).expect(403);
    const res = await t.http().get(path).set(manager).expect(200);
    expect(res.headers['x-projection-position']).toBeDefined();
    expect(res.body.months.slice(0, 3)).toEqual([
      { month: 1, received: 2, acknowledgedOnTime: { count: 2, of: 2, share: 1 }, respondedOnTime: { count: 1, of: 2, share: 0.5 } },
      { month: 2, received: 2, acknowledgedOnTime: { count: 1, of: 2, share: 0.5 }, respondedOnTime: { count: 1, of: 1, share: 1 } },
      { month: 3, received: 2, acknowledgedOnTime: { count: 1, of: 2, share: 0.5 }, respondedOnTime: { count: 0, of: 1, share: 0 } },
    ]);
    const all = await t.http().get(path).set(admin).expect(200);
    expect(all.body.months[2].received).toBe(3);
    const past = await t
      .http()
      .get(`${path}&asOf=2026-02-01T00:00:00Z`)
      .set(await t.as('auditor'))
      .expect(200);
    expect(past.body.months[0].respondedOnTime).toEqual({ count: 1, of: 2, share: 0.5 });
    expect(past.body.months[1].received).toBe(0);
  });

  it('gives breaches and remedies per commitment', async () => {
    const res = await t.http().get('/api/dashboard/commitments?year=2026').set(manager).expect(200);
    expect(res.body.commitments.map((c: { commitmentId: string; kept: boolean }) => [c.commitmentId, c.kept])).toEqual([
      ['svar', false],
      ['bemotande', true],
      ['information', true],
      ['delaktighet', true],
    ]);
    expect(res.body.commitments[0]).toMatchObject({
      breaches: { reported: 2, confirmed: 2, rejected: 0 },
      remedies: { planned: 2, completed: 1, overdue: 1 },
    });
    const preschool = await t.http().get('/api/dashboard/commitments?year=2026&department=F%C3%B6rskola').set(admin).expect(200);
    expect(preschool.body.commitments).toEqual([]);
  });

  itInBrowser(
    'signs in with a manager token and shows the unit’s figures',
    async () => {
      const page = await browser!.newPage();
      page.setDefaultTimeout(5000); // a missing element fails as such, well within the test's time
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await page.goto(`${base}/dashboard`);
      expect(await page.title()).toBe('Uppföljning – Synpunkt');

      await signIn(page, 'inte-en-token');
      await page.waitForSelector('body[data-state="error"]');
      expect(await page.textContent('#status')).toContain('Inloggningen gick inte');
      expect(await page.isVisible('#login')).toBe(true);
      expect(await page.isVisible('#logout')).toBe(false);
      problems.length = 0; // the 401 above is logged by the browser as a failed resource

      await signIn(page, await tokenFor('manager', ['hgb'], 'Eva Enhetschef'));
      await page.waitForSelector('body[data-state="loaded"]');
      const tile = async (key: string) => (await page.textContent(`[data-figure="${key}"] .tile-value`))?.replace(/\u00a0/g, ' ');
      expect(await page.isVisible('#login')).toBe(false);
      expect(await tile('open')).toBe('4');
      expect(await tile('overdue')).toBe('3');
      expect(await tile('acknowledged')).toBe('67 %');
      expect(await tile('responded')).toBe('50 %');
      expect(await tile('fulfilment')).toBe('75 %');
      expect(await tile('breaches')).toBe('2');
      expect(await tile('remedies')).toBe('1');
      expect(await page.textContent('.scope')).toContain('Hägerstens gruppbostäder');

      const monthRow = async (m: number) => (await page.textContent(`table.months tr[data-month="${m}"]`))?.replace(/\u00a0/g, ' ');
      expect(await monthRow(1)).toBe('122 av 2 (100 %)1 av 2 (50 %)');
      expect(await monthRow(3)).toBe('321 av 2 (50 %)0 av 1 (0 %)');
      expect(await page.locator('svg.chart rect[data-series="ack"]').count()).toBe(3);
      expect(await page.getAttribute('svg.donut', 'aria-label')).toBe('Uppfyllelse 75\u00a0%: 3 av 4 åtaganden hållna');

      const svar = page.locator('tr[data-commitment="svar"]');
      expect(await svar.textContent()).toContain('Du får svar inom tio arbetsdagar');
      expect(await svar.textContent()).toContain('Brutet');
      expect(await page.textContent('tr[data-commitment="bemotande"]')).toContain('Hållet');

      const overdue = await page.locator('table.overdue tbody tr').allTextContents();
      expect(overdue).toHaveLength(3);
      expect(overdue[0]).toContain('Idé');
      expect(overdue.join(' ')).not.toContain('Förskolan Solrosen');
      expect(await page.locator('#scope option').allTextContents()).toEqual(['Alla mina enheter (1)', 'Hägerstens gruppbostäder']);
      expect(problems).toEqual([]);

      mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      await page.click('#logout');
      expect(await page.isVisible('#login')).toBe(true);
      expect(await page.textContent('#content')).toBe('');
      await page.close();
    },
    60000,
  );

  itInBrowser(
    'lets department staff compare units and narrow the view to a department',
    async () => {
      const page = await browser!.newPage();
      page.setDefaultTimeout(5000);
      await page.goto(`${base}/dashboard`);
      await signIn(page, await tokenFor('admin', ['*'], 'Anna Avdelningschef'));
      await page.waitForSelector('body[data-state="loaded"]');
      const tile = async (key: string) => (await page.textContent(`[data-figure="${key}"] .tile-value`))?.replace(/\u00a0/g, ' ');
      expect([await tile('open'), await tile('overdue')]).toEqual(['5', '4']);
      expect(await page.locator('table.units tbody tr').count()).toBe(2);
      await page.evaluate("document.body.removeAttribute('data-state')"); // so the wait below sees the new load
      await page.selectOption('#scope', 'd:Förskola');
      await page.waitForSelector('body[data-state="loaded"]');
      expect(await page.textContent('.scope')).toContain('avdelningen Förskola');
      expect([await tile('open'), await tile('overdue'), await tile('fulfilment')]).toEqual(['1', '1', '–']);
      expect(await page.locator('table.units').count()).toBe(0);
      await page.close();
    },
    60000,
  );
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.fill('#token', token);
  await page.click('#login button[type="submit"]');
}
