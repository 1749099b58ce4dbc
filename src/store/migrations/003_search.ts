import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * The tokeniser's TERM_PUNCTUATION (src/search/tokenise.ts) as it was when this migration was written,
 * copied rather than imported: a migration runs once per database and must create the same table
 * whenever it runs, not change when the tokeniser does. The tokeniser changing its punctuation needs a
 * new migration that rebuilds search_fts (test/search/tokenise-fts.test.ts fails until one does).
 */
const TERM_PUNCTUATION = '/.()-:';

/**
 * The search index. Text is stored pre-tokenised (space-joined terms) so SQLite FTS5 and PostgreSQL see
 * the same terms: FTS5's unicode61 tokenizer keeps TERM_PUNCTUATION inside tokens, and PostgreSQL's
 * tsvector is built from the terms directly (never through a text-search parser).
 */
export async function up({ db, dialect }: Store): Promise<void> {
  const pg = dialect === 'postgres';
  await sql`
    create table search_doc (
      n ${sql.raw(pg ? 'bigint generated always as identity primary key' : 'integer primary key')},
      id text not null unique,
      kind text not null,
      entity_id text not null,
      lang text not null,
      year integer,
      date text,
      agenda_item_id text,
      item_number integer,
      format text,
      decision_kind text,
      states text not null,
      section_id text,
      link text not null,
      title text not null,
      body text not null,
      words text not null,
      extra text not null,
      length integer not null
      ${sql.raw(pg ? ', tsv tsvector not null' : '')}
    )`.execute(db);
  await sql`create index search_doc_entity on search_doc (entity_id)`.execute(db);
  await sql`create index search_doc_section on search_doc (section_id)`.execute(db);
  await sql`create table search_term (term text primary key, df integer not null)`.execute(db);
  await sql`create table search_stat (key text primary key, value bigint not null)`.execute(db);
  await sql`insert into search_stat (key, value) values ('docs', 0), ('terms', 0)`.execute(db);
  if (pg) {
    await sql`create index search_doc_tsv on search_doc using gin (tsv)`.execute(db);
  } else {
    const tokenize = `unicode61 remove_diacritics 0 tokenchars '${TERM_PUNCTUATION}'`;
    await sql`
      create virtual table search_fts using fts5(
        words, extra, content='', contentless_delete=1, tokenize=${sql.lit(tokenize)}
      )`.execute(db);
  }
}
