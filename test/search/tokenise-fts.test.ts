import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { TERM_PUNCTUATION, tokenise } from '../../src/search/tokenise.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';

/**
 * Migration 003 creates SQLite's full-text table with the tokeniser's punctuation frozen in it (a migration
 * must not change when the tokeniser does). The two must still agree: when the tokeniser keeps other
 * characters inside its terms, a new migration has to rebuild the table, and this test says so.
 */
describe('the full-text table and the tokeniser', () => {
  let ts: TestStore;
  before(async () => {
    ts = await sqliteTestStore();
  });
  after(async () => ts.dispose());

  it('keeps inside a token exactly the characters the tokeniser keeps inside a term', async () => {
    const table = await sql<{
      sql: string;
    }>`select sql from sqlite_master where name = 'search_fts'`.execute(ts.store.db);
    const tokenchars = /tokenchars ''([^']*)''/.exec(table.rows[0]?.sql ?? '')?.[1];
    assert.equal(tokenchars, TERM_PUNCTUATION);
  });

  it('finds a symbol term whole, as the tokeniser wrote it', async () => {
    const symbol = tokenise('S/RES/2518 (2020)').extra.find((t) => t.term.startsWith('s/res/'))?.term;
    assert.equal(symbol, 's/res/2518(2020)');
    await sql`insert into search_fts (rowid, words, extra) values (1, 'resolution', ${symbol})`.execute(
      ts.store.db,
    );
    const hits = await sql<{
      rowid: number;
    }>`select rowid from search_fts where search_fts match ${`"${symbol}"`}`.execute(ts.store.db);
    assert.deepEqual(
      hits.rows.map((r) => Number(r.rowid)),
      [1],
    );
    // Cut at its punctuation, the symbol would also match a text holding only its pieces.
    await sql`insert into search_fts (rowid, words, extra) values (2, 's res 2518 2020', '')`.execute(
      ts.store.db,
    );
    const pieces = await sql<{
      rowid: number;
    }>`select rowid from search_fts where search_fts match ${`extra:"${symbol}"`}`.execute(ts.store.db);
    assert.deepEqual(
      pieces.rows.map((r) => Number(r.rowid)),
      [1],
    );
  });
});
