import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { CommandBus } from '@nestjs/cqrs';
import { FixedClock } from '@app/core';
import { tokenFor } from '@app/testing';
import { axeViolations, focused, focusIndicator, tabTo } from '../support/accessibility';
import { seedDashboard } from '../support/dashboard-fixture';
import { startTestApp, TestApp } from '../support/test-app';
// The outbox's commands, to record a delivery that failed without a mail server (a test may reach past the index).
import { ClaimMessage, RecordDelivery } from '../../libs/cases/src/messages/delivery.command';
import { OUTBOX } from '../../libs/cases/src/messages/outbox.principal';

type H = { Authorization: string };

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, '..', '..', 'test-artifacts', 'dashboard.png');
/** CI always drives the browser (.ci/run installs Chromium); a developer's machine without it skips those tests, saying so. */
const browserTests = existsSync(CHROMIUM) || process.env.CI === 'true';
const itInBrowser = browserTests ? it : it.skip;
if (!browserTests) {
  console.warn(`${CHROMIUM} is missing: the dashboard's browser tests are skipped (apt-get install -y --no-install-recommends chromium)`);
}
const nbsp = (text: string | null) => text?.replace(/\u00a0/g, ' ');

/**
 * The managers' dashboard in a real headless Chromium, against the whole app with a seeded unit (see dashboard-fixture.ts).
 * axe-core checks every view the tests reach against WCAG 2.1 A and AA; the keyboard test uses no mouse.
 */
