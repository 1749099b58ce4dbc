import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * Exact ranking without reading every match: impact lists (src/search/postings.ts). search_posting holds,
 * per term, the units where it weighs most (BM25 impact at the index's reference length, search_stat
 * 'avgdl'); search_term says how many it holds (`kept`) and the most any other unit weighs (`floor`).
 *
 * An existing index is marked stale here, not rebuilt: the lists are derived by search code
 * (src/search/postings.ts), which a migration must not run (the store sits below search, and a migration
 * must not change when search does). A stale index is rebuilt by the search layer at the next
 * `council start` or import, and `council doctor` reports it until then (see indexStaleSince).
 */
export async function up({ db, dialect }: Store): Promise<void> {
  const pg = dialect === 'postgres';
  const real = sql.raw(pg ? 'double precision' : 'real');
  await sql`
    create table search_posting (
      term text not null,
      n ${sql.raw(pg ? 'bigint' : 'integer')} not null,
      impact ${real} not null,
      primary key (term, n)
    )${sql.raw(pg ? '' : ' without rowid')}`.execute(db);
  await sql`create index search_posting_n on search_posting (n)`.execute(db);
  await sql`alter table search_term add column kept integer not null default 0`.execute(db);
  await sql`alter table search_term add column floor ${real} not null default 0`.execute(db);
  await sql`insert into search_stat (key, value) values ('avgdl', 0)`.execute(db);
  const docs = await sql<{ n: number }>`select count(*) as n from search_doc`.execute(db);
  if (Number(docs.rows[0]?.n ?? 0) > 0)
    await sql`insert into search_stat (key, value) values ('stale', ${Date.now()})
              on conflict (key) do update set value = excluded.value`.execute(db);
}
