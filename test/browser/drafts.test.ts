/**
 * An editor on a phone (375 px) in a real browser: signs in, checks a draft of the seed's Chinese section
 * with the vote on resolution 2538 (2020) changed, reads the diff and publishes it; then uploads the
 * committed seed section (data/corpus/zh/…) as a file and reads its findings, in Chinese.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { SEED_ZH, seedText } from '../repertoire/helpers.ts';
import { addConsoleUsers, signIn } from './console-users.ts';
import { browserSkipReason, CHROMIUM, CHROMIUM_ARGS, startServer, type RunningServer } from './server.ts';

const SHOTS = join(ROOT_DIR, 'test-artifacts', 'screenshots');
const PASSWORD = 'an editor’s long password';
const skip = browserSkipReason();

/** Whether the page scrolls sideways as a whole (a wide table must scroll inside its own box). */
const overflows = (p: Page) =>
  p.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe(
  'an editor checks and publishes a draft at 375 px',
  { skip: skip ?? false, timeout: 300_000 },
  () => {
    let server: RunningServer;
    let browser: Browser;

    before(async () => {
      mkdirSync(SHOTS, { recursive: true });
      server = await startServer();
      await addConsoleUsers(server, [{ name: 'editor-phone', role: 'editor' }], PASSWORD);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    });
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    test('sign in, paste the section, read the diff, publish', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 812 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/console`);
      await signIn(page, 'editor-phone', PASSWORD);
      await page.getByRole('link', { name: '核对《惯例汇编》一节的草稿' }).click();
      await page.waitForURL('**/console/drafts');
      assert.equal(await overflows(page), false, 'the form fits 375 px');

      const text = seedText('zh').replace('15-0-0 S/2020/851', '14-0-1 S/2020/851');
      await page.locator('#d-item').fill('2020-23');
      await page.locator('#d-text').fill(text);
      await page.getByRole('button', { name: '核对并保存为草稿' }).click();
      await page.waitForURL('**/console/drafts/repertoire*');
      assert.match((await page.locator('[role="status"]').textContent()) ?? '', /草稿已核对并保存/);
      const row = page.locator('table.changes tbody tr');
      assert.equal(await row.count(), 1);
      assert.match(
        (await row.textContent()) ?? '',
        /更改[\s\S]*第 2538\(2020\)号决议[\s\S]*表决 15-0-0[\s\S]*表决 14-0-1/,
      );
      // Where each side states the fact, in Chinese (the Repertoire table's fourth row).
      assert.match((await row.textContent()) ?? '', /15-0-0[\s\S]*（表格第4行）/);
      assert.doesNotMatch((await row.textContent()) ?? '', /table row/);
      assert.equal(await overflows(page), false, 'the diff scrolls in its own box, not the page');
      await page.screenshot({ path: join(SHOTS, 'drafts-375-zh-checked.png'), fullPage: true });

      await page.getByRole('button', { name: '发布' }).click();
      await page.waitForURL('**/console/drafts/repertoire*done=published');
      assert.match((await page.locator('dd.status').textContent()) ?? '', /已发布（现行）/);
      await page.getByRole('link', { name: /项目2020-23的全部版本/ }).click();
      const listed = (await page.locator('tbody').textContent()) ?? '';
      assert.match(listed, /repertoire:2020:23:zh@v1[\s\S]*先前版本/);
      assert.match(listed, /editor-phone/);
      await page.screenshot({ path: join(SHOTS, 'drafts-375-zh-versions.png'), fullPage: true });
      await context.close();
    });

    test('upload the seed section as a file, read its findings in Chinese', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 812 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/console`);
      await signIn(page, 'editor-phone', PASSWORD);
      await page.goto(`${server.url}/console/drafts`);
      await page.locator('#d-item').fill('2020-23');
      await page.locator('#d-file').setInputFiles(SEED_ZH);
      assert.equal(await overflows(page), false, 'the form with its file input fits 375 px');
      await page.getByRole('button', { name: '核对并保存为草稿' }).click();
      await page.waitForURL('**/console/drafts/repertoire*');
      assert.match((await page.locator('[role="status"]').textContent()) ?? '', /草稿已核对并保存/);
      // Kept under the uploaded file's name.
      assert.match(
        (await page.locator('dl').textContent()) ?? '',
        /repertoire-2020-part1-item23-peacekeeping\.txt/,
      );
      // The published version is the edited one of the first test: the seed's vote comes back as a change.
      assert.match(
        (await page.locator('table.changes tbody').textContent()) ?? '',
        /第 2538\(2020\)号决议[\s\S]*14-0-1[\s\S]*15-0-0/,
      );
      // The seed's own findings, said in Chinese: where and what.
      const findings = page.locator('table.findings tbody tr');
      assert.ok((await findings.count()) >= 3);
      const said = (await page.locator('table.findings tbody').innerText()).replace(/\s+/g, ' ');
      assert.match(said, /第0段称举行了6次公开视频会议，但表格列出6次/);
      assert.doesNotMatch(said, /\b(paragraph|says|briefed|table row)\b/);
      assert.equal(await overflows(page), false, 'the findings scroll in their own box');
      await page.screenshot({ path: join(SHOTS, 'drafts-375-zh-uploaded.png'), fullPage: true });
      await context.close();
    });
  },
);
