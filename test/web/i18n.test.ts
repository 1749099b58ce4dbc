import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en } from '../../src/server/web/i18n/en.ts';
import { zh } from '../../src/server/web/i18n/zh.ts';
import { escapeHtml, html, trusted } from '../../src/server/web/html.ts';
import { withLang } from '../../src/server/web/layout.ts';
import { snippetHtml } from '../../src/server/web/pages/search.ts';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { dateInWords, timeInWords } from '../../src/domain/labels.ts';
import { ownLang, timeEl, type View } from '../../src/server/web/format.ts';
import { translator } from '../../src/server/web/lang.ts';
import { ISSUE_KEYS } from '../../src/domain/issues.ts';

test('the Chinese and English dictionaries have the same keys, none empty, with the same placeholders', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const [key, value] of Object.entries(en)) {
    const other = zh[key as keyof typeof en];
    assert.ok(value.trim() && other.trim(), `empty label ${key}`);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(holes(other), holes(value), `placeholders of ${key}`);
  }
});

test('every key a schema can say of a refused field has its words in both dictionaries', () => {
  // The keys are the one list the schemas take theirs from (src/domain/issues.ts); the console words a
  // refused form by them, so a key without words would leave a Chinese reader without them.
  for (const key of ISSUE_KEYS) {
    const label = `refusal.issue.${key}`;
    assert.ok(label in en, `en has ${label}`);
    assert.ok(label in zh, `zh has ${label}`);
    assert.match(zh[label as keyof typeof zh], /\p{Script=Han}/u, `zh words ${label} in Chinese`);
  }
});

test('every label key the pages use exists in the dictionaries', () => {
  const dir = join(ROOT_DIR, 'src/server/web');
  const files = [dir, join(dir, 'pages')].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(d, f), 'utf8')),
  );
  const used = new Set(files.flatMap((src) => [...src.matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]!)));
  assert.ok(used.size > 50, `found ${used.size} label uses`);
  for (const key of used) assert.ok(key in en, `label ${key} is used but not defined`);
});

test('one escaping helper: interpolations are escaped, trusted markup is not', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  const evil = '<script>alert(1)</script>';
  assert.equal(html`<p>${evil}</p>`.value, '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  assert.equal(
    html`<p>${[evil, trusted('<b>ok</b>')]}</p>`.value,
    '<p>&lt;script&gt;alert(1)&lt;/script&gt;<b>ok</b></p>',
  );
  assert.equal(html`${null}${undefined}${false}${0}`.value, '0');
});

test("the search engine's snippet is shown as markup only when it is escaped text with <mark>", () => {
  assert.equal(snippetHtml('a <mark>b</mark> &lt;c&gt;').value, 'a <mark>b</mark> &lt;c&gt;');
  assert.equal(
    snippetHtml('<img src=x onerror=alert(1)> <mark>b</mark>').value,
    '&lt;img src=x onerror=alert(1)&gt; &lt;mark&gt;b&lt;/mark&gt;',
  );
});

test('the language switch keeps the page and its filters', () => {
  assert.equal(
    withLang('/search?year=2020&format=open_vtc', 'en'),
    '/search?year=2020&format=open_vtc&lang=en',
  );
  assert.equal(withLang('/meetings/S%2F2020%2F514?lang=en', 'zh'), '/meetings/S%2F2020%2F514?lang=zh');
});

test('dates and times in words in either language, through the labels module, in <time datetime>', () => {
  assert.equal(dateInWords('2020-06-04', 'zh'), '2020年6月4日');
  assert.equal(dateInWords('2020-06-04', 'en'), '4 June 2020');
  assert.equal(timeInWords('2020-06-04T14:05:09.123Z', 'zh'), '2020年6月4日 14:05 UTC');
  assert.equal(timeInWords('2020-06-04T14:05:09.123Z', 'en'), '4 June 2020, 14:05 UTC');
  assert.equal(timeInWords('2020-06-04', 'en'), '4 June 2020', 'a date alone is said as a date');
  const zhView: View = { lang: 'zh', t: translator('zh'), url: '/' };
  const enView: View = { lang: 'en', t: translator('en'), url: '/' };
  assert.equal(timeEl(zhView, '2020-06-04').value, '<time datetime="2020-06-04">2020年6月4日</time>');
  assert.equal(
    timeEl(enView, '2020-06-04T14:05:00.000Z').value,
    '<time datetime="2020-06-04T14:05:00.000Z">4 June 2020, 14:05 UTC</time>',
  );
});

test('text the record has in one language only is marked with it on a page of the other', () => {
  const zhView: View = { lang: 'zh', t: translator('zh'), url: '/' };
  const enView: View = { lang: 'en', t: translator('en'), url: '/' };
  assert.equal(
    ownLang(zhView, 'The situation in Mali').value,
    '<span lang="en">The situation in Mali</span>',
  );
  assert.equal(ownLang(zhView, '马里局势').value, '马里局势');
  assert.equal(ownLang(enView, '马里局势').value, '<span lang="zh-Hans">马里局势</span>');
  assert.equal(ownLang(zhView, 'S/2020/514').value, 'S/2020/514', 'a symbol is in no language');
  assert.equal(
    ownLang(zhView, 'Lieutenant General Dennis Gyllensporre', 'strong').value,
    '<strong lang="en">Lieutenant General Dennis Gyllensporre</strong>',
  );
});
