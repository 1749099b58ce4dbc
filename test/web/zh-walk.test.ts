import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { appOver, parse } from './app.ts';
import { seedRecord } from '../../src/seed/index.ts';
import { en } from '../../src/server/web/i18n/en.ts';
import { zh } from '../../src/server/web/i18n/zh.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import { seedText } from '../repertoire/helpers.ts';
import { FormBrowser } from './form-browser.ts';

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

/**
 * The English words of the dictionary's templates (three words or more between placeholders), so a
 * message said in English where the Chinese one was due (a draft's finding) is caught as well.
 */
const TEMPLATE_WORDS = Object.values(en)
  .filter((value) => /\{/.test(value))
  .flatMap((value) => value.split(/\{\w+\}/))
  .map((s) => s.trim())
  .filter((s) => /[A-Za-z]+ [a-z]+ [a-z]+/.test(s));

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
  for (const words of TEMPLATE_WORDS) if (textOfPage.includes(words)) found.add(`"${words}" (a template)`);
  return [...found];
}

/** What the reader reads of a page: the text, not code samples nor text the page marks as English. */
function readerText(body: string): string {
  const $ = parse(body);
  $('script, style, code, pre, [lang^="en"], [translate="no"]').remove();
  const words = $('body').text().replace(/\s+/g, ' ');
  const titles = $('[title], [aria-label], [placeholder], img[alt]')
    .toArray()
    .map((el) => ['title', 'aria-label', 'placeholder', 'alt'].map((a) => $(el).attr(a) ?? '').join(' '))
    .join(' ');
  return `${words} ${titles}`;
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
      for (const word of untranslated(readerText(r.body))) problems.push(`${url}: ${word}`);
    }
    assert.ok(seen.size >= 20, `walked ${seen.size} pages`);
    assert.deepEqual(problems, []);
  });

  it('an editor’s pages, a draft’s findings among them, in Chinese', async () => {
    const password = 'an editor’s long password';
    await new ProcedureService(t.store).addUser({ name: 'editor-zh', role: 'editor', password }, 'test');
    const ed = new FormBrowser(app);
    await ed.login('editor-zh', password);
    // The seed's section with its vote on resolution 2538 (2020) changed: the seed's own findings and one more.
    const text = seedText('zh').replace('15-0-0 S/2020/851', '14-0-1 S/2020/851');
    const checked = await ed.post('/console/drafts', { item: '2020-23', text });
    assert.equal(checked.statusCode, 303, checked.body.slice(0, 300));
    const draft = String(checked.headers.location).split('?')[0]!;
    const problems: string[] = [];
    let findings = 0;
    for (const url of ['/console?lang=zh', '/console/drafts', '/console/drafts?item=2020-23', draft]) {
      const r = await ed.get(url);
      assert.equal(r.statusCode, 200, url);
      findings += parse(r.body)('table.findings tbody tr').length;
      for (const word of untranslated(readerText(r.body))) problems.push(`${url}: ${word}`);
    }
    assert.ok(findings >= 4, `the draft has findings (${findings})`);
    assert.deepEqual(problems, []);
    // The same page in English shows the findings' English words, which the walk would report in Chinese.
    // (The page's own lang="en" taken off, as readerText leaves out what is marked English.)
    const enPage = (await ed.get(`${draft}?lang=en`)).body.replace(/<html lang="en"/, '<html');
    const english = untranslated(readerText(enPage));
    assert.ok(
      english.some((w) => w.includes('was adopted unanimously, but the table records')),
      english.join('; '),
    );
  });
});
