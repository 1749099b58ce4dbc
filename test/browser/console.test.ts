/**
 * The written-procedure console in a real browser, on a phone (375 px, in Chinese) and checked again at
 * desktop width: the Secretariat opens a vote, its refused form keeps what was typed and names the fields in
 * Chinese, then creates the agenda item; a delegation of a state not on the Council sees why it cannot
 * vote; the fifteen members vote; the President sees the outcome before the announce form; the public reads
 * the outcome and the letters without signing in. Every page is screenshotted at both widths.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { membersOn } from '../../src/domain/membership.ts';
import { PROCEDURE_DAY, procedureNow, TIME_ENV } from '../support/clock.ts';
import { addConsoleUsers, signIn } from './console-users.ts';
import { layoutProblems } from './layout.ts';
import { browserSkipReason, CHROMIUM, CHROMIUM_ARGS, startServer, type RunningServer } from './server.ts';

const SHOTS = join(ROOT_DIR, 'test-artifacts', 'screenshots', 'widths');
const PASSWORD = 'a console user’s long password';
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };
const skip = browserSkipReason();

describe(
  'the written-procedure console at 375 px and 1280 px',
  { skip: skip ?? false, timeout: 600_000 },
  () => {
    let server: RunningServer;
    let browser: Browser;
    const members = membersOn(PROCEDURE_DAY);
    const outsider = ['BRA', 'JPN', 'IND', 'DEU', 'ZAF'].find((s) => !members.includes(s))!;
    let procedurePath = '';

    before(async () => {
      mkdirSync(SHOTS, { recursive: true });
      server = await startServer(300_000, TIME_ENV);
      await addConsoleUsers(
        server,
        [
          { name: 'secretariat', role: 'secretariat' },
          { name: 'president', role: 'president', state: members[0]! },
          { name: 'delegation-outsider', role: 'delegation', state: outsider },
          ...members.map((m) => ({ name: `delegation-${m}`, role: 'delegation' as const, state: m })),
        ],
        PASSWORD,
        { clock: procedureNow },
      );
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    /** A phone in Chinese, signed in as `name` (or not signed in) on the console. */
    async function phone(name?: string): Promise<Page> {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE });
      const page = await context.newPage();
      await page.goto(`${server.url}/console?lang=zh`);
      if (name) await signIn(page, name, PASSWORD);
      return page;
    }

    /** The page fits both widths; a screenshot at each, named `console-<what>-<width>-zh.png`. */
    async function fitsAndShoot(page: Page, what: string): Promise<void> {
      for (const size of [PHONE, DESKTOP]) {
        await page.setViewportSize(size);
        assert.deepEqual(await layoutProblems(page), [], `${what} at ${size.width} px`);
        await page.screenshot({ path: join(SHOTS, `console-${what}-${size.width}-zh.png`), fullPage: true });
      }
      await page.setViewportSize(PHONE);
    }

    test('the Secretariat opens a vote: a refused form keeps what was typed, fields named in Chinese', async () => {
      const page = await phone('secretariat');
      await fitsAndShoot(page, 'secretariat');
      const typed = {
        '#o-draftSymbol': 'S/2025/901',
        '#o-title': '关于维持和平行动的决议草案',
        '#o-agendaItemId': '2025-23',
        '#o-text': '执行部分第1段',
      };
      for (const [field, value] of Object.entries(typed)) await page.locator(field).fill(value);
      const open = page.locator('form[action="/console/procedures"] button[type="submit"]');
      await open.click();
      await page.waitForLoadState();
      const alert = ((await page.locator('[role="alert"]').textContent()) ?? '').replace(/\s+/g, ' ');
      assert.match(alert, /«议程项目英文标题»、«议程项目中文标题»/);
      assert.doesNotMatch(alert, /agendaItem|draftSymbol/);
      for (const [field, value] of Object.entries(typed))
        assert.equal(await page.locator(field).inputValue(), value, `${field} kept`);
      await fitsAndShoot(page, 'refused');

      await page.locator('#o-agendaItemTitleEn').fill('United Nations peacekeeping operations');
      await page.locator('#o-agendaItemTitleZh').fill('联合国维持和平行动');
      await Promise.all([page.waitForURL('**/console/procedures/wp-*'), open.click()]);
      assert.match(page.url(), /\?done=opened$/);
      assert.match(await page.locator('h1').innerText(), /S\/2025\/901/);
      procedurePath = new URL(page.url()).pathname;
      await page.context().close();
    });

    test('a delegation of a state not on the Council sees why it cannot vote, not a form', async () => {
      const page = await phone('delegation-outsider');
      await page.goto(`${server.url}${procedurePath}?lang=zh`);
      assert.equal(await page.locator('form[action$="/vote"]').count(), 0);
      // Why, in Chinese: the state is not on the Council on the procedure's date.
      assert.match(
        await page.locator('section[aria-labelledby="vote-h"]').innerText(),
        new RegExp(`不是安全理事会成员[\\s\\S]*没有表决权`),
      );
      assert.match(
        await page.locator('section[aria-labelledby="vote-h"]').innerText(),
        new RegExp(PROCEDURE_DAY.slice(0, 4)),
      );
      await fitsAndShoot(page, 'not-a-member');
      await page.context().close();
    });

    test('the fifteen members vote, each with a receipt', async () => {
      for (const m of members) {
        const page = await phone(`delegation-${m}`);
        await page.goto(`${server.url}${procedurePath}?lang=zh`);
        const form = page.locator('form[action$="/vote"]');
        await form.locator(`input[name="vote"][value="${m === members[1] ? 'A' : 'Y'}"]`).check();
        await Promise.all([page.waitForURL(/done=voted$/), form.locator('button[type="submit"]').click()]);
        assert.match((await page.locator('code.hash').textContent()) ?? '', /^[0-9a-f]{64}$/);
        if (m === members[1]) await fitsAndShoot(page, 'receipt');
        await page.context().close();
      }
    });

    test('the President closes the vote and sees the outcome first, then announces it', async () => {
      const page = await phone('president');
      await page.goto(`${server.url}${procedurePath}?lang=zh`);
      await Promise.all([
        page.waitForURL(/done=closed$/),
        page.locator('form[action$="/close"] button[type="submit"]').click(),
      ]);
      const order = await page
        .locator('main section[aria-labelledby]')
        .evaluateAll((s) => s.map((e) => e.getAttribute('aria-labelledby')));
      assert.ok(
        order.indexOf('outcome-h') >= 0 && order.indexOf('outcome-h') < order.indexOf('announce-h'),
        order.join(),
      );
      const tally = `${members.length - 1}-0-1`;
      assert.equal(await page.locator('section.outcome strong').innerText(), '通过');
      assert.match(await page.locator('section.outcome').innerText(), new RegExp(tally));
      await fitsAndShoot(page, 'president');
      await page.locator('#a-format').selectOption('closed_vtc');
      await Promise.all([
        page.waitForURL(/done=announced$/),
        page.locator('form[action$="/announce"] button[type="submit"]').click(),
      ]);
      assert.equal(await page.locator('form[action$="/announce"]').count(), 0);
      await page.context().close();
    });

    test('the public reads the outcome and the letters without signing in', async () => {
      const page = await phone();
      await page.locator(`a[href="${procedurePath}"]`).click();
      await page.waitForURL(`**${procedurePath}`);
      assert.match(
        await page.locator('section.outcome').innerText(),
        new RegExp(`${members.length - 1}-0-1`),
      );
      // The announcement, outcome and voting-details letters, each in both languages.
      assert.equal(await page.locator('pre.letter[lang="zh-Hans"]').count(), 3);
      assert.equal(await page.locator('pre.letter[lang="en"]').count(), 3);
      assert.equal(await page.locator('form[action$="/vote"], form[action$="/announce"]').count(), 0);
      await fitsAndShoot(page, 'announced');
      await page.context().close();
    });
  },
);