describe('the managers’ dashboard in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserContext | undefined;
  let profile: string;
  const clock = new FixedClock(new Date('2025-01-08T09:00:00Z'));
  let admin: H, intake: H, manager: H;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    [admin, intake, manager] = [await t.as('admin'), await t.as('intake'), await t.as('manager', ['hgb'])];
    await seedDashboard(t, clock, { admin, manager });

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

  /** A new page on the dashboard; page errors and console errors are collected in `problems`. */
  async function open(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser!.newPage();
    page.setDefaultTimeout(5000); // a missing element fails as such, well within the test's time
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${base}/dashboard`);
    return { page, problems };
  }
  /** Runs `change` and waits until the page has loaded again. */
  async function reloaded(page: Page, change: () => Promise<unknown>): Promise<void> {
    await page.evaluate("document.body.removeAttribute('data-state')");
    await change();
    await page.waitForSelector('body[data-state="loaded"]');
  }
  /** Opens the drill-down of a tile (or a category button) by a click and returns the list's rows as text. */
  async function drill(page: Page, selector: string): Promise<string[]> {
    await page.click(selector);
    await page.waitForSelector('#drill[data-state="loaded"]');
    return (await page.locator('#drill tbody tr').allTextContents()).map((r) => nbsp(r)!);
  }
  /** A part of a tile, as text; undefined when the tile has no such part. */
  const tile = async (page: Page, key: string, part = 'value') =>
    nbsp((await (await page.$(`[data-figure="${key}"] .tile-${part}`))?.textContent()) ?? null);

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

  it('lists the cases behind a figure as the report counts them, scoped like it, without personal data', async () => {
    const path = '/api/dashboard/cases?year=2026&figure=acknowledged';
    await t.http().get(path).set(intake).expect(403);
    await t.http().get(`${path}&unitId=fsk`).set(manager).expect(403);
    await t.http().get('/api/dashboard/cases?year=2026&figure=everything').set(manager).expect(400);
    const res = await t.http().get(path).set(manager).expect(200);
    expect(res.body.total).toBe(6);
    expect(res.body.cases.map((c: { onTime: boolean }) => c.onTime)).toEqual([true, true, true, false, true, false]);
    expect(JSON.stringify(res.body)).not.toMatch(/example\.se|Synpunkt/);
    const food = await t.http().get('/api/dashboard/cases?year=2026&figure=received&category=bemotande').set(admin).expect(200);
    expect(food.body.cases.map((c: { unitId: string }) => c.unitId)).toEqual(['hgb', 'hgb', 'fsk']);
  });

  itInBrowser(
    'signs in with a manager token and shows the unit’s figures, this year against last',
    async () => {
      const { page, problems } = await open();
      expect(await page.title()).toBe('Uppföljning – Synpunkt');
      const violations = await axeViolations(page, 'signed out');

      await signIn(page, 'inte-en-token');
      await page.waitForSelector('body[data-state="error"]');
      expect(await page.textContent('#status')).toContain('Inloggningen gick inte');
      expect(await page.isVisible('#login')).toBe(true);
      expect(await page.isVisible('#logout')).toBe(false);
      violations.push(...(await axeViolations(page, 'sign-in refused')));
      problems.length = 0; // the 401 above is logged by the browser as a failed resource

      await signIn(page, await tokenFor('manager', ['hgb'], 'Eva Enhetschef'));
      await page.waitForSelector('body[data-state="loaded"]');
      expect(await page.isVisible('#login')).toBe(false);
      const tiles = ['received', 'open', 'overdue', 'acknowledged', 'responded', 'fulfilment', 'breaches', 'remedies'];
      expect(await Promise.all(tiles.map((k) => tile(page, k)))).toEqual(['6', '4', '3', '67 %', '50 %', '75 %', '2', '1']);
      expect(await Promise.all(tiles.map((k) => tile(page, k, 'change')))).toEqual([
        '+3 mot 2025 (3)',
        undefined, // open and overdue are as things are now: no year to compare
        undefined,
        '+34 procentenheter mot 2025 (33 %)',
        '\u221217 procentenheter mot 2025 (67 %)',
        '2025: –',
        '+2 mot 2025 (0)',
        undefined,
      ]);
      expect(await page.textContent('.scope')).toContain('Hägerstens gruppbostäder');
      violations.push(...(await axeViolations(page, 'manager, all units')));

      const monthRow = async (m: number) => nbsp(await page.textContent(`table.months tr[data-month="${m}"]`));
      expect(await monthRow(1)).toBe('122 av 2 (100 %)1 av 2 (50 %)');
      expect(await monthRow(3)).toBe('321 av 2 (50 %)0 av 1 (0 %)');
      expect(await page.locator('svg.chart rect[data-series="ack"]').count()).toBe(3);
      expect(await page.getAttribute('svg.donut', 'aria-label')).toBe('Uppfyllelse 75\u00a0%: 3 av 4 åtaganden hållna');

      const categories = (await page.locator('table.categories tbody tr').allTextContents()).map(nbsp);
      expect(categories.slice(0, 3)).toEqual([
        'Bemötande21+1 mot 2025 (1)',
        'Information21+1 mot 2025 (1)',
        'Mat och måltider11Oförändrat mot 2025 (1)',
      ]);
      expect(categories.slice(3).every((row) => row!.endsWith('00Oförändrat mot 2025 (0)'))).toBe(true);
      expect(await page.getAttribute('svg.categories', 'aria-label')).toBe('Ärenden per kategori, 2026 jämfört med 2025');

      const svar = page.locator('tr[data-commitment="svar"]');
      expect(await svar.textContent()).toContain('Du får svar inom tio arbetsdagar');
      expect(await svar.textContent()).toContain('Brutet');
      expect(await page.textContent('tr[data-commitment="bemotande"]')).toContain('Hållet');

      const overdue = await page.locator('table.overdue tbody tr').allTextContents();
      expect(overdue).toHaveLength(3);
      expect(overdue[0]).toContain('Idé');
      expect(overdue.join(' ')).not.toContain('Förskolan Solrosen');
      expect(await page.locator('#scope option').allTextContents()).toEqual(['Alla mina enheter (1)', 'Hägerstens gruppbostäder']);

      for (const summary of await page.locator('summary').all()) await summary.click(); // every table view open
      expect(await page.isVisible('table.months')).toBe(true);
      expect(await page.isVisible('table.categories')).toBe(true);
      violations.push(...(await axeViolations(page, 'manager, table views open')));
      await reloaded(page, () => page.selectOption('#scope', 'u:hgb'));
      expect(await tile(page, 'acknowledged', 'change')).toBe('+34 procentenheter mot 2025 (33 %)');
      violations.push(...(await axeViolations(page, 'manager, one unit')));
      expect(violations).toEqual([]);
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
    'drills down from each tile and category to the cases behind it',
    async () => {
      const { page, problems } = await open();
      await signIn(page, await tokenFor('manager', ['hgb'], 'Eva Enhetschef'));
      await page.waitForSelector('body[data-state="loaded"]');
      const violations: string[] = [];
      const lists: Record<string, string[]> = {};
      for (const key of ['received', 'open', 'overdue', 'acknowledged', 'responded', 'fulfilment', 'breaches', 'remedies']) {
        lists[key] = await drill(page, `[data-figure="${key}"]`);
        expect([key, await page.getAttribute(`[data-figure="${key}"]`, 'aria-expanded')]).toEqual([key, 'true']);
        violations.push(...(await axeViolations(page, `drill-down ${key}`)));
      }
      const counts = Object.fromEntries(Object.entries(lists).map(([k, rows]) => [k, rows.length]));
      expect(counts).toEqual({ received: 6, open: 4, overdue: 3, acknowledged: 6, responded: 4, fulfilment: 2, breaches: 3, remedies: 1 });
      const onTime = (rows: string[]) => rows.map((r) => (r.endsWith('Ja') ? 'Ja' : 'Nej'));
      expect(onTime(lists.acknowledged)).toEqual(['Ja', 'Ja', 'Ja', 'Nej', 'Ja', 'Nej']);
      expect(onTime(lists.responded)).toEqual(['Ja', 'Nej', 'Ja', 'Nej']);
      expect(lists.received[0]).toMatch(
        /^2026-\d{6}KlagomålBemötande2026-01-122026-01-13 \(senast 2026-01-14\)2026-01-20 \(senast 2026-01-26\)Avslutat$/,
      );
      expect(lists.breaches.map((r) => r.replace(/\d{4}-\d\d-\d\d/, ''))).toEqual([
        'Du får svar inom tio arbetsdagarRättat0',
        'Du blir bemött med respektAvvisat0',
        'Du får svar inom tio arbetsdagarBekräftat1',
      ]);
      expect(await page.textContent('#drill-title')).toBe('Garantibrott med försenad rättelse – Hägerstens gruppbostäder, 2026');
      await page.click('#drill-close');
      expect(await page.isHidden('#drill')).toBe(true);

      await page.click('summary:has-text("per kategori")');
      const food = await drill(page, 'button[data-category="bemotande"]');
      expect(food.map((r) => r.slice(11, 28))).toEqual(['KlagomålBemötande', 'KlagomålBemötande']);
      expect(await page.textContent('#drill-title')).toBe('Ärenden i kategorin Bemötande – Hägerstens gruppbostäder, 2026');
      violations.push(...(await axeViolations(page, 'drill-down by category')));
      expect(await page.content()).not.toContain('a@example.se');
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    },
    60000,
  );

  itInBrowser(
    'works by keyboard alone: sign-in, tab order, visible focus, drill-downs and the charts’ table views',
    async () => {
      const { page, problems } = await open();
      expect(await tabTo(page, '#token')).toEqual(['#token']);
      expect(await focusIndicator(page)).toBe('visible');
      await page.keyboard.type(await tokenFor('manager', ['hgb'], 'Eva Enhetschef'));
      await page.keyboard.press('Enter');
      await page.waitForSelector('body[data-state="loaded"]');

      expect(await tabTo(page, 'tile:acknowledged')).toEqual([
        '#logout',
        '#year',
        '#scope',
        'tile:received',
        'tile:open',
        'tile:overdue',
        'tile:acknowledged',
      ]);
      expect(await focusIndicator(page)).toBe('visible');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#drill[data-state="loaded"]');
      expect(await focused(page)).toBe('#drill-title'); // the list is announced and read from its heading
      expect(await page.locator('#drill tbody tr').count()).toBe(6);
      expect(await tabTo(page, '#drill-close')).toEqual(['#drill-close']);
      expect(await focusIndicator(page)).toBe('visible');
      await page.keyboard.press('Enter');
      expect(await page.isHidden('#drill')).toBe(true);
      expect(await focused(page)).toBe('tile:acknowledged'); // focus goes back where it came from
      expect(await page.getAttribute('[data-figure="acknowledged"]', 'aria-expanded')).toBe('false');

      await tabTo(page, 'summary:Visa andel i tid per månad som tabell');
      expect(await focusIndicator(page)).toBe('visible');
      expect(await page.isVisible('table.months')).toBe(false);
      await page.keyboard.press('Enter');
      expect(await page.isVisible('table.months')).toBe(true);

      await tabTo(page, 'summary:Visa ärenden per kategori som tabell');
      await page.keyboard.press('Space');
      expect(await page.isVisible('table.categories')).toBe(true);
      expect(await tabTo(page, 'category:bemotande')).toEqual(['category:bemotande']);
      expect(await focusIndicator(page)).toBe('visible');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#drill[data-state="loaded"]');
      expect(await focused(page)).toBe('#drill-title');
      expect(await page.locator('#drill tbody tr').count()).toBe(2);
      await page.keyboard.press('Escape');
      expect(await page.isHidden('#drill')).toBe(true);
      expect(await focused(page)).toBe('category:bemotande');
      expect(await axeViolations(page, 'after keyboard use')).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    },
    60000,
  );

  itInBrowser(
    'lets department staff compare units and narrow the view to a department or a unit, each view accessible',
    async () => {
      const { page, problems } = await open();
      await signIn(page, await tokenFor('admin', ['*'], 'Anna Avdelningschef'));
      await page.waitForSelector('body[data-state="loaded"]');
      expect([await tile(page, 'open'), await tile(page, 'overdue')]).toEqual(['5', '4']);
      expect(await page.locator('table.units tbody tr').count()).toBe(2);
      const violations = await axeViolations(page, 'admin, all units');
      await reloaded(page, () => page.selectOption('#scope', 'd:Förskola'));
      expect(await page.textContent('.scope')).toContain('avdelningen Förskola');
      expect([await tile(page, 'open'), await tile(page, 'overdue'), await tile(page, 'fulfilment')]).toEqual(['1', '1', '–']);
      expect(await page.locator('table.units').count()).toBe(0);
      expect(await drill(page, '[data-figure="open"]')).toHaveLength(1);
      const options = await page.locator('#scope option').evaluateAll((o) => o.map((x) => (x as unknown as { value: string }).value));
      expect(options).toEqual(['', 'd:Förskola', 'd:Social omsorg', 'u:fsk', 'u:hgb']);
      for (const option of options) {
        await reloaded(page, () => page.selectOption('#scope', option));
        await page.click('summary >> nth=0');
        violations.push(...(await axeViolations(page, `admin, scope "${option}"`)));
      }
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    },
    60000,
  );

  itInBrowser(
    'shows the messages that did not reach their submitters as a tile, and lists them without personal data',
    async () => {
      const { id, reference } = await t.complaint({
        type: 'opinion',
        description: 'Ingen kvittens',
        submitter: { email: 'studsar@example.se' },
      });
      const [receipt] = (await t.http().get(`/api/cases/${id}`).set(admin).expect(200)).body.messages as { messageId: string }[];
      // The mail server refused it for good (no SMTP_URL here: the outcome is recorded as the outbox records it).
      const ref = { caseId: id, messageId: receipt.messageId, unitId: 'hgb', kind: 'receipt' as const };
      const bus = t.app.get(CommandBus);
      const attempt = (await bus.execute(new ClaimMessage(ref, OUTBOX))) as number;
      await bus.execute(new RecordDelivery(ref, attempt, { error: '550 <studsar@example.se>: no such user', permanent: true }, OUTBOX));
      const { page, problems } = await open();
      await signIn(page, await tokenFor('manager', ['hgb'], 'Maja Chef'));
      await page.waitForSelector('body[data-state="loaded"]');
      for (let i = 0; i < 100 && (await tile(page, 'undelivered')) !== '1'; i++)
        await reloaded(page, () => page.selectOption('#year', '2026'));
      expect(await tile(page, 'undelivered')).toBe('1');
      expect(await page.getAttribute('[data-figure="undelivered"]', 'class')).toBe('tile warn');
      const rows = await drill(page, '[data-figure="undelivered"]');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toContain(reference);
      expect(rows[0]).toContain('Kvittens');
      expect(await page.textContent('#drill')).not.toContain('studsar');
      expect(await axeViolations(page, 'undelivered messages')).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    },
    60000,
  );

  itInBrowser(
    'waits as a 503 with Retry-After asks (a read model rebuilt after an upgrade) and loads, instead of failing',
    async () => {
      const { page, problems } = await open();
      let refused = 0;
      await page.route('**/api/dashboard/commitments*', async (route) => {
        if (refused++ > 0) return route.continue();
        await route.fulfill({
          status: 503,
          headers: { 'Retry-After': '1', 'Content-Type': 'application/problem+json' },
          body: JSON.stringify({ status: 503, code: 'read_model_upgrading', title: 'Service Unavailable' }),
        });
      });
      await signIn(page, await tokenFor('manager', ['hgb'], 'Maja Chef'));
      await page.waitForSelector('body[data-state="loaded"]');
      expect(refused).toBe(2); // refused once, asked again once
      expect(await tile(page, 'open')).not.toBeUndefined();
      // the browser logs the refused request itself; nothing else went wrong
      expect(problems.filter((p) => !/503/.test(p))).toEqual([]);
      await page.close();
    },
    60000,
  );
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.fill('#token', token);
  await page.click('#login button[type="submit"]');
}
