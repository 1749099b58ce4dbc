import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * Exact ranking of common words without reading every match: search_block holds, for each term whose
 * impact list is cut (search_term.floor > 0), every unit holding it with its weight, in blocks of unit
 * numbers (src/search/blocks.ts). An existing index has no blocks yet: search_stat 'blocks' says whether
 * they are complete (1) and search ranks every match until they are; the index is marked stale, so the
 * search layer rebuilds it at the next `council start` or import (a migration does not run search code).
 */
export async function up({ db, dialect }: Store): Promise<void> {
  const pg = dialect === 'postgres';
  await sql`
    create table search_block (
      term text not null,
      start ${sql.raw(pg ? 'bigint' : 'integer')} not null,
      top ${sql.raw(pg ? 'double precision' : 'real')} not null,
      data ${sql.raw(pg ? 'bytea' : 'blob')} not null,
      primary key (term, start)
    )`.execute(db);
  const docs = await sql<{ n: number }>`select count(*) as n from search_doc`.execute(db);
  const empty = Number(docs.rows[0]?.n ?? 0) === 0;
  await sql`insert into search_stat (key, value) values ('blocks', ${empty ? 1 : 0})`.execute(db);
  if (!empty)
    await sql`insert into search_stat (key, value) values ('stale', ${Date.now()})
              on conflict (key) do update set value = excluded.value`.execute(db);
}
