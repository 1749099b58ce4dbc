/**
 * Storing a section in the record (after the pipeline). Reads: an extracted Section and its file.
 * Writes, in one transaction per file, through src/store/record.ts: the source; the agenda item
 * `${year}-${number}`; meetings, decisions, documents (merged with other sources, with provenance:
 * "table row 1", "paragraph 3", "footnote 646"); the briefers and chair of each meeting (this source's
 * participant list); and the rows the section owns outright — section, paragraphs, footnotes, citations —
 * replaced as a whole when they changed. The zh and en editions share one set of briefers and positions
 * (record.ts mergeParticipants / mergePositions), each with both editions' provenance. What changed
 * (RecordChanges) goes to the caller's `follow` in the same transaction: the search index re-indexes it.
 * Same file again → every count is noop.
 */
import { chunks } from '../../lib/chunks.ts';
import { agendaTitles } from '../../domain/agenda-titles.ts';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Insertable } from 'kysely';
import { tryParseSymbol } from '../../domain/symbols.ts';
import type { Store } from '../../store/db.ts';
import { recordSource } from '../common/source-row.ts';
import {
  addProvenance,
  decisionId,
  mergeAgendaItem,
  mergeDecision,
  mergeDocument,
  mergeMeeting,
  meetingId,
  mergeParticipants,
  mergePositions,
  noChanges,
  recordSectionPublished,
  tally,
  type Db,
  type FollowChanges,
  type Outcome,
  type RecordChanges,
} from '../../store/record.ts';
import type {
  CitationTable,
  FootnoteTable,
  MeetingTable,
  ParagraphTable,
  SectionTable,
} from '../../store/tables/core.ts';
import type { Meeting, Section } from './types.ts';

export type { WriteCounts } from '../common/report.ts';
import type { WriteCounts } from '../common/report.ts';

export interface IngestReport {
  file: string;
  sourceId: string;
  sectionId: string;
  /** The section's published version (section_version) after this ingest. */
  versionId: string;
  counts: Record<string, WriteCounts>;
  total: WriteCounts;
  findings: number;
}

const COUNCIL_SIZE = 15;

/** The DB's format names: the extract's "meeting" is a formal public meeting (Repertoire tables list those). */
export function dbFormat(f: Meeting['format']): MeetingTable['format'] {
  return f === 'meeting' ? 'formal_public' : f;
}

export function sectionIds(s: Section) {
  return {
    sourceId: `repertoire:${s.lang}:${s.year}:${s.item.number}`,
    sectionId: `repertoire:${s.year}:${s.item.number}:${s.lang}`,
    /** What the zh and en editions share: one set of briefers and positions, keyed under it. */
    editionGroup: `repertoire:${s.year}:${s.item.number}`,
    agendaItemId: `${s.year}-${s.item.number}`,
  };
}

export async function ingestSection(
  store: Store,
  section: Section,
  file: string,
  bytes: Uint8Array,
  /**
   * draftId: publishing a checked draft (versions.ts), that draft becomes the section's published version.
   * follow: runs in the write's transaction with what it changed (the search index re-indexing those units).
   */
  options: { draftId?: string; by?: string; follow?: FollowChanges } = {},
): Promise<IngestReport> {
  if (!section.item.number || !section.year) {
    throw new Error(`${file}: no item number or year could be read, so the section cannot be stored`);
  }
  const ids = sectionIds(section);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const counts: Record<string, Outcome[]> = {};
  const note = (kind: string, o: Outcome | Outcome[]) =>
    (counts[kind] ??= []).push(...(Array.isArray(o) ? o : [o]));
  let versionId = '';
  const changes = noChanges();

  await store.db.transaction().execute(async (trx) => {
    note(
      'source',
      await recordSource(trx, {
        id: ids.sourceId,
        kind: 'repertoire',
        uri: basename(file),
        title: `Repertoire ${section.year}, item ${section.item.number}: ${section.item.title}`,
        lang: section.lang,
        sha256,
      }),
    );
    const lang = section.lang;
    note(
      'agenda_item',
      await mergeAgendaItem(
        trx,
        {
          id: ids.agendaItemId,
          year: section.year,
          number: section.item.number,
          title_zh: lang === 'zh' ? section.item.title : (agendaTitles(section.item.title)?.zh ?? null),
          title_en: lang === 'en' ? section.item.title : (agendaTitles(section.item.title)?.en ?? null),
          category: section.item.category,
        },
        { sourceId: ids.sourceId, locator: 'item heading' },
      ),
    );
    for (const m of section.meetings) await storeMeeting(trx, section, m, ids, note, changes);
    await storeCitedDocuments(trx, section, ids, note);
    const rows = await replaceSectionRows(trx, section, ids);
    note('section', rows);
    if (rows !== 'noop') changes.sections.push(ids.sectionId);
    // After the meetings and the section's paragraphs: positions refer to them.
    const positions = await storePositions(trx, section, ids);
    note('position', positions);
    // The editions share their positions, whose states each edition's paragraphs carry in the index.
    if (positions !== 'noop')
      for (const s of await trx
        .selectFrom('section')
        .select('id')
        .where('agenda_item_id', '=', ids.agendaItemId)
        .execute())
        changes.sections.push(s.id);
    const version = await recordSectionPublished(
      trx,
      {
        sectionId: ids.sectionId,
        agendaItemId: ids.agendaItemId,
        lang,
        uri: basename(file),
        sha256,
        text: Buffer.from(bytes).toString('utf8'),
        findings: JSON.stringify(section.findings),
        now: new Date().toISOString(),
        by: options.by ?? null,
      },
      options.draftId,
    );
    versionId = version.id;
    note('section_version', version.outcome);
    if (options.follow) await options.follow(trx, changes);
  });

  const out: Record<string, WriteCounts> = {};
  for (const [k, v] of Object.entries(counts)) out[k] = tally(v);
  return {
    file,
    sourceId: ids.sourceId,
    sectionId: ids.sectionId,
    versionId,
    counts: out,
    total: tally(Object.values(counts).flat()),
    findings: section.findings.length,
  };
}

