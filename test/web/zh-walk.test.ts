import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { appOver, parse } from './app.ts';
import { seedRecord } from '../../src/seed/index.ts';
import { en } from '../../src/server/web/i18n/en.ts';
import { zh } from '../../src/server/web/i18n/zh.ts';

/** Pages a reader reaches by links; data, downloads and the API are not pages. */
const NOT_PAGES = /^\/(api|export|publish|feed\.atom|static)\b/;
/** At most this many pages of one shape (the path with its ids folded), so the walk stays short. */
const PER_SHAPE = 4;
const MAX_PAGES = 400;

function shape(path: string): string {
  return path
    .replace(/\?.*$/, '')
    .split('/')
    .map((seg, i) => (i >= 2 ? '*' : seg))
    .join('/');
}

/** Interface words that must never reach a Chinese reader as they stand in the code. */
function untranslated(textOfPage: string): string[] {
  const found = new Set<string>();
  const keys = new Set(Object.keys(en));
  for (const m of textOfPage.matchAll(/\b[a-z]+\.[a-z][A-Za-z0-9_]*\b/g)) if (keys.has(m[0])) found.add(m[0]);
  // Enum values and camel-case identifiers (open_vtc, draft_not_adopted, insufficientVotes).
  for (const m of textOfPage.matchAll(/\b[a-z]+(?:_[a-z]+)+\b|\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b/g))
    found.add(m[0]);
  // English labels of the dictionary whose Chinese differs (two words or more, so names are not caught).
  for (const [key, value] of Object.entries(en)) {
    const other = zh[key as keyof typeof zh];
    if (value === other || !/^[A-Z][a-z]+ [a-z]+/.test(value) || /\{/.test(value)) continue;
    if (textOfPage.includes(value)) found.add(`"${value}" (${key})`);
  }
  return [...found];
}

describe('every page in Chinese shows no English label, raw key or enum value', () => {
  let t: TestStore;
  let app: FastifyInstance;
  before(async () => {
    t = await sqliteTestStore();
    await seedRecord(t.store, pino({ level: 'silent' }));
    app = await appOver(t.store, t.env);
  });
  after(async () => {
    await app?.close();
    await t?.dispose();
  });

  it('walks the site from the home page, in Chinese', async () => {
    const seen = new Set<string>();
    const perShape = new Map<string, number>();
    const queue = ['/'];
    const problems: string[] = [];
    while (queue.length > 0 && seen.size < MAX_PAGES) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const r = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'zh-CN' } });
      if (r.statusCode >= 300 && r.statusCode < 400) continue;
      assert.ok(r.statusCode < 500, `${url}: ${r.statusCode}`);
      if (!String(r.headers['content-type']).startsWith('text/html')) continue;
      const $ = parse(r.body);
      assert.equal($('html').attr('lang'), 'zh-Hans', url);
      for (const a of $('a[href^="/"]').toArray()) {
        const href = $(a).attr('href')!.replace(/#.*$/, '');
        if (!href || NOT_PAGES.test(href) || /[?&]lang=en\b/.test(href) || seen.has(href)) continue;
        const s = shape(href);
        if ((perShape.get(s) ?? 0) >= PER_SHAPE) continue;
        perShape.set(s, (perShape.get(s) ?? 0) + 1);
        queue.push(href);
      }
      // What the reader reads: the text, not code samples nor text the page marks as English.
      $('script, style, code, pre, [lang^="en"], [translate="no"]').remove();
      const words = $('body').text().replace(/\s+/g, ' ');
      const titles = $('[title], [aria-label], [placeholder], img[alt]')
        .toArray()
        .map((el) => ['title', 'aria-label', 'placeholder', 'alt'].map((a) => $(el).attr(a) ?? '').join(' '))
        .join(' ');
      for (const word of untranslated(`${words} ${titles}`)) problems.push(`${url}: ${word}`);
    }
    assert.ok(seen.size >= 20, `walked ${seen.size} pages`);
    assert.deepEqual(problems, []);
  });
});
