import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { appOver, parse } from './app.ts';
import { urls } from '../../src/server/web/format.ts';
import { seedRecord } from '../../src/seed/index.ts';
import { en } from '../../src/server/web/i18n/en.ts';
import { zh } from '../../src/server/web/i18n/zh.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import { seedText } from '../repertoire/helpers.ts';
import { FormBrowser } from './form-browser.ts';
import { loadRepertoire } from './record.ts';
import { membersOn } from '../../src/domain/membership.ts';
import { PROCEDURE_DAY, procedureNow, TIME_ENV } from '../support/clock.ts';

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

/**
 * Latin text a Chinese page shows without saying it is English. The rule: in the text of each element
 * (a text node), outside <code>, <pre>, <script>, <style>, [translate="no"] and any element whose lang is
 * English, a run of three or more words in a row is reported. A word is two or more Latin letters with at
 * least one lower-case letter, optionally joined by an apostrophe or hyphen ("Under-Secretary-General",
 * "Council’s"); words may be separated by spaces and commas. Not words, so they never make a run: acronyms
 * in capitals (UNDOF, UTC, P5), document symbols and ids (S/RES/2538 (2020), 2021-12-30:open_vtc:none),
 * numbers, and anything joined to a slash, colon, dot, @ or underscore (file names, addresses). Two
 * words (a person's name, "Jean-Pierre Lacroix") are below the threshold; a longer English phrase, a
 * title or a role in English, is not, and must sit inside an element marked lang="en".
 */
function latinRuns(body: string): string[] {
  const $ = parse(body);
  $('script, style, code, pre, [translate="no"], [lang^="en"]').remove();
  const word = String.raw`(?<![\w/:.@])[A-Za-z]*[a-z][A-Za-z]*(?:['’-][A-Za-z]+)*(?![\w/:.@])`;
  const run = new RegExp(`${word}(?:[ \t\n,]+${word}){2,}`, 'g');
  const found: string[] = [];
  const walk = (nodes: ReturnType<typeof $>) => {
    nodes.contents().each((_, node) => {
      if (node.type === 'text') {
        for (const m of node.data.matchAll(run)) found.push(m[0].replace(/\s+/g, ' '));
      } else if (node.type === 'tag') walk($(node));
    });
  };
  walk($('body'));
  return [...new Set(found)];
}

/**
 * Dates and times a Chinese page shows as the machine writes them (2020-06-04, 2020-06-04T14:05:00Z)
 * instead of in words (2020年6月4日), and <time> elements without their machine-readable datetime or
 * with it as their text. Code and text marked English are left out (a source's own title may carry one).
 */
function datesNotInWords(body: string): string[] {
  const $ = parse(body);
  const found: string[] = [];
  for (const el of $('time').toArray()) {
    const iso = $(el).attr('datetime') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) found.push(`<time> without datetime: "${$(el).text()}"`);
    if (!/\d{4}年\d{1,2}月\d{1,2}日/.test($(el).text())) found.push(`<time> not in words: "${$(el).text()}"`);
  }
  $('script, style, code, pre, [translate="no"], [lang^="en"]').remove();
  for (const m of $('body')
    .text()
    .matchAll(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g))
    found.push(`a date not in words: ${m[0]}`);
  return [...new Set(found)];
}

describe('the rule for Latin text on a Chinese page', () => {
  it('reports a run of three English words unless it is marked English, and never symbols or acronyms', () => {
    const page = (body: string) => `<html lang="zh-Hans"><body>${body}</body></html>`;
    assert.deepEqual(latinRuns(page('<p>安理会成员 The Council was briefed。</p>')), [
      'The Council was briefed',
    ]);
    assert.deepEqual(latinRuns(page('<p lang="en">The Council was <b>briefed by</b> the head</p>')), []);
    assert.deepEqual(
      latinRuns(page('<p>第 2538(2020)号决议 S/RES/2538 (2020) UNDOF UTC P5 2021-12-30:open_vtc:none</p>')),
      [],
    );
    assert.deepEqual(latinRuns(page('<p>Jean-Pierre Lacroix 通报</p>')), [], 'a name of two words');
    assert.deepEqual(latinRuns(page('<td>Under-Secretary-General for Peace Operations</td>')), [
      'Under-Secretary-General for Peace Operations',
    ]);
  });
});

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
    // From the home page, and the pages each kind of reader lands on: an item, a meeting without a record
    // of its own (a videoconference known by its date and format), a decision, a state, the statistics,
    // a search, the sources and the console; briefer pages are reached from the item page.
    const bare = await t.store.db
      .selectFrom('meeting')
      .select('id')
      .where('id', 'like', '%:none')
      .orderBy('id')
      .limit(2)
      .execute();
    assert.ok(bare.length > 0, 'the seed has meetings known by date and format');
    const queue = [
      '/',
      '/items',
      urls.item('2020-23'),
      ...bare.map((m) => urls.meeting(m.id)),
      urls.decision('S/RES/2538 (2020)'),
      urls.state('CHN'),
      '/stats',
      urls.search({ q: '维持和平' }),
      '/sources',
      '/console',
    ];
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
      for (const run of latinRuns(r.body)) problems.push(`${url}: Latin text not marked English: "${run}"`);
      for (const d of datesNotInWords(r.body)) problems.push(`${url}: ${d}`);
    }
    assert.ok(seen.size >= 20, `walked ${seen.size} pages`);
    const walked = [...seen].map((u) => decodeURIComponent(u));
    for (const kind of [
      '/items?',
      '/items/2020/23',
      ':none',
      '/decisions/',
      '/states/',
      '/briefers/',
      '/stats',
      '/search',
      '/sources',
      '/console',
    ])
      assert.ok(
        walked.some((u) => u.startsWith(kind) || u.includes(kind) || u === kind.replace(/\?$/, '')),
        `the walk reads ${kind}`,
      );
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
      for (const run of latinRuns(r.body)) problems.push(`${url}: Latin text not marked English: "${run}"`);
      for (const d of datesNotInWords(r.body)) problems.push(`${url}: ${d}`);
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