async function storeMeeting(
  db: Db,
  section: Section,
  m: Meeting,
  ids: ReturnType<typeof sectionIds>,
  note: (kind: string, o: Outcome) => void,
  changes: RecordChanges,
): Promise<void> {
  const lang = section.lang;
  const format = dbFormat(m.format);
  const id = meetingId({ recordSymbol: m.record, date: m.date, format, agendaItemId: ids.agendaItemId });
  const locator = m.tableRow !== null ? `table row ${m.tableRow}` : `paragraph ${m.paragraphs[0] ?? 0}`;
  const prov = { sourceId: ids.sourceId, locator };
  // Free text in the section's language (topic, table notes) is not a fact two sources can disagree on:
  // mergeMeeting writes it when no other source has filled the field.
  let outcome = await mergeMeeting(
    db,
    {
      id,
      date: m.date,
      format,
      record_symbol: m.record,
      letter_date: m.letterDate,
      title_zh: lang === 'zh' ? m.title : null,
      title_en: lang === 'en' ? m.title : null,
      agenda_item_id: ids.agendaItemId,
      topic: m.topic,
      initiative: m.initiative,
      // The English form, so the zh and en sections of one meeting agree.
      chair: m.chairEn ?? m.chair,
      notes: m.notes.length > 0 ? JSON.stringify(m.notes) : null,
    },
    prov,
  );
  // The narrative paragraphs stand behind the meeting too (its briefers, initiative and chair).
  for (const p of m.paragraphs) {
    const added = await addProvenance(db, 'meeting', id, {
      sourceId: ids.sourceId,
      locator: `paragraph ${p}`,
    });
    if (added && outcome === 'noop') outcome = 'update';
  }
  note('meeting', outcome);
  if (outcome !== 'noop') changes.meetings.push(id);
  if (m.record) {
    note(
      'document',
      await mergeDocument(
        db,
        {
          symbol: m.record,
          kind: 'letter',
          date: m.letterDate,
          title_zh: lang === 'zh' ? m.title : null,
          title_en: lang === 'en' ? m.title : null,
        },
        prov,
      ),
    );
  }
  for (const d of m.decisions) {
    const kind =
      tryParseSymbol(d.symbol)?.kind === 'presidential_statement' ? 'presidential_statement' : 'resolution';
    const known = d.for !== null && d.against !== null && d.abstaining !== null;
    const merged = await mergeDecision(
      db,
      {
        id: decisionId({ symbol: d.symbol }),
        kind,
        symbol: d.symbol,
        draft_symbol: null,
        meeting_id: id,
        agenda_item_id: ids.agendaItemId,
        date: m.date,
        modality: d.writtenProcedure ? 'written_procedure' : known ? 'vote' : null,
        adopted: 1,
        vote_for: d.for,
        vote_against: d.against,
        vote_abstaining: d.abstaining,
        vote_absent: known ? COUNCIL_SIZE - d.for! - d.against! - d.abstaining! : null,
        written_procedure_letter: d.writtenProcedure ?? null,
        record_letter: m.format === 'meeting' ? null : m.record,
      },
      prov,
    );
    note('decision', merged);
    if (merged !== 'noop') changes.decisions.push(decisionId({ symbol: d.symbol }));
    if (d.writtenProcedure) {
      note(
        'document',
        await mergeDocument(
          db,
          { symbol: d.writtenProcedure, kind: 'letter', date: null, title_zh: null, title_en: null },
          prov,
        ),
      );
    }
  }
  const people = [
    ...m.briefers.map((b) => ({
      kind: 'briefer' as const,
      role_zh: lang === 'zh' ? b.role : null,
      role_en: lang === 'en' ? b.role : b.roleEn,
      office: b.office,
      organisation: b.kind === 'civil_society' ? b.role : null,
      mission: b.mission,
      state: b.state,
      name: null,
      gender: b.gender ?? null,
      locator: `paragraph ${b.paragraph}`,
    })),
    ...(m.chair
      ? [
          {
            kind: 'chair' as const,
            role_zh: lang === 'zh' ? m.chair : null,
            role_en: m.chairEn,
            office: null,
            organisation: null,
            mission: null,
            state: m.initiative,
            name: null,
            gender: null,
            locator: `paragraph ${m.paragraphs[0] ?? 0}`,
          },
        ]
      : []),
  ];
  // Rows of the time each edition kept its own list (ids `${meeting}#${source}#n`) give way to the shared one.
  const legacy = await db
    .deleteFrom('participant')
    .where('meeting_id', '=', id)
    .where('id', 'like', `${id}#${ids.sourceId}#%`)
    .executeTakeFirst();
  if (Number(legacy.numDeletedRows) > 0)
    await db
      .deleteFrom('provenance')
      .where('entity_type', '=', 'participant')
      .where('entity_id', 'like', `${id}#${ids.sourceId}#%`)
      .execute();
  const participants = await mergeParticipants(
    db,
    id,
    { group: ids.editionGroup, sourceId: ids.sourceId, lang },
    people.map((p, ordinal) => ({ ...p, ordinal })),
  );
  note('participant', participants);
  if (participants !== 'noop' || Number(legacy.numDeletedRows) > 0) changes.meetings.push(id);
}

