import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT_DIR } from '../../src/config/paths.ts';
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

/** What makes a page unusable at this width: the page scrolls sideways, a cell too narrow to read, a chart label cut. */
function layoutProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1)
      problems.push(`the page is ${doc.scrollWidth}px wide in a ${window.innerWidth}px window`);
    for (const cell of Array.from(document.querySelectorAll('th, td'))) {
      const text = (cell.textContent ?? '').trim();
      if (text.length < 4) continue;
      const box = cell.getBoundingClientRect();
      const em = parseFloat(getComputedStyle(cell).fontSize);
      // Narrower than three characters: a header one letter a line.
      if (box.width > 0 && box.width < 3 * em)
        problems.push(`a cell ${Math.round(box.width)}px wide: "${text.slice(0, 30)}"`);
    }
    for (const svg of Array.from(document.querySelectorAll('figure svg'))) {
      const frame = svg.getBoundingClientRect();
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        const b = t.getBoundingClientRect();
        if (b.width === 0) continue;
        if (
          b.left < frame.left - 1 ||
          b.right > frame.right + 1 ||
          b.top < frame.top - 1 ||
          b.bottom > frame.bottom + 1
        )
          problems.push(`chart text cut: "${(t.textContent ?? '').slice(0, 30)}"`);
      }
    }
    return problems;
  });
}

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