describe('the console in Chinese, for every role', () => {
  // The Repertoire seed only (test/web/record.ts): the console's pages need the record, not all of it.
  let c: TestStore;
  before(async () => {
    c = await sqliteTestStore();
    await loadRepertoire(c.store);
  });
  after(async () => {
    await c?.dispose();
  });

  it('every console role walks its pages in Chinese, and each refusal is said in Chinese', async () => {
    // The procedure's clock on a day inside the recorded membership (test/support/clock.ts).
    const consoleApp = await appOver(c.store, { ...c.env, ...TIME_ENV });
    try {
      const password = 'a console user’s long password';
      const service = new ProcedureService(c.store, { clock: procedureNow });
      const members = membersOn(PROCEDURE_DAY);
      const outsider = ['BRA', 'JPN', 'IND', 'DEU', 'ZAF'].find((x) => !members.includes(x))!;
      await service.addUser({ name: 'zh-secretariat', role: 'secretariat', password }, 'test');
      await service.addUser({ name: 'zh-president', role: 'president', state: members[0], password }, 'test');
      await service.addUser({ name: 'zh-editor', role: 'editor', password }, 'test');
      for (const state of [...members, outsider])
        await service.addUser({ name: `zh-del-${state}`, role: 'delegation', state, password }, 'test');
      const problems: string[] = [];
      /** A page or a refusal, read as a Chinese reader reads it. */
      const read = (what: string, body: string) => {
        assert.equal(parse(body)('html').attr('lang'), 'zh-Hans', what);
        for (const word of untranslated(readerText(body))) problems.push(`${what}: ${word}`);
        for (const run of latinRuns(body)) problems.push(`${what}: Latin text not marked English: "${run}"`);
      };
      /** A refusal's alert: in Chinese, naming what it must (`said`). */
      const refusal = (what: string, body: string, said: RegExp) => {
        read(what, body);
        const alert = parse(body)('[role="alert"]').text().replace(/\s+/g, ' ').trim();
        assert.match(alert, said, what);
        // Symbols, ids, numbers and "UTC" may stand in Chinese text; English words may not.
        const english = alert.replace(/\bUTC\b/g, '').match(/\b[A-Za-z]{2,}\b(?![/-])/g) ?? [];
        assert.deepEqual(
          english.filter((w) => !/^(S|RES|PRST|wp)$/.test(w)),
          [],
          `${what}: ${alert}`,
        );
      };
      const signIn = async (name: string) => {
        const b = new FormBrowser(consoleApp);
        await b.get('/console?lang=zh');
        await b.login(name, password);
        return b;
      };

      // The public: the console's list and its sign-in form.
      const reader = new FormBrowser(consoleApp);
      read('public /console', (await reader.get('/console?lang=zh')).body);

      // The Secretariat opens a vote; its refusals first.
      const sec = await signIn('zh-secretariat');
      read('secretariat /console', (await sec.get('/console')).body);
      const typed = { draftSymbol: 'S/2025/901', title: '关于维和的决议草案', agendaItemId: '2020-23' };
      let r = await sec.post('/console/procedures', typed);
      refusal('open under 2020-23', r.body, /议程项目“2020-23”是2020年的项目，而本程序属于2025年/);
      r = await sec.post('/console/procedures', {
        ...typed,
        draftSymbol: 'not a symbol',
        agendaItemId: '2025-x',
      });
      refusal('open, bad symbol', r.body, /«草案»: 应为联合国文件文号/);
      r = await sec.post('/console/procedures', { ...typed, agendaItemId: '2025-77' });
      refusal('open, new item without title', r.body, /«议程项目英文标题»、«议程项目中文标题»/);
      r = await sec.post('/console/procedures', {
        ...typed,
        agendaItemId: '2025-77',
        agendaItemTitleEn: 'United Nations peacekeeping operations',
        agendaItemTitleZh: '联合国维持和平行动',
        deadline: '2020-01-01T00:00:00Z',
      });
      refusal('open, deadline past', r.body, /截止时间2020年1月1日 00:00 UTC不在将来/);
      r = await sec.post('/console/procedures', {
        ...typed,
        agendaItemId: '2025-77',
        agendaItemTitleEn: 'United Nations peacekeeping operations',
        agendaItemTitleZh: '联合国维持和平行动',
      });
      assert.equal(r.statusCode, 303, r.body.slice(0, 300));
      const path = String(r.headers.location).split('?')[0]!;
      read('secretariat procedure page', (await sec.get(path)).body);
      r = await sec.post('/console/procedures', {
        ...typed,
        agendaItemId: '2025-77',
      });
      refusal('open the same draft again', r.body, /草案 S\/2025\/901 已付诸表决/);
      r = await sec.post(`${path}/close`, {});
      refusal('the Secretariat closes', r.body, /秘书处用户不能进行此项操作，需要主席/);

      // Delegations: the outsider sees why it has no vote, and is refused if it sends one anyway.
      const out = await signIn(`zh-del-${outsider}`);
      const outPage = (await out.get(path)).body;
      read('outsider procedure page', outPage);
      assert.match(parse(outPage)('section[aria-labelledby="vote-h"]').text(), /不是安全理事会成员/);
      r = await out.post(`${path}/vote`, { vote: 'Y' });
      refusal('outsider votes', r.body, /在2025年6月16日不是安全理事会成员，不能投票/);
      for (const [n, state] of members.slice(0, -1).entries()) {
        const d = await signIn(`zh-del-${state}`);
        if (n === 0) read('delegation procedure page', (await d.get(path)).body);
        r = await d.post(`${path}/vote`, { vote: 'Y' });
        assert.equal(r.statusCode, 303, r.body.slice(0, 300));
        if (n === 0) {
          read('delegation receipt', (await d.get(String(r.headers.location))).body);
          r = await d.post(`${path}/vote`, { vote: 'N' });
          refusal(
            'a vote changed',
            r.body,
            /已就 S\/2025\/901 投票（回执 [0-9a-f]{16}）；投票一经记录不得更改/,
          );
          r = await d.post(`${path}/vote`, { vote: 'X' });
          refusal('a vote not offered', r.body, /«表决»: 不是可选的值之一/);
        }
      }

      // The President: closing early is refused while a member has not voted and the deadline is ahead.
      const pres = await signIn('zh-president');
      read('president procedure page (voting)', (await pres.get(path)).body);
      r = await pres.post(`${path}/close`, {});
      refusal('close early', r.body, /尚有1个成员未投票，且截止时间（2025年6月1[67]日 \d\d:\d\d UTC）未到/);
      const last = await signIn(`zh-del-${members.at(-1)!}`);
      assert.equal((await last.post(`${path}/vote`, { vote: 'A' })).statusCode, 303);
      r = await pres.post(`${path}/announce`, { format: 'open_vtc' });
      refusal('announce before closing', r.body, /对 S\/2025\/901 的表决仍在进行/);
      assert.equal((await pres.post(`${path}/close`, {})).statusCode, 303);
      read('president procedure page (closed)', (await pres.get(path)).body);
      r = await pres.post(`${path}/announce`, { format: 'open_vtc', date: '2099-01-01' });
      refusal('announce in the future', r.body, /宣布日期2099年1月1日在将来（今天是2025年6月16日）/);
      r = await pres.post(`${path}/announce`, { format: 'open_vtc', resolutionSymbol: 'S/2025/1' });
      refusal('announce, not a resolution', r.body, /«决议文号（如获通过）»: 应为决议文号/);
      r = await pres.post(`${path}/announce`, { format: 'open_vtc' });
      assert.equal(r.statusCode, 303, r.body.slice(0, 300));
      read('president procedure page (announced)', (await pres.get(path)).body);
      r = await pres.post(`${path}/announce`, { format: 'open_vtc' });
      refusal('announce twice', r.body, /S\/2025\/901 的结果已于2025年6月16日 \d\d:\d\d UTC宣布/);
      r = await out.post(`${path}/vote`, { vote: 'Y' });
      refusal('vote after the close', r.body, /对 S\/2025\/901 的表决已于2025年6月1[67]日 \d\d:\d\d UTC结束/);
      read('public announced procedure', (await reader.get(path)).body);
      read('public /console after', (await reader.get('/console')).body);

      // The editor's console pages.
      const ed = await signIn('zh-editor');
      for (const url of ['/console', '/console/drafts', '/console/drafts?item=2020-23'])
        read(`editor ${url}`, (await ed.get(url)).body);
      r = await ed.post(`${path}/vote`, { vote: 'Y' });
      refusal('an editor votes', r.body, /编辑用户不能进行此项操作，需要代表团/);
      assert.deepEqual(problems, []);
    } finally {
      await consoleApp.close();
    }
  });
});
