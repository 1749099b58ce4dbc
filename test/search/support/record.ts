/**
 * The real record for search tests and the relevance bench: every seeder of src/seed/seeders (the UN
 * Library tables, the Repertoire seed once its seeder lands, then the search seeder that reindexes).
 * Until a seeder stores a Repertoire section, the seed section (2020, item 23, zh) is extracted from the
 * shared corpus with the Repertoire pipeline and stored here, with the ids the ingester uses.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { CORPUS_DIR } from '../../../src/config/paths.ts';
import { extractSection } from '../../../src/ingest/repertoire/pipeline.ts';
import { reindexAll } from '../../../src/search/indexer.ts';
import { seedRecord, type SeederModule } from '../../../src/seed/index.ts';
import { loadModules } from '../../../src/lib/load-modules.ts';
import { importTableFiles } from '../../../src/ingest/sources.ts';
import { DHL_DIR } from '../../../src/seed/seeders/10_dhl.ts';
import type { Store } from '../../../src/store/db.ts';
import { mergeAgendaItem, upsertSource } from '../../../src/store/record.ts';

export const SEED_FILE = join(CORPUS_DIR, 'zh', 'repertoire-2020-part1-item23-peacekeeping.txt');

/** The UN Library tables of the record the judged set was judged on (test/fixtures/search/judged.json). */
export const JUDGED_TABLES = [
  'scact2019_table_en.html',
  'scact2020_table_en.html',
  'scact2020_covid_table_en.html',
  'scact2021_table_en.html',
];

/**
 * The record the judged queries were judged against, as its description says: the Repertoire seed, the UN
 * Library's tables of 2019–2021, the veto list and the January 2020 verbatim records. Relevance is measured
 * on the units that were judged; the whole history and the 2020 letters hold units no judge has read.
 */
export async function loadJudgedRecord(store: Store): Promise<void> {
  const log = pino({ level: 'silent' });
  for (const { name, module } of await loadModules<SeederModule>(
    join(import.meta.dirname, '../../../src/seed/seeders'),
  )) {
    if (name.endsWith('_dhl'))
      await importTableFiles(
        store,
        JUDGED_TABLES.map((f) => join(DHL_DIR, f)),
        { kind: 'dhl' },
      );
    else if (/_(repertoire|vetoes|verbatim)$/.test(name)) await module.seed(store, log);
  }
  await reindexAll(store);
}

export async function loadRecord(store: Store): Promise<{ seeded: 'seeders' | 'seeders+pipeline' }> {
  await seedRecord(store, pino({ level: 'silent' }));
  const sections = await store.db.selectFrom('section').select('id').execute();
  if (sections.length > 0) return { seeded: 'seeders' };
  await storeSeedSection(store);
  await reindexAll(store);
  return { seeded: 'seeders+pipeline' };
}

async function storeSeedSection(store: Store): Promise<void> {
  const raw = readFileSync(SEED_FILE, 'utf8');
  const s = extractSection(raw, { lang: 'zh', year: 2020 });
  const sourceId = 'repertoire:zh:2020:23';
  const sectionId = `repertoire:${s.year}:${s.item.number}:zh`;
  const itemId = `${s.year}-${s.item.number}`;
  await store.db.transaction().execute(async (trx) => {
    await upsertSource(trx, {
      id: sourceId,
      kind: 'repertoire',
      uri: SEED_FILE,
      title: s.item.title,
      lang: 'zh',
      sha256: createHash('sha256').update(raw).digest('hex'),
      imported_at: new Date().toISOString(),
    });
    await mergeAgendaItem(
      trx,
      {
        id: itemId,
        year: s.year,
        number: s.item.number,
        title_zh: s.item.title,
        title_en: null,
        category: s.item.category,
      },
      { sourceId, locator: 'heading' },
    );
    await trx
      .insertInto('section')
      .values({
        id: sectionId,
        source_id: sourceId,
        agenda_item_id: itemId,
        year: s.year,
        lang: 'zh',
        title: s.item.title,
      })
      .execute();
    if (s.paragraphs.length > 0) {
      await trx
        .insertInto('paragraph')
        .values(
          s.paragraphs.map((p, i) => ({
            id: `${sectionId}:p${i}`,
            section_id: sectionId,
            ordinal: i,
            text: p.text,
            lang: 'zh' as const,
          })),
        )
        .execute();
    }
    if (s.footnotes.length > 0) {
      await trx
        .insertInto('footnote')
        .values(
          s.footnotes.map((f) => ({
            id: `${sectionId}:fn${f.number}`,
            section_id: sectionId,
            number: f.number,
            text: f.text,
            paragraph_ordinal: f.paragraph ?? null,
            marker_offset: null,
          })),
        )
        .execute();
      const citations = s.footnotes.flatMap((f) =>
        f.cites.map((c, i) => ({
          id: `${sectionId}:fn${f.number}:c${i}`,
          footnote_id: `${sectionId}:fn${f.number}`,
          ordinal: i,
          symbol: c.symbol,
          paragraphs: c.paragraphs ? JSON.stringify(c.paragraphs) : null,
        })),
      );
      if (citations.length > 0) await trx.insertInto('citation').values(citations).execute();
    }
  });
}
