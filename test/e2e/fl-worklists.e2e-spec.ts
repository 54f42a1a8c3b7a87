import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';
import { FixedClock } from '@app/core';
import { tokenFor } from '@app/testing';
import { axeViolations } from '../support/accessibility';
import { startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };
type Listed = { id: string; reference: string; needsDelayNotice: boolean; openOverSixMonths: boolean };

const CHROMIUM = '/usr/bin/chromium';
const itInBrowser = existsSync(CHROMIUM) || process.env.CI === 'true' ? it : it.skip;

/**
 * The förvaltningslag worklists over HTTP: cases owed a delay notice (11 §) and cases open more than six months (12 §),
 * as filters of GET /api/cases, as flags on each listed case, and as the dashboard's two tiles. Every case but two is
 * received on Monday 2 March 2026 and due Monday 16 March (end of the day, Stockholm time).
 */
describe('the förvaltningslag worklists (FL 11 § and 12 §)', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let admin: H, manager: H, fskManager: H;
  let pos = '0';
  const ids: Record<string, string> = {};
  const refs: Record<string, string> = {};

  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(manager).send(body).expect(200);
    pos = res.headers['x-event-position'];
  };
  const register = async (name: string, over: object = {}) => {
    const c = await t.complaint({ submitter: { email: 'skrev@example.se' }, ...over });
    [ids[name], refs[name]] = [c.id, c.reference];
  };
  /** The names of the cases a list gives, sorted; with the flags of each. */
  const list = async (query: string, who: H = admin) => {
    const res = await t.http().get(`/api/cases?pageSize=500&minPosition=${pos}&${query}`).set(who).expect(200);
    const cases = res.body.cases as Listed[];
    const name = (c: Listed) => Object.keys(ids).find((k) => ids[k] === c.id)!;
    return {
      names: cases.map(name).sort(),
      owed: cases
        .filter((c) => c.needsDelayNotice)
        .map(name)
        .sort(),
      sixMonths: cases
        .filter((c) => c.openOverSixMonths)
        .map(name)
        .sort(),
      total: res.body.total as number,
    };
  };
  const owed = async (who: H = admin) => (await list('needsDelayNotice=true', who)).names;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { AUTO_RECEIPT: 'false' } });
    [admin, manager, fskManager] = [await t.as('admin'), await t.as('manager', ['hgb']), await t.as('manager', ['fsk'])];
    await t.unit('hgb', { name: 'Hägerstens gruppbostäder' });
    await t.unit('fsk', { name: 'Förskolan Solrosen' });
    for (const name of ['late', 'early', 'told', 'toldUntil', 'answered']) await register(name);
    await register('otherUnit', { unitId: 'fsk' });
    // 23:59:59.999 on 19 September 2025 in Stockholm (summer time), and the first instant of the 20th
    await register('oldIn', { receivedAt: '2025-09-19T21:59:59.999Z' });
    await register('oldOut', { receivedAt: '2025-09-19T22:00:00.000Z' });
    await register('oldClosed', { receivedAt: '2025-06-02T08:00:00.000Z' });
    // the old cases' submitters were told long after their deadlines: they owe no notice, whatever their age
    for (const name of ['oldIn', 'oldOut']) await post(`/api/cases/${ids[name]}/delay-notice`, { reason: 'Utredning pågår' });
    await post(`/api/cases/${ids.oldClosed}/close`, { resolution: 'withdrawn' });

    clock.set('2026-03-10T09:00:00Z');
    await post(`/api/cases/${ids.early}/delay-notice`, { reason: 'Vi behöver mer tid', newRespondBy: '2026-03-30' });
    await post(`/api/cases/${ids.answered}/respond`, { message: 'Svar', outcome: 'justified' });
  });
  afterAll(() => t?.close());

  it('owes no notice on the day respondBy falls, and owes one from the first instant of the day after', async () => {
    const respondBy = (await t.http().get(`/api/cases/${ids.late}`).set(admin).expect(200)).body.respondBy;
    expect(respondBy).toBe('2026-03-16T22:59:59.999Z');
    clock.set('2026-03-16T22:59:59.999Z');
    expect(await owed()).toEqual([]);
    clock.set('2026-03-16T23:00:00.000Z');
    // a notice sent before respondBy counts: 'early' was told on 10 March that the answer comes by 30 March
    expect(await owed()).toEqual(['late', 'otherUnit', 'told', 'toldUntil']);
  });

  it('counts a notice sent after respondBy, until the date it named has passed', async () => {
    clock.set('2026-03-17T09:00:00Z');
    await post(`/api/cases/${ids.told}/delay-notice`, { reason: 'Utredning pågår' });
    await post(`/api/cases/${ids.toldUntil}/delay-notice`, { reason: 'Utredning pågår', newRespondBy: '2026-03-19' });
    clock.set('2026-03-19T22:59:59.999Z'); // the last instant of 19 March in Stockholm
    expect(await owed()).toEqual(['late', 'otherUnit']);
    clock.set('2026-03-19T23:00:00.000Z');
    expect(await owed()).toEqual(['late', 'otherUnit', 'toldUntil']);
    clock.set('2026-03-30T22:00:00.000Z'); // 31 March: the date 'early' was told has passed
    expect(await owed()).toEqual(['early', 'late', 'otherUnit', 'toldUntil']);
  });

  it('flags each listed case as the filters find it, and filters false for the rest', async () => {
    clock.set('2026-03-19T23:00:00.000Z');
    const all = await list('');
    expect(all.names).toHaveLength(Object.keys(ids).length);
    expect(all.owed).toEqual(['late', 'otherUnit', 'toldUntil']);
    // each case by itself (folded from its stream, not read from the list) says the same
    for (const name of Object.keys(ids)) {
      const one = (await t.http().get(`/api/cases/${ids[name]}`).set(admin).expect(200)).body;
      expect([name, one.needsDelayNotice, one.openOverSixMonths]).toEqual([name, all.owed.includes(name), all.sixMonths.includes(name)]);
    }
    const notOwed = await list('needsDelayNotice=false');
    expect(notOwed.names).toEqual(all.names.filter((n) => !all.owed.includes(n)));
    expect(notOwed.owed).toEqual([]);
    const young = await list('openOverSixMonths=false');
    expect(young.names).toEqual(all.names.filter((n) => n !== 'oldIn'));
    expect(young.sixMonths).toEqual([]);
    // the filters combine with the others
    expect((await list('needsDelayNotice=true&unitId=hgb&type=complaint')).names).toEqual(['late', 'toldUntil']);
  });

  it('flags a case open more than six months from the day after six months from receipt, Stockholm time; never a closed one', async () => {
    clock.set('2026-03-19T22:59:59.999Z');
    const before = await list('openOverSixMonths=true');
    expect([before.names, (await list('')).sixMonths]).toEqual([[], []]);
    clock.set('2026-03-19T23:00:00.000Z');
    const after = await list('openOverSixMonths=true');
    expect([after.names, after.sixMonths, (await list('')).sixMonths]).toEqual([['oldIn'], ['oldIn'], ['oldIn']]);
  });

  it('shows managers their units’ cases only', async () => {
    clock.set('2026-03-19T23:00:00.000Z');
    expect(await owed(manager)).toEqual(['late', 'toldUntil']);
    expect(await owed(fskManager)).toEqual(['otherUnit']);
    expect((await list('openOverSixMonths=true', fskManager)).names).toEqual([]);
    expect((await list('openOverSixMonths=true', manager)).names).toEqual(['oldIn']);
    await t.http().get('/api/cases?needsDelayNotice=true&unitId=hgb').set(fskManager).expect(403);
  });

  it('refuses a value other than true or false, naming the field', async () => {
    for (const field of ['needsDelayNotice', 'openOverSixMonths']) {
      const bad = await t.http().get(`/api/cases?${field}=yes`).set(admin).expect(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });

  itInBrowser(
    'shows both counts on the dashboard, scoped to the user’s units, each opening its list; the views stay accessible',
    async () => {
      clock.set('2026-03-19T23:00:00.000Z');
      await t.app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      const profile = mkdtempSync(join(tmpdir(), 'synpunkt-chromium-'));
      let browser: BrowserContext | undefined;
      try {
        browser = await chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM,
          headless: true,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
          viewport: { width: 1280, height: 900 },
          locale: 'sv-SE',
        });
        const page = await browser.newPage();
        page.setDefaultTimeout(5000);
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
        const tile = async (key: string, part: string) => page.textContent(`[data-figure="${key}"] .tile-${part}`);
        const drill = async (key: string) => {
          await page.click(`[data-figure="${key}"]`);
          await page.waitForSelector('#drill[data-state="loaded"]');
          const rows = await page.locator('#drill tbody th[scope="row"]').allTextContents();
          return { title: await page.textContent('#drill-title'), rows: rows.sort() };
        };
        const signIn = async (token: string) => {
          await page.goto(`${base}/dashboard`);
          await page.fill('#token', token);
          await page.click('#login button[type="submit"]');
          await page.waitForSelector('body[data-state="loaded"]');
        };

        await signIn(await tokenFor('manager', ['hgb'], 'Eva Enhetschef'));
        expect(await tile('delayNotice', 'title')).toBe('Försenade utan förseningsbesked (FL 11 §)');
        expect(await tile('sixMonths', 'title')).toBe('Öppna mer än sex månader (FL 12 §)');
        expect([await tile('delayNotice', 'value'), await tile('sixMonths', 'value')]).toEqual(['2', '1']);
        expect(await page.getAttribute('[data-figure="delayNotice"]', 'class')).toBe('tile warn');
        const violations = await axeViolations(page, 'manager, with the worklist tiles');
        expect(await drill('delayNotice')).toEqual({
          title: 'Försenade utan förseningsbesked (FL 11 §) just nu – Hägerstens gruppbostäder',
          rows: [refs.late, refs.toldUntil].sort(),
        });
        violations.push(...(await axeViolations(page, 'drill-down delayNotice')));
        expect(await drill('sixMonths')).toEqual({
          title: 'Öppna mer än sex månader (FL 12 §) just nu – Hägerstens gruppbostäder',
          rows: [refs.oldIn],
        });
        violations.push(...(await axeViolations(page, 'drill-down sixMonths')));

        await page.click('#logout');
        await signIn(await tokenFor('admin', ['*'], 'Anna Avdelningschef'));
        expect([await tile('delayNotice', 'value'), await tile('sixMonths', 'value')]).toEqual(['3', '1']);
        await page.evaluate("document.body.removeAttribute('data-state')");
        await page.selectOption('#scope', 'u:fsk');
        await page.waitForSelector('body[data-state="loaded"]');
        expect([await tile('delayNotice', 'value'), await tile('sixMonths', 'value')]).toEqual(['1', '0']);
        expect(await page.getAttribute('[data-figure="sixMonths"]', 'class')).toBe('tile');
        violations.push(...(await axeViolations(page, 'admin, one unit')));
        expect(violations).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await browser?.close();
        rmSync(profile, { recursive: true, force: true });
      }
    },
    60000,
  );
});
