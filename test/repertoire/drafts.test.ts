// Drafts of a section: checked and kept beside the published version without touching the record, their
// findings and their diff in facts, then published while the earlier version stays readable.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { ingestPaths } from '../../src/ingest/repertoire/index.ts';
import { checkDraftFile, publishDraft } from '../../src/ingest/repertoire/drafts.ts';
import { factLine } from '../../src/server/web/facts.ts';
import { getSectionVersion, listSectionVersions } from '../../src/store/queries/versions.ts';
import { SEED_EN, SEED_ZH, seedText } from './helpers.ts';
import { appOver, parse, text } from '../web/app.ts';

let dir: string;
let store: Store;
let draftFile: string;

/** The English seed as an editor corrected it: a vote, a briefer left out, a cited paragraph. */
function draftText(): string {
  return seedText('en')
    .replace('Resolution 2538 (2020) 15-0-0 S/2020/851', 'Resolution 2538 (2020) 14-0-1 S/2020/851')
    .replace(' and the Deputy Force Commander of UNDOF, in addition', ', in addition')
    .replace('The Deputy Force Commander of UNDOF briefed Council members', 'Council members were briefed')
    .replace('656 Resolution 2538 (2020), para. 2.', '656 Resolution 2538 (2020), para. 3.');
}

async function recordRows(s: Store) {
  const out: Record<string, unknown[]> = {};
  for (const t of [
    'source',
    'meeting',
    'decision',
    'participant',
    'section',
    'paragraph',
    'footnote',
    'citation',
    'position',
    'provenance',
  ] as const)
    out[t] = await s.db.selectFrom(t).selectAll().execute();
  return JSON.stringify(out);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'council-drafts-'));
  store = openStore({ kind: 'sqlite', path: join(dir, 'record.db') });
  await migrate(store);
  draftFile = join(dir, 'draft-en.txt');
  writeFileSync(draftFile, draftText());
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('section drafts', () => {
  it('ingesting a section keeps its text as the published version', async () => {
    await ingestPaths(store, [SEED_ZH, SEED_EN]);
    const versions = await listSectionVersions(store.db, '2020-23');
    assert.deepEqual(
      versions.map((v) => [v.id, v.status]),
      [
        ['repertoire:2020:23:en@v1', 'published'],
        ['repertoire:2020:23:zh@v1', 'published'],
      ],
    );
    // The same file again is the same version.
    await ingestPaths(store, [SEED_EN]);
    assert.equal((await listSectionVersions(store.db, '2020-23')).length, 2);
  });

  it('a draft is checked and kept without changing the record, with findings and a diff in facts', async () => {
    const before = await recordRows(store);
    const r = await checkDraftFile(store, draftFile);
    assert.equal(r.draftId, 'repertoire:2020:23:en@v2');
    assert.equal(r.publishedId, 'repertoire:2020:23:en@v1');
    assert.equal(await recordRows(store), before, 'the record is unchanged by a draft');
    // The vote now contradicts the narrative's "unanimously": a finding, with the paragraph it is from.
    const vote = r.findings.find((f) => f.code === 'vote-contradiction');
    assert.ok(vote, JSON.stringify(r.findings));
    assert.match(vote.where, /^paragraph \d+$/);
    // The diff is data (kind, key, both versions' values); `council ingest --draft` says it in English.
    assert.deepEqual(
      r.changes.map((c) => [c.change, c.kind, c.key, (c.after ?? c.before)!.where]),
      [
        ['changed', 'decision', 'S/RES/2538 (2020)', 'table row 4'],
        ['removed', 'briefer', 'S/2020/514: official deputy-force-commander UNDOF', 'paragraph 4'],
        ['changed', 'citation', 'footnote 656: S/RES/2538 (2020)', 'footnote 656'],
      ],
    );
    const voted = r.changes[0]!;
    assert.ok(voted.before?.value.kind === 'decision' && voted.after?.value.kind === 'decision');
    assert.deepEqual(
      [voted.before.value.vote, voted.after.value.vote],
      [
        { for: 15, against: 0, abstaining: 0 },
        { for: 14, against: 0, abstaining: 1 },
      ],
    );
    assert.deepEqual(r.changes.map(factLine), [
      '~ decision: Resolution 2538 (2020): meeting S/2020/856, vote 15-0-0, written procedure S/2020/851 ' +
        '(table row 4) -> meeting S/2020/856, vote 14-0-1, written procedure S/2020/851 (table row 4)',
      '- briefer: Deputy Force Commander, United Nations Disengagement Observer Force at S/2020/514: ' +
        'Deputy Force Commander, UNDOF (paragraph 4)',
      '~ citation: S/RES/2538 (2020) in footnote 656: para. 2 (footnote 656) -> para. 3 (footnote 656)',
    ]);
    const again = await checkDraftFile(store, draftFile);
    assert.deepEqual([again.draftId, again.outcome], [r.draftId, 'noop']);
  });

  it('publishing makes the draft the record, and the earlier version stays readable with its provenance', async () => {
    const r = await publishDraft(store, 'repertoire:2020:23:en@v2');
    assert.equal(r.versionId, 'repertoire:2020:23:en@v2');
    const d = await store.db
      .selectFrom('decision')
      .select(['vote_for', 'vote_abstaining'])
      .where('id', '=', 'S/RES/2538 (2020)')
      .executeTakeFirstOrThrow();
    // The Chinese edition stated 15-0-0 first: the English draft's 14-0-1 is kept beside it as a conflict.
    const conflicts = await store.db
      .selectFrom('conflict')
      .select(['field', 'value', 'source_id'])
      .where('entity_id', '=', 'S/RES/2538 (2020)')
      .orderBy('value')
      .execute();
    assert.deepEqual([d.vote_for, d.vote_abstaining], [15, 0]);
    assert.ok(
      conflicts.some(
        (c) => c.field === 'vote_for' && c.value === '14' && c.source_id === 'repertoire:en:2020:23',
      ),
    );
    // The UNDOF briefer is now given by the Chinese edition only.
    const undof = await store.db
      .selectFrom('participant')
      .select('id')
      .where('mission', '=', 'UNDOF')
      .executeTakeFirstOrThrow();
    const prov = await store.db
      .selectFrom('provenance')
      .select('source_id')
      .where('entity_type', '=', 'participant')
      .where('entity_id', '=', undof.id)
      .execute();
    assert.deepEqual(
      prov.map((p) => p.source_id),
      ['repertoire:zh:2020:23'],
    );
    const earlier = (await getSectionVersion(store.db, 'repertoire:2020:23:en@v1'))!;
    assert.equal(earlier.status, 'superseded');
    assert.equal(earlier.uri, 'repertoire-2020-part1-item23-peacekeeping.txt');
    assert.equal(earlier.text, seedText('en'));
    assert.ok(earlier.supersededAt && earlier.publishedAt);
    const current = (await getSectionVersion(store.db, 'repertoire:2020:23:en@v2'))!;
    assert.deepEqual([current.status, current.uri], ['published', 'draft-en.txt']);
    await assert.rejects(publishDraft(store, 'repertoire:2020:23:en@v2'), /is published, not a draft/);
    await assert.rejects(publishDraft(store, 'repertoire:2020:23:en@v9'), /no section version/);
  });

  it('the API and the item page say which version is shown and link the earlier one; drafts stay private', async () => {
    const app = await appOver(store, {});
    try {
      const api = (await app.inject({ url: '/api/items/2020/23?lang=en' })).json() as {
        section: { lang: string };
        version: { id: string; status: string };
        versions: { id: string; status: string }[];
      };
      assert.equal(api.section.lang, 'en');
      assert.deepEqual([api.version.id, api.version.status], ['repertoire:2020:23:en@v2', 'published']);
      assert.deepEqual(
        api.versions.map((v) => [v.id, v.status]),
        [
          ['repertoire:2020:23:en@v1', 'superseded'],
          ['repertoire:2020:23:en@v2', 'published'],
        ],
      );
      const v1 = await app.inject({
        url: `/api/section-versions/${encodeURIComponent('repertoire:2020:23:en@v1')}`,
      });
      assert.equal(v1.statusCode, 200);
      const body = v1.json() as { text: string; sha256: string; uri: string; status: string };
      assert.equal(body.text, seedText('en'));
      assert.match(body.sha256, /^[0-9a-f]{64}$/);
      // A draft is the editor's, not the published record.
      writeFileSync(join(dir, 'draft3-en.txt'), draftText().replace('para. 3.', 'para. 4.'));
      const d3 = await checkDraftFile(store, join(dir, 'draft3-en.txt'));
      const hidden = await app.inject({ url: `/api/section-versions/${encodeURIComponent(d3.draftId)}` });
      assert.equal(hidden.statusCode, 404);
      for (const [lang, shown, earlier] of [
        ['en', /Shown: version 2 \(published \d{1,2} [A-Z][a-z]+ \d{4}, file draft-en\.txt\)/, 'version 1'],
        ['zh', /显示的是第1版/, null],
      ] as const) {
        const $ = parse((await app.inject({ url: `/items/2020/23?lang=${lang}` })).body);
        const line = text($('#version'));
        assert.match(line, shown);
        if (earlier) {
          const a = $('#version a');
          assert.equal(text(a), earlier);
          assert.equal(
            a.attr('href'),
            `/api/section-versions/${encodeURIComponent('repertoire:2020:23:en@v1')}`,
          );
        }
      }
    } finally {
      await app.close();
    }
  });
});

