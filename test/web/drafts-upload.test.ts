/**
 * "Check a draft" with the section uploaded as a text file: the committed Chinese seed section
 * (data/corpus/zh/…) is read as the pasted text would be and kept under its file's name; a file that is
 * not UTF-8 plain text, too large, or given beside pasted text is refused, naming the field in the
 * reader's language; the CSRF token is still required.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { load } from 'cheerio';
import { ingestPaths } from '../../src/ingest/repertoire/index.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import { MAX_UPLOAD_BYTES } from '../../src/server/web/draft-upload.ts';
import { getSectionVersion, listSectionVersions } from '../../src/store/queries/versions.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { SEED_EN, SEED_ZH } from '../repertoire/helpers.ts';
import { appOver } from './app.ts';
import { FormBrowser } from './form-browser.ts';

const PASSWORD = 'an editor’s long password';

describe('Check a draft: an uploaded text file', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  const seed = readFileSync(SEED_ZH);

  before(async () => {
    ts = await sqliteTestStore();
    await ingestPaths(ts.store, [SEED_ZH, SEED_EN]);
    await new ProcedureService(ts.store).addUser(
      { name: 'editor-u', role: 'editor', password: PASSWORD },
      'test',
    );
    app = await appOver(ts.store, ts.env);
  });
  after(async () => {
    await app.close();
    await ts.dispose();
  });

  const asFile = (bytes: Buffer, type = 'text/plain', name = basename(SEED_ZH)) => ({
    field: 'file',
    name,
    type,
    bytes,
  });

  test('the form is multipart; the committed seed section uploaded is kept as a draft under its name', async () => {
    const ed = new FormBrowser(app);
    await ed.login('editor-u', PASSWORD);
    const form = load((await ed.get('/console/drafts?lang=zh')).body);
    assert.equal(form('form[action="/console/drafts"]').attr('enctype'), 'multipart/form-data');
    assert.equal(form('#d-file').attr('type'), 'file');
    assert.match(form('label[for="d-file"]').text(), /文本文件/);

    const r = await ed.postMultipart('/console/drafts', { item: '2020-23', lang: '' }, asFile(seed));
    assert.equal(r.statusCode, 303, r.body.slice(0, 500));
    const id = decodeURIComponent(String(r.headers.location).split('?')[0]!.split('/').pop()!);
    const version = await getSectionVersion(ts.store.db, id);
    assert.equal(version?.status, 'draft');
    assert.equal(version?.uri, basename(SEED_ZH), 'kept under the uploaded file’s name');
    assert.equal(version?.text, seed.toString('utf8'), 'the file’s text, byte for byte');
    assert.equal(version?.createdBy, 'editor-u');
    // The same text as the published version: the diff in facts is empty.
    const page = load((await ed.get(`${String(r.headers.location).split('?')[0]}?lang=en`)).body);
    assert.equal(page('table.changes').length, 0);
    assert.match(page('#changes-h').text(), /\(0\)/);
  });

  test('a file the form cannot take is refused, naming the field in the reader’s language', async () => {
    const ed = new FormBrowser(app);
    await ed.login('editor-u', PASSWORD);
    // The seed's first characters in GBK, not UTF-8 ("联合国" is C1AA BACF B9FA in GBK).
    const gbk = Buffer.from([0xc1, 0xaa, 0xba, 0xcf, 0xb9, 0xfa]);
    const cases: [Record<string, string>, ReturnType<typeof asFile>, RegExp, RegExp][] = [
      [
        { item: '2020-23' },
        asFile(Buffer.from('%PDF-1.7'), 'application/pdf', 'section.pdf'),
        /«或该节的文本文件（\.txt，UTF-8）»: 须为纯文本文件（\.txt，UTF-8），而不是application\/pdf/,
        /«or a text file of the section \(\.txt, UTF-8\)»: must be a plain text file \(\.txt, UTF-8\), not application\/pdf/,
      ],
      [{ item: '2020-23' }, asFile(gbk), /该文件不是 UTF-8 文本/, /the file is not UTF-8 text/],
      [
        { item: '2020-23', text: 'pasted' },
        asFile(seed),
        /不能两者同时提供/,
        /either as a file or as pasted text, not both/,
      ],
      [
        { item: '2020-23' },
        asFile(Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20)),
        /最多2 MB/,
        /«or a text file of the section \(\.txt, UTF-8\)»: at most 2 MB/,
      ],
    ];
    for (const [fields, file, zh, en] of cases) {
      for (const [lang, expected] of [
        ['zh', zh],
        ['en', en],
      ] as const) {
        await ed.get(`/console/drafts?lang=${lang}`);
        const r = await ed.postMultipart('/console/drafts', fields, file);
        assert.equal(r.statusCode, 400, `${file.name}: ${r.body.slice(0, 300)}`);
        const $ = load(r.body);
        assert.match($('[role="alert"]').text().replace(/\s+/g, ' '), expected);
        assert.equal($('#d-file').attr('aria-invalid'), 'true');
        assert.equal($('#d-item').attr('value'), '2020-23', 'the item typed is kept');
      }
    }
    const kept = await listSectionVersions(ts.store.db, '2020-23');
    assert.ok(
      kept.every((x) => x.uri !== 'section.pdf'),
      'nothing kept from a refused file',
    );
  });

  test('a multipart form without its CSRF token is refused', async () => {
    const ed = new FormBrowser(app);
    await ed.login('editor-u', PASSWORD);
    const before = (await listSectionVersions(ts.store.db, '2020-23')).length;
    const r = await ed.postMultipart('/console/drafts', { item: '2020-23' }, asFile(seed), 'not-the-token');
    assert.equal(r.statusCode, 403);
    assert.equal((await listSectionVersions(ts.store.db, '2020-23')).length, before);
  });
});
