import { sql } from 'kysely';
import type { Store } from '../db.ts';

/**
 * Document frequencies per language beside the total. Every unit is in one language, so a conjunction
 * whose words never occur together in either language (an English and a Chinese word) is known to match
 * nothing without reading the index: a scan of two long posting lists that would find nothing.
 * Filled here from the stored terms of an existing index.
 */
export async function up({ db }: Store): Promise<void> {
  await sql`alter table search_term add column df_zh integer not null default 0`.execute(db);
  await sql`alter table search_term add column df_en integer not null default 0`.execute(db);
  const counts = new Map<string, { zh: number; en: number }>();
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('search_doc')
      .select(['n', 'lang', 'words', 'extra'])
      .where('n', '>', after)
      .orderBy('n')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      for (const term of new Set(`${r.words} ${r.extra}`.split(' '))) {
        if (term === '') continue;
        const c = counts.get(term) ?? { zh: 0, en: 0 };
        c[r.lang === 'zh' ? 'zh' : 'en'] += 1;
        counts.set(term, c);
      }
    }
    after = Number(rows[rows.length - 1]!.n);
  }
  for (const [term, c] of counts) {
    await db.updateTable('search_term').set({ df_zh: c.zh, df_en: c.en }).where('term', '=', term).execute();
  }
}
