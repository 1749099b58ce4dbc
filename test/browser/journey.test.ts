import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { accessibilityProblems, firstTabFocus, focusedId } from './a11y.ts';
import { browserSkipReason, CHROMIUM, CHROMIUM_ARGS, startServer, type RunningServer } from './server.ts';

const ARTIFACTS = join(ROOT_DIR, 'test-artifacts');
const SHOTS = join(ARTIFACTS, 'screenshots');
const skip = browserSkipReason();

/** The page's one h1, whitespace collapsed. */
async function h1(p: Page): Promise<string> {
  return ((await p.locator('h1').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('a reader in a real browser', { skip: skip ?? false, timeout: 300_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const shot = async (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({
      locale: 'zh-CN',
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('home → item 23 of 2020 → the 4 June videoconference → its four briefers → English and back → download', async () => {
    await page.goto(`${server.url}/`);
    assert.equal(await h1(page), '安全理事会的惯例');
    assert.deepEqual(await accessibilityProblems(page), []);
    await shot('01-home-zh');

    await page
      .getByRole('link', { name: /23\. 联合国维持和平行动 \(2020\)/ })
      .first()
      .click();
    await page.waitForURL('**/items/2020/23');
    assert.match(await h1(page), /联合国维持和平行动/);
    assert.equal(await page.locator('table.repertoire').first().locator('tbody tr').count(), 6);
    assert.deepEqual(await accessibilityProblems(page), []);
    await shot('02-item-2020-23-zh');

    await page.locator('table.repertoire').getByRole('link', { name: '2020年6月4日' }).click();
    await page.waitForURL(/\/meetings\/S%2F2020%2F514$/);
    assert.equal(await h1(page), '2020年6月4日视频会议');
    assert.equal(await page.locator('.format-line .badge-open_vtc').count(), 1, 'open VTC at a glance');
    // Every briefer (briefers carry no kind label): the four the Repertoire lists by office, which are the
    // four the videoconference's letter names, each once, with both sources.
    const briefers = page.locator('ol.participants > li:not(:has(.kind))');
    assert.equal(await briefers.count(), 4);
    assert.match((await briefers.first().textContent()) ?? '', /主管和平行动副秘书长/);
    assert.match((await briefers.first().textContent()) ?? '', /Lacroix/);
    for (const source of ['/sources/repertoire', '/sources/vtc-letters'])
      assert.equal(
        await briefers.filter({ has: page.locator(`a[href^="${source}"]`) }).count(),
        4,
        `each briefer names ${source}`,
      );
    assert.deepEqual(await accessibilityProblems(page), []);
    await shot('03-vtc-2020-06-04-zh');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/meetings\/S%2F2020%2F514\?lang=en$/);
    assert.equal(await h1(page), 'Videoconference of 4 June 2020');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await briefers.count(), 4);
    assert.deepEqual(await accessibilityProblems(page), []);
    await shot('04-vtc-2020-06-04-en');
    // The choice is remembered: an address without ?lang stays in English.
    await page.goto(`${server.url}/items/2020/23`);
    assert.match(await h1(page), /United Nations peacekeeping operations|联合国维持和平行动/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    await page.getByRole('link', { name: '中文' }).click();
    await page.waitForURL(/\/items\/2020\/23\?lang=zh$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');

    const downloads = page.locator('nav.downloads a');
    if ((await downloads.count()) === 0) {
      process.stderr.write('# download step SKIPPED: the publish routes are not registered\n');
    } else {
      const [download] = await Promise.all([page.waitForEvent('download'), downloads.first().click()]);
      mkdirSync(join(ARTIFACTS, 'downloads'), { recursive: true });
      const saved = join(ARTIFACTS, 'downloads', download.suggestedFilename());
      await download.saveAs(saved);
      const text = readFileSync(saved, 'utf8');
      assert.match(text, /2518/);
      assert.match(text, /S\/2020\/514/);
    }
    assert.deepEqual(consoleErrors, []);
  });

  test('the statistics page: figures, and charts with their numbers, pass the same checks', async () => {
    await page.goto(`${server.url}/stats?year=2020&lang=en`);
    assert.equal(await h1(page), 'Statistics, 2020');
    assert.ok((await page.locator('figure.chart svg[role=img]').count()) >= 2);
    assert.ok(
      (await page.locator('figure.chart table').count()) >= 2,
      'each chart has its numbers in a table',
    );
    assert.deepEqual(await accessibilityProblems(page), []);
    await shot('07-stats-2020-en');
    await page.goto(`${server.url}/?lang=zh`);
  });

  test('the focus ring shows on the first Tab stop, the skip link, which leads to main', async () => {
    await page.goto(`${server.url}/items/2020/23?lang=zh`);
    const focus = await firstTabFocus(page);
    assert.equal(focus.text, '跳到正文');
    assert.ok(focus.visible, `focus ring: ${focus.outline}`);
    await shot('05-keyboard-focus');
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'main');
  });

  test('pages read the same with JavaScript off, and unknown ids get a helpful 404', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const p = await noJs.newPage();
    await p.goto(`${server.url}/items/2020/23`);
    assert.equal(await p.locator('table.repertoire').first().locator('tbody tr').count(), 6);
    const response = await p.goto(`${server.url}/meetings/${encodeURIComponent('S/2020/5150')}`);
    assert.equal(response?.status(), 404);
    assert.equal(await h1(p), 'Not in the record');
    assert.ok((await p.locator('main a[href^="/meetings/"]').count()) > 0, 'suggests meetings');
    await p.screenshot({ path: join(SHOTS, '06-not-found-en.png'), fullPage: true });
    await p.goto(`${server.url}/console`);
    assert.equal(
      await p.locator('form input[name=_csrf]').count(),
      1,
      'the login form carries its CSRF token',
    );
    assert.deepEqual(await accessibilityProblems(p), []);
    await p.screenshot({ path: join(SHOTS, '08-console-login-en.png'), fullPage: true });
    const bad = await p.goto(`${server.url}/search?year=abc`);
    assert.equal(bad?.status(), 400);
    await noJs.close();
  });
});
