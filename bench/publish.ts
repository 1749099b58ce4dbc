/**
 * Publishing a draft of a section on the bundled record (`council start`'s seeded record, SQLite): the
 * seed section's Chinese draft with one vote changed, published with the units it changed re-indexed in
 * its transaction (indexer.ts indexChanges), beside its baseline in the same run on the same record: the
 * full rebuild (reindexAll) publishing ran before, whose write transaction held SQLite's write lock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { checkDraftText, publishDraft } from '../src/ingest/repertoire/drafts.ts';
import { indexChanges, reindexAll } from '../src/search/indexer.ts';
import { seedRecord } from '../src/seed/index.ts';
import { openStore } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { seedText } from '../test/repertoire/helpers.ts';

const round = (n: number) => Math.round(n * 100) / 100;

export async function benchPublish(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'council-bench-publish-'));
  const store = openStore({ kind: 'sqlite', path: join(dir, 'council.db') });
  try {
    await migrate(store);
    await seedRecord(store, pino({ level: 'silent' }));
    const units = await store.db
      .selectFrom('search_doc')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const draft = await checkDraftText(
      store,
      seedText('zh').replace('15-0-0 S/2020/851', '14-0-1 S/2020/851'),
      'bench-draft-zh.txt',
      { agendaItemId: '2020-23' },
    );
    const t0 = performance.now();
    await publishDraft(store, draft.draftId, 'bench', indexChanges);
    const publish = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await reindexAll(store);
    const rebuild = (performance.now() - t1) / 1000;
    return {
      units: Number(units.n),
      publish_s: round(publish),
      baseline_full_reindex_s: round(rebuild),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