/** Documents the footnotes cite that no table row already gave (a concept-note letter, S/2020/604). */
async function storeCitedDocuments(
  db: Db,
  s: Section,
  ids: ReturnType<typeof sectionIds>,
  note: (kind: string, o: Outcome) => void,
): Promise<void> {
  const tabled = new Set(
    s.meetings.flatMap((m) => [m.record, ...m.decisions.map((d) => d.writtenProcedure)]),
  );
  const done = new Set<string>();
  for (const f of s.footnotes) {
    for (const c of f.cites) {
      const kind = tryParseSymbol(c.symbol)?.kind;
      if (kind !== 'document' || tabled.has(c.symbol) || done.has(c.symbol)) continue;
      done.add(c.symbol);
      const letter = /的信|letter/i.test(f.text);
      note(
        'document',
        await mergeDocument(
          db,
          {
            symbol: c.symbol,
            kind: letter ? 'letter' : 'document',
            date: c.date ?? null,
            title_zh: null,
            title_en: null,
          },
          { sourceId: ids.sourceId, locator: `footnote ${f.number}` },
        ),
      );
    }
  }
}

/** The meeting a position is about (the extract names it by date). */
function meetingOfDate(s: Section, ids: ReturnType<typeof sectionIds>, date: string | null): string | null {
  const m = date ? s.meetings.find((x) => x.date === date) : undefined;
  return m
    ? meetingId({
        recordSymbol: m.record,
        date: m.date,
        format: dbFormat(m.format),
        agendaItemId: ids.agendaItemId,
      })
    : null;
}

/** The section's positions, merged with those the other language's edition states (one set for both). */
async function storePositions(db: Db, s: Section, ids: ReturnType<typeof sectionIds>): Promise<Outcome> {
  const sid = ids.sectionId;
  // Rows of the time each edition kept its own positions (ids `${section}:pos${n}`) give way to the shared set.
  const legacy = await db.deleteFrom('position').where('id', 'like', `${sid}:pos%`).executeTakeFirst();
  if (Number(legacy.numDeletedRows) > 0)
    await db
      .deleteFrom('provenance')
      .where('entity_type', '=', 'position')
      .where('entity_id', 'like', `${sid}:pos%`)
      .execute();
  return mergePositions(
    db,
    ids.editionGroup,
    { sourceId: ids.sourceId, lang: s.lang, sectionId: sid },
    s.positions.map((p) => ({
      meeting_id: meetingOfDate(s, ids, p.meeting),
      agenda_item_id: ids.agendaItemId,
      paragraph_id: `${sid}:p${p.paragraph}`,
      footnote_id: p.footnote !== null ? `${sid}:fn${p.footnote}` : null,
      summary: p.text,
      states: p.states,
      locator: p.footnote !== null ? `footnote ${p.footnote}` : `paragraph ${p.paragraph}`,
    })),
  );
}

