import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { layoutProblems } from './layout.ts';
import { browserSkipReason, CHROMIUM, CHROMIUM_ARGS, startServer, type RunningServer } from './server.ts';

const SHOTS = join(ROOT_DIR, 'test-artifacts', 'screenshots', 'widths');
const skip = browserSkipReason();

/** The pages a reader and a Secretariat officer open most, by name (the screenshot's file name). */
const PAGES: [string, string][] = [
  ['home', '/'],
  ['item', '/items/2020/23'],
  ['meeting', `/meetings/${encodeURIComponent('S/2020/514')}`],
  ['decision', `/decisions/${encodeURIComponent('S/RES/2518 (2020)')}`],
  ['stats', '/stats?year=2020'],
  ['search', '/search?year=2020'],
  ['console', '/console'],
];
const WIDTHS = [375, 1280] as const;

describe('pages on any screen, in either language', { skip: skip ?? false, timeout: 300_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const width of WIDTHS) {
    for (const lang of ['zh', 'en'] as const) {
      test(`${width} px, ${lang}: every page fits, its tables and charts readable`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 800 }, locale: lang });
        const page = await context.newPage();
        const problems: string[] = [];
        for (const [name, path] of PAGES) {
          const sep = path.includes('?') ? '&' : '?';
          const response = await page.goto(`${server.url}${path}${sep}lang=${lang}`);
          assert.equal(response?.status(), 200, path);
          for (const p of await layoutProblems(page)) problems.push(`${name}: ${p}`);
          await page.screenshot({ path: join(SHOTS, `${name}-${width}-${lang}.png`), fullPage: true });
        }
        await context.close();
        assert.deepEqual(problems, []);
      });
    }
  }
});
