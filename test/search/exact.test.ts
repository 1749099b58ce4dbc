/**
 * Exact ranking: on a synthetic corpus large enough that common words' impact lists are cut (their floors
 * rise above 0), every page search() gives equals a brute-force BM25 over every match, on both backends:
 * for 200 reproducible common-word queries, the judged queries' text, filtered and later pages, and again
 * after units are replaced and removed. The benchmark repeats the check at 1M paragraphs.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SyntheticCorpus } from '../../bench/corpus/synthetic.ts';
import { checkExactRanking, commonWordQueries, readJudgedSet } from '../../src/search/evaluate.ts';
import { AVGDL_SCALE, impact } from '../../src/search/bm25.ts';
import { readBlocks } from '../../src/search/blocks.ts';
import { indexDocs, rebuildPostings, removeDocs } from '../../src/search/indexer.ts';
import { termFrequencies } from '../../src/search/prepare.ts';
import { LIST_KEEP } from '../../src/search/postings.ts';
import { search, type SearchParams } from '../../src/search/search.ts';
import { backends, type TestStore } from '../support/stores.ts';

const SIZE = 20_000;
const JUDGED = join(import.meta.dirname, '../fixtures/search/judged.json');

function assertExact(check: Awaited<ReturnType<typeof checkExactRanking>>): void {
  assert.equal(
    check.same,
    check.total,
    `${check.total - check.same} of ${check.total} pages differ from the brute force: ${JSON.stringify(check.differing, null, 1)}`,
  );
}

/**
 * Every term whose list is cut has its every unit in its blocks, with the weight it has there, and no
 * other term has blocks (blocks.ts).
 */
async function assertBlocksComplete(ts: TestStore): Promise<void> {
  const cut = await ts.store.db
    .selectFrom('search_term')
    .select(['term', 'df'])
    .where('floor', '>', 0)
    .execute();
  const held = await readBlocks(
    ts.store.db,
    cut.map((t) => t.term),
  );
  for (const t of cut) assert.equal(held.get(t.term)?.ns.length, Number(t.df), t.term);
  const stray = await ts.store.db
    .selectFrom('search_block')
    .select('term')
    .where('term', 'not in', ['', ...cut.map((t) => t.term)])
    .limit(1)
    .execute();
  assert.deepEqual(stray, []);
  // The units of one term, checked against their stored terms: numbers and weights.
  const term = cut[0]!.term;
  const units = await ts.store.db
    .selectFrom('search_doc')
    .select(['n', 'words', 'extra', 'length'])
    .execute();
  const avgdl =
    Number(
      (await ts.store.db
        .selectFrom('search_stat')
        .select('value')
        .where('key', '=', 'avgdl')
        .executeTakeFirst())!.value,
    ) / AVGDL_SCALE;
  const expected = units
    .map((u) => {
      const f = termFrequencies(u.words, u.extra);
      const i = f.terms.indexOf(term);
      return i < 0 ? undefined : { n: Number(u.n), s: impact(f.tf[i]!, Number(u.length), avgdl) };
    })
    .filter((x) => x !== undefined)
    .sort((a, b) => a.n - b.n);
  const got = held.get(term)!;
  assert.deepEqual(
    [...got.ns],
    expected.map((x) => x.n),
  );
  expected.forEach((x, i) => assert.ok(got.ws[i]! >= x.s && got.ws[i]! - x.s < 1e-6, `${term} ${x.n}`));
}

for (const backend of await backends()) {
  describe(`exact ranking on ${backend.name}`, { skip: backend.skip }, () => {
    let ts: TestStore;
    let common: SearchParams[];
    before(async () => {
      ts = await backend.open();
      const corpus = new SyntheticCorpus();
      for (let i = 0; i < SIZE; i += 5000) {
        await indexDocs(ts.store.db, [...corpus.paragraphs(i, i + 5000)], { fresh: true });
      }
      common = await commonWordQueries(ts.store, 200);
    });
    after(async () => ts?.dispose());

    it('cuts the lists of common words and keeps their floors', async () => {
      const cut = await ts.store.db
        .selectFrom('search_term')
        .select(['term', 'df', 'kept', 'floor'])
        .where('floor', '>', 0)
        .execute();
      assert.ok(cut.length > 50, `${cut.length} lists cut`);
      for (const t of cut) assert.ok(t.kept >= LIST_KEEP && t.kept < t.df, JSON.stringify(t));
      // Each term's kept count is what search_posting holds, and every unit on a list weighs more than its floor.
      const sizes = await ts.store.db
        .selectFrom('search_posting')
        .select(['term', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('impact').as('least')])
        .where(
          'term',
          'in',
          cut.map((t) => t.term),
        )
        .groupBy('term')
        .execute();
      const byTerm = new Map(sizes.map((s) => [s.term, s]));
      for (const t of cut) {
        assert.equal(Number(byTerm.get(t.term)?.n), Number(t.kept), t.term);
        assert.ok(Number(byTerm.get(t.term)?.least) > Number(t.floor), t.term);
      }
      await assertBlocksComplete(ts);
    });

    it('ranks 200 common-word queries exactly as a brute force over every match, from the lists and blocks', async () => {
      assertExact(await checkExactRanking(ts.store, common));
      const from = { lists: 0, blocks: 0, matches: 0 };
      for (const q of common) from[(await search(ts.store, q)).rankedFrom]++;
      assert.ok(from.lists >= common.length / 2, JSON.stringify(from));
      // Every common-word query is proved without ranking every match.
      assert.equal(from.matches, 0, JSON.stringify(from));
    });

    it('ranks the judged queries, filtered queries and later pages exactly', async () => {
      const judged = readJudgedSet(JUDGED).queries.map((q) => ({ q: q.q, limit: 10 }));
      const variants: SearchParams[] = common.slice(0, 20).flatMap((q) => [
        { ...q, offset: 10 },
        { ...q, lang: 'en' as const },
        { ...q, year: 2020 },
        { ...q, limit: 50 },
      ]);
      assertExact(await checkExactRanking(ts.store, [...judged, ...variants]));
    });

    it('stays exact after units are replaced and removed', async () => {
      // Units 0–1999 get the text of other units (a different seed), so lists lose and gain units.
      const other = new SyntheticCorpus(7);
      const replaced = [...other.paragraphs(0, 2000)];
      await indexDocs(ts.store.db, replaced);
      const removed = Array.from({ length: 500 }, (_, i) => `synthetic:${5000 + i}`);
      assert.equal(await removeDocs(ts.store.db, removed), 500);
      await assertBlocksComplete(ts);
      assertExact(await checkExactRanking(ts.store, common.slice(0, 100)));
    });

    it('rebuilds the lists from the stored terms (migration 010 on an existing index) and stays exact', async () => {
      await rebuildPostings(ts.store.db);
      const cut = await ts.store.db.selectFrom('search_term').select('term').where('floor', '>', 0).execute();
      assert.ok(cut.length > 50);
      await assertBlocksComplete(ts);
      assertExact(await checkExactRanking(ts.store, common.slice(0, 50)));
    });
  });
}
