import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { accessibilityProblems } from './a11y.ts';
import { browserSkipReason, CHROMIUM, CHROMIUM_ARGS, startServer, type RunningServer } from './server.ts';

const SHOTS = join(ROOT_DIR, 'test-artifacts', 'screenshots');
const skip = browserSkipReason();

describe('the 2020 statistics page in a real browser', { skip: skip ?? false, timeout: 300_000 }, () => {
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

  for (const [lang, width, note] of [
    ['en', 1280, /Per-member votes known for \d+ of \d+ decisions in this period/],
    ['zh', 390, /本期间 \d+ 项付诸表决的决定中，\d+ 项已知每个成员的投票/],
  ] as const) {
    test(`the coverage note stands beside the agreement matrix (${lang}, ${width} px wide)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(`${server.url}/stats?year=2020&lang=${lang}`);
        const matrix = page.locator('figure[id^="chart-agreement-2020"]');
        await matrix.waitFor();
        const coverage = matrix.locator('p.chart-note');
        assert.equal(await coverage.count(), 1);
        assert.ok(await coverage.isVisible(), 'the coverage note is shown');
        assert.match((await coverage.textContent()) ?? '', note);
        // Beside the matrix: in the same figure, right above its SVG, within the viewport's width.
        const box = (await coverage.boundingBox())!;
        const svg = (await matrix.locator('svg').first().boundingBox())!;
        assert.ok(box.y < svg.y && svg.y - (box.y + box.height) < 200, `note at ${box.y}, chart at ${svg.y}`);
        assert.ok(box.x + box.width <= width + 1, 'the note fits the screen');
        // Every cell says how many decisions it rests on.
        assert.ok((await matrix.locator('svg text', { hasText: /^n=\d+$/ }).count()) > 100);
        assert.deepEqual(await accessibilityProblems(page), []);
        await page.screenshot({ path: join(SHOTS, `stats-2020-${lang}-${width}.png`), fullPage: false });
      } finally {
        await context.close();
      }
    });
  }
});