interface Owned {
  section: Insertable<SectionTable>;
  paragraphs: ParagraphTable[];
  footnotes: FootnoteTable[];
  citations: CitationTable[];
}

function ownedRows(s: Section, ids: ReturnType<typeof sectionIds>): Owned {
  const sid = ids.sectionId;
  return {
    section: {
      id: sid,
      source_id: ids.sourceId,
      agenda_item_id: ids.agendaItemId,
      year: s.year,
      lang: s.lang,
      title: s.item.title,
    },
    paragraphs: s.paragraphs.map((p, i) => ({
      id: `${sid}:p${i}`,
      section_id: sid,
      ordinal: i,
      text: p.text,
      lang: s.lang,
    })),
    footnotes: s.footnotes.map((f) => ({
      id: `${sid}:fn${f.number}`,
      section_id: sid,
      number: f.number,
      text: f.text,
      paragraph_ordinal: f.paragraph,
      marker_offset: f.offset,
    })),
    citations: s.footnotes.flatMap((f) =>
      f.cites.map((c, i) => ({
        id: `${sid}:fn${f.number}:c${i}`,
        footnote_id: `${sid}:fn${f.number}`,
        ordinal: i,
        symbol: c.symbol,
        paragraphs: c.paragraphs ? JSON.stringify(c.paragraphs) : null,
      })),
    ),
  };
}

const canon = (rows: object[]) =>
  JSON.stringify(rows.map((r) => Object.entries(r).sort(([a], [b]) => a.localeCompare(b))));

/** The section's own rows: unchanged → noop; otherwise removed and written again (→ update, or insert the first time). */
async function replaceSectionRows(db: Db, s: Section, ids: ReturnType<typeof sectionIds>): Promise<Outcome> {
  const next = ownedRows(s, ids);
  const sid = ids.sectionId;
  const current = await db.selectFrom('section').selectAll().where('id', '=', sid).executeTakeFirst();
  const cur: Omit<Owned, 'section'> = {
    paragraphs: await db
      .selectFrom('paragraph')
      .selectAll()
      .where('section_id', '=', sid)
      .orderBy('ordinal')
      .execute(),
    footnotes: await db
      .selectFrom('footnote')
      .selectAll()
      .where('section_id', '=', sid)
      .orderBy('number')
      .execute(),
    citations: await db
      .selectFrom('citation')
      .selectAll()
      .where('footnote_id', 'like', `${sid}:fn%`)
      .orderBy('footnote_id')
      .orderBy('ordinal')
      .execute(),
  };
  const sortById = <T extends { id: string }>(rows: T[]) =>
    [...rows].sort((a, b) => a.id.localeCompare(b.id));
  const same =
    current !== undefined &&
    canon([current]) === canon([next.section]) &&
    canon(cur.paragraphs) === canon(next.paragraphs) &&
    canon(cur.footnotes) === canon(next.footnotes) &&
    canon(sortById(cur.citations)) === canon(sortById(next.citations));
  if (same) return 'noop';

  await db.deleteFrom('citation').where('footnote_id', 'like', `${sid}:fn%`).execute();
  await db.deleteFrom('footnote').where('section_id', '=', sid).execute();
  await db.deleteFrom('paragraph').where('section_id', '=', sid).execute();
  await db
    .deleteFrom('provenance')
    .where('source_id', '=', ids.sourceId)
    .where('entity_type', 'in', ['paragraph', 'footnote'])
    .execute();
  if (current) await db.updateTable('section').set(next.section).where('id', '=', sid).execute();
  else await db.insertInto('section').values(next.section).execute();
  const prov = (locator: string) => ({ sourceId: ids.sourceId, locator });
  for (const chunk of chunks(next.paragraphs, 100)) await db.insertInto('paragraph').values(chunk).execute();
  for (const chunk of chunks(next.footnotes, 100)) await db.insertInto('footnote').values(chunk).execute();
  for (const chunk of chunks(next.citations, 100)) await db.insertInto('citation').values(chunk).execute();
  for (const p of next.paragraphs) await addProvenance(db, 'paragraph', p.id, prov(`paragraph ${p.ordinal}`));
  for (const f of next.footnotes) await addProvenance(db, 'footnote', f.id, prov(`footnote ${f.number}`));
  return current ? 'update' : 'insert';
}
