import { runPipeline } from '../../../src/ingest/repertoire/pipeline.ts';
import type { Lang } from '../../../src/ingest/repertoire/types.ts';
import { tryParseSymbol } from '../../../src/domain/symbols.ts';
import type { Store } from '../../../src/store/db.ts';
import {
  decisionId,
  mergeAgendaItem,
  mergeDecision,
  mergeMeeting,
  meetingId,
  replaceParticipants,
  upsertSource,
} from '../../../src/store/record.ts';

/**
 * Stores the Repertoire pipeline's output through the record API, for the publish tests until the
 * ingest command (`council ingest`) exports its own writer; then the tests use that instead.
 */
export async function storeExtracted(store: Store, raw: string, lang: Lang, sourceId: string, year = 2020): Promise<void> {
  const run = runPipeline(raw, { lang, year });
  const s = run.section;
  const itemId = `${s.year}-${s.item.number}`;
  const sectionId = `repertoire:${s.year}:${s.item.number}:${lang}`;
  const offsets = new Map(run.footnotes.map((f) => [f.number, f.offset]));
  await store.db.transaction().execute(async (trx) => {
    await upsertSource(trx, { id: sourceId, kind: 'repertoire', uri: sourceId, title: null, lang, sha256: sourceId, imported_at: '2026-01-01T00:00:00Z' });
    const prov = (locator: string) => ({ sourceId, locator });
    await mergeAgendaItem(
      trx,
      {
        id: itemId,
        year: s.year,
        number: s.item.number,
        title_zh: lang === 'zh' ? s.item.title : null,
        title_en: lang === 'en' ? s.item.title : null,
        category: s.item.category,
      },
      prov('heading'),
    );
    await trx.insertInto('section').values({ id: sectionId, source_id: sourceId, agenda_item_id: itemId, year: s.year, lang, title: s.item.title }).execute();
    for (const [i, p] of s.paragraphs.entries()) {
      await trx.insertInto('paragraph').values({ id: `${sectionId}:p${i}`, section_id: sectionId, ordinal: i, text: p.text, lang }).execute();
    }
    for (const f of s.footnotes) {
      const id = `${sectionId}:fn${f.number}`;
      await trx
        .insertInto('footnote')
        .values({ id, section_id: sectionId, number: f.number, text: f.text, paragraph_ordinal: f.paragraph, marker_offset: offsets.get(f.number) ?? null })
        .execute();
      for (const [i, c] of f.cites.entries()) {
        await trx
          .insertInto('citation')
          .values({ id: `${id}:c${i}`, footnote_id: id, ordinal: i, symbol: c.symbol, paragraphs: c.paragraphs ? JSON.stringify(c.paragraphs) : null })
          .execute();
      }
    }
    const idByDate = new Map<string, string>();
    for (const m of s.meetings) {
      const format = m.format === 'meeting' ? 'formal_public' : m.format;
      const id = meetingId({ recordSymbol: m.record, date: m.date, format, agendaItemId: itemId });
      idByDate.set(m.date, id);
      await mergeMeeting(
        trx,
        {
          id,
          date: m.date,
          format,
          record_symbol: m.record,
          letter_date: m.letterDate,
          title_zh: lang === 'zh' ? m.title : null,
          title_en: lang === 'en' ? m.title : null,
          agenda_item_id: itemId,
          topic: m.topic,
          presidency: null,
          initiative: m.initiative,
          chair: m.chair,
          notes: m.notes.length > 0 ? JSON.stringify(m.notes) : null,
        },
        prov(`table row ${m.tableRow ?? '-'}`),
      );
      for (const d of m.decisions) {
        const kind = tryParseSymbol(d.symbol)?.kind;
        await mergeDecision(
          trx,
          {
            id: decisionId({ symbol: d.symbol }),
            kind: kind === 'resolution' ? 'resolution' : kind === 'presidential_statement' ? 'presidential_statement' : 'other',
            symbol: d.symbol,
            draft_symbol: null,
            meeting_id: id,
            agenda_item_id: itemId,
            date: m.date,
            modality: d.writtenProcedure ? 'written_procedure' : d.for !== null ? 'vote' : 'without_vote',
            adopted: 1,
            vote_for: d.for,
            vote_against: d.against,
            vote_abstaining: d.abstaining,
            vote_absent: null,
            written_procedure_letter: d.writtenProcedure ?? null,
            record_letter: m.record,
            title: null,
            vetoed_by: null,
          },
          prov(`table row ${m.tableRow ?? '-'}`),
        );
      }
      await replaceParticipants(
        trx,
        id,
        sourceId,
        m.briefers.map((b, i) => ({
          kind: 'briefer' as const,
          role_zh: lang === 'zh' ? b.role : null,
          role_en: b.roleEn,
          office: b.office,
          organisation: null,
          mission: b.mission,
          state: b.state,
          name: null,
          gender: null,
          ordinal: i,
        })),
      );
    }
    for (const [i, p] of s.positions.entries()) {
      await trx
        .insertInto('position')
        .values({
          id: `${sectionId}:pos${i}`,
          meeting_id: p.meeting ? (idByDate.get(p.meeting) ?? null) : null,
          agenda_item_id: itemId,
          paragraph_id: `${sectionId}:p${p.paragraph}`,
          footnote_id: p.footnote !== null ? `${sectionId}:fn${p.footnote}` : null,
          summary: p.text,
          lang,
          states: JSON.stringify(p.states),
        })
        .execute();
    }
  });
}