const BIN = resolve(ROOT_DIR, 'bin/council.mjs');
function council(env: Record<string, string>, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { timeout: 120_000, env: { ...process.env, ...env } },
      (err, stdout, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('council ingest --draft / council section', () => {
  it('prints findings and the diff, publishes, and refuses what it cannot do with exit codes', async () => {
    const env = { COUNCIL_DB: join(dir, 'cli.db') };
    assert.equal((await council(env, 'ingest', SEED_EN)).code, 0);
    const d = await council(env, 'ingest', '--draft', draftFile);
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout, /kept as draft repertoire:2020:23:en@v2 \(the record is unchanged\)/);
    assert.match(d.stdout, /error paragraph \d+: .*\[vote-contradiction\]/);
    assert.match(
      d.stdout,
      /~ decision: Resolution 2538 \(2020\): .*vote 15-0-0.* \(table row 4\) -> .*vote 14-0-1/,
    );
    assert.match(d.stdout, /- briefer: Deputy Force Commander, .* at S\/2020\/514: /);
    const p = await council(env, 'section', 'publish', 'repertoire:2020:23:en@v2');
    assert.equal(p.code, 0, p.stderr);
    const v = await council(env, 'section', 'versions', '2020-23');
    assert.match(v.stdout, /en@v1 {2}superseded/);
    assert.match(v.stdout, /en@v2 {2}published/);
    const again = await council(env, 'section', 'publish', 'repertoire:2020:23:en@v2');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is published, not a draft/);
    const bad = await council(env, 'section', 'versions', 'item23');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /item must look like 2020-23/);
  });
});
