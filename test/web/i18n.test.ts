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

test('the Chinese and English dictionaries have the same keys, none empty, with the same placeholders', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const [key, value] of Object.entries(en)) {
    const other = zh[key as keyof typeof en];
    assert.ok(value.trim() && other.trim(), `empty label ${key}`);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(holes(other), holes(value), `placeholders of ${key}`);
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
