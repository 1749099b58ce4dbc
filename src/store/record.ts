import type { Insertable, Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from './schema.ts';
import { membersOn, membershipCoverage } from '../domain/membership.ts';
import { nameKey } from '../domain/names.ts';
import { provenVotes } from '../domain/proven-votes.ts';
import {
  decisionSchema,
  documentSymbolSchema,
  isoDateSchema,
  iso3Schema,
  validate,
  ValidationError,
} from '../domain/model.ts';
import type {
  AgendaItemTable,
  DecisionTable,
  DocumentTable,
  MeetingTable,
  ParticipantTable,
  ProvenanceTable,
  SourceTable,
  SpeechTable,
} from './tables/core.ts';
import type { PositionTextTable } from './tables/editions.ts';
import { participantsOf } from './queries/participants.ts';
import { jsonList } from './queries/rows.ts';
import type { Lang } from '../domain/vocabulary.ts';

/**
 * Writing the record. Every source goes through these functions so that the same event reached by two
 * sources is one row carrying both provenances, and a disagreement is kept, not overwritten: the first
 * value stays in the row and every differing value is listed in `conflict` with its source.
 */

export type Db = Kysely<Database> | Transaction<Database>;
export type Outcome = 'insert' | 'update' | 'noop';

export interface Prov {
  sourceId: string;
  /** Where in the source: "paragraph 3", "footnote 646", "table 2 row 14". */
  locator: string;
}

export function meetingId(m: {
  recordSymbol?: string | null;
  date: string;
  format: string;
  agendaItemId?: string | null;
}): string {
  return m.recordSymbol ?? `${m.date}:${m.format}:${m.agendaItemId ?? 'none'}`;
}

export function decisionId(d: { symbol?: string | null; draftSymbol?: string | null }): string {
  const id = d.symbol ?? d.draftSymbol;
  if (!id) throw new Error('a decision needs its symbol or its draft symbol');
  return id;
}

/**
 * What one write (a section, a verbatim record) inserted, updated or removed among the rows the search
 * index is built from, by id: the units to re-index are those alone (search/indexer.ts indexChanges).
 */
export interface RecordChanges {
  /** Sections whose paragraphs, footnotes, citations or positions changed. */
  sections: string[];
  /** Meetings whose row or participants changed (what their decisions and speeches carry from them too). */
  meetings: string[];
  /** Decisions whose row or votes changed. */
  decisions: string[];
  /** Meetings whose speeches changed. */
  speeches: string[];
}

export function noChanges(): RecordChanges {
  return { sections: [], meetings: [], decisions: [], speeches: [] };
}

/**
 * Runs in a write's transaction after the write, with what it changed: how the search index follows an
 * ingest (src/search sits above src/ingest, so the command that runs the ingest passes it).
 */
export type FollowChanges = (trx: Db, changes: RecordChanges) => Promise<unknown>;

export function tally(outcomes: Outcome[]): { insert: number; update: number; noop: number } {
  const t = { insert: 0, update: 0, noop: 0 };
  for (const o of outcomes) t[o] += 1;
  return t;
}

/** Records a source document; noop when the same bytes (sha256) were recorded before. */
export async function upsertSource(db: Db, s: Insertable<SourceTable>): Promise<Outcome> {
  const existing = await db.selectFrom('source').selectAll().where('id', '=', s.id).executeTakeFirst();
  if (!existing) {
    await db.insertInto('source').values(s).execute();
    return 'insert';
  }
  if (existing.sha256 === s.sha256) return 'noop';
  await db.updateTable('source').set(s).where('id', '=', s.id).execute();
  return 'update';
}

export async function addProvenance(
  db: Db,
  entityType: ProvenanceTable['entity_type'],
  entityId: string,
  prov: Prov,
): Promise<boolean> {
  const found = await db
    .selectFrom('provenance')
    .select('locator')
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('source_id', '=', prov.sourceId)
    .where('locator', '=', prov.locator)
    .executeTakeFirst();
  if (found) return false;
  await db
    .insertInto('provenance')
    .values({ entity_type: entityType, entity_id: entityId, source_id: prov.sourceId, locator: prov.locator })
    .execute();
  return true;
}

export async function addConflict(
  db: Db,
  entityType: string,
  entityId: string,
  field: string,
  value: string,
  prov: Prov,
): Promise<boolean> {
  const key = {
    entity_type: entityType,
    entity_id: entityId,
    field,
    source_id: prov.sourceId,
    locator: prov.locator,
  };
  const found = await db
    .selectFrom('conflict')
    .select('value')
    .where((eb) => eb.and(key))
    .executeTakeFirst();
  if (found) {
    if (found.value === value) return false;
    await db
      .updateTable('conflict')
      .set({ value })
      .where((eb) => eb.and(key))
      .execute();
    return true;
  }
  await db
    .insertInto('conflict')
    .values({ ...key, value })
    .execute();
  return true;
}

/**
 * Keeps another reading of a field beside the value recorded: both go into the conflicts, each with the
 * place that gives it (e.g. a table's link target and its link text). `kept.once`: `kept.prov` is only the
 * first other source behind the entity, a guess at who gave the kept value, which changes as sources come;
 * so the value is credited once, when no conflict on the field lists it yet, and merging the same source
 * again writes nothing. Idempotent; true when it wrote.
 */
export async function keepConflict(
  db: Db,
  entityType: ProvenanceTable['entity_type'],
  entityId: string,
  field: string,
  kept: { value: string; prov: Prov; once?: boolean },
  other: { value: string; prov: Prov },
): Promise<boolean> {
  const credited =
    kept.once === true &&
    (await db
      .selectFrom('conflict')
      .select('value')
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .where('field', '=', field)
      .where('value', '=', kept.value)
      .executeTakeFirst()) !== undefined;
  const a = !credited && (await addConflict(db, entityType, entityId, field, kept.value, kept.prov));
  const b = await addConflict(db, entityType, entityId, field, other.value, other.prov);
  return a || b;
}

type Row = Record<string, unknown>;

const DATE_FIELDS = ['date', 'letter_date'];
const STATE_FIELDS = ['presidency', 'initiative', 'state'];
const SYMBOL_FIELDS = [
  'record_symbol',
  'symbol',
  'draft_symbol',
  'written_procedure_letter',
  'record_letter',
];

/** The boundary check every row passes before it is written: real dates, known states, canonical symbols. */
function checkRow(row: Row, entityType: string, prov: Prov): void {
  const issues: { path: string; message: string; value: unknown }[] = [];
  const check = (fields: string[], schema: z.ZodType<string>) => {
    for (const f of fields) {
      const v = row[f];
      if (v === null || v === undefined) continue;
      const r = schema.safeParse(v);
      if (!r.success) issues.push({ path: f, message: r.error.issues[0]!.message, value: v });
    }
  };
  check(DATE_FIELDS, isoDateSchema);
  check(STATE_FIELDS, iso3Schema);
  check(entityType === 'document' ? [] : SYMBOL_FIELDS, documentSymbolSchema);
  if (issues.length > 0)
    throw new ValidationError(`${entityType} from ${prov.sourceId} (${prov.locator})`, issues);
}

/** Fields in a source's own words, filled when empty and never a conflict between sources (and notes). */
const FREE_TEXT = new Set(['topic']);

/**
 * The first other source behind an entity (by source id, then locator: the same on either backend, whatever
 * order the rows were written in), to credit the kept value of a conflict.
 */
async function firstProvenance(
  db: Db,
  entityType: string,
  entityId: string,
  except: Prov,
): Promise<Prov | undefined> {
  const rows = await db
    .selectFrom('provenance')
    .select(['source_id', 'locator'])
    .where('entity_type', '=', entityType as ProvenanceTable['entity_type'])
    .where('entity_id', '=', entityId)
    .orderBy('source_id')
    .orderBy('locator')
    .execute();
  const other = rows.find((r) => r.source_id !== except.sourceId) ?? rows[0];
  return other ? { sourceId: other.source_id, locator: other.locator } : undefined;
}

/** The fields a row holds by inference, with the note that says so (`meeting.inferred`, migration 018). */
function inferredOf(row: Row): Map<string, string> {
  const text = row['inferred'];
  if (typeof text !== 'string' || text === '') return new Map();
  return new Map(Object.entries(JSON.parse(text) as Record<string, string>));
}

/** A JSON list of notes, or null for none. */
const notesText = (notes: string[]) => (notes.length > 0 ? JSON.stringify(notes) : null);

/**
 * Merges `incoming` into the row with the same key: nulls are filled, equal values are a noop, and a
 * different non-null value is kept beside the first as a conflict. A fact a source states beats one
 * inferred (the row's `inferred` fields): it replaces the inferred value, whose note leaves `notes`, and
 * an inferred value yields to a stated one; neither is a conflict, so the row is the same in either order.
 */
async function mergeRow(
  db: Db,
  table: 'agenda_item' | 'meeting' | 'decision' | 'document',
  keyColumn: 'id' | 'symbol',
  entityType: ProvenanceTable['entity_type'],
  incoming: Row,
  prov: Prov,
): Promise<Outcome> {
  checkRow(incoming, entityType, prov);
  const key = incoming[keyColumn] as string;
  // Kysely's per-table typing cannot follow a table chosen at run time; the columns come from typed callers.
  const anyDb = db as unknown as Kysely<Record<string, Row>>;
  const existing = (await anyDb
    .selectFrom(table)
    .selectAll()
    .where(keyColumn, '=', key)
    .executeTakeFirst()) as Row | undefined;
  if (!existing) {
    await anyDb.insertInto(table).values(incoming).execute();
    await addProvenance(db, entityType, key, prov);
    return 'insert';
  }
  const fill: Row = {};
  const kept = await firstProvenance(db, entityType, key, prov);
  const fromOther = kept !== undefined && kept.sourceId !== prov.sourceId;
  const held = inferredOf(existing);
  const guessed = inferredOf(incoming);
  /** Notes of inferences that went: the row's replaced ones, and the incoming ones that yielded. */
  const gone = new Set<string>();
  let conflicts = 0;
  for (const [field, value] of Object.entries(incoming)) {
    if (value === undefined || value === null || field === keyColumn) continue;
    if (field === 'inferred' || field === 'notes') continue;
    const current = existing[field];
    const note = held.get(field);
    if (note !== undefined && !guessed.has(field)) {
      // Stated now, inferred before: the statement stands, the inference and its note go.
      if (String(current) !== String(value)) fill[field] = value;
      held.delete(field);
      gone.add(note);
      continue;
    }
    if (guessed.has(field) && fromOther && note === undefined && current !== null && current !== undefined) {
      // Inferred here, stated by another source: the statement stands.
      gone.add(guessed.get(field)!);
      continue;
    }
    if (current === null || current === undefined || (!fromOther && String(current) !== String(value))) {
      // Empty, or the same source restating a field: its newer reading replaces its older one.
      fill[field] = value;
      if (guessed.has(field)) held.set(field, guessed.get(field)!);
      else held.delete(field);
    } else if (String(current) !== String(value)) {
      // Another source's free-text wording (a meeting's topic) is not a disagreement: the first stays.
      if (FREE_TEXT.has(field)) continue;
      const readings = { value: String(current), prov: kept!, once: true };
      if (await keepConflict(db, entityType, key, field, readings, { value: String(value), prov }))
        conflicts += 1;
    }
  }
  if ('inferred' in existing) {
    const next = held.size > 0 ? JSON.stringify(Object.fromEntries(held)) : null;
    if (next !== (existing['inferred'] ?? null)) fill['inferred'] = next;
  }
  if ('notes' in existing) {
    // Notes are free text: filled when empty (or restated by their own source), never a conflict.
    const now = (existing['notes'] as string | null) ?? null;
    let next =
      gone.size > 0 ? notesText(jsonList(now, `${table} ${key} notes`).filter((n) => !gone.has(n))) : now;
    const offered = incoming['notes'] as string | null | undefined;
    if (offered !== null && offered !== undefined && (next === null || !fromOther)) {
      const own = jsonList(offered, `${table} ${key} notes`).filter((n) => !gone.has(n));
      if (own.length > 0 || !fromOther) next = notesText(own);
    }
    if (next !== now) fill['notes'] = next;
  }
  if (Object.keys(fill).length > 0)
    await anyDb.updateTable(table).set(fill).where(keyColumn, '=', key).execute();
  const newProv = await addProvenance(db, entityType, key, prov);
  return Object.keys(fill).length > 0 || conflicts > 0 || newProv ? 'update' : 'noop';
}

export function mergeAgendaItem(db: Db, a: Insertable<AgendaItemTable>, prov: Prov): Promise<Outcome> {
  return mergeRow(db, 'agenda_item', 'id', 'agenda_item', a as Row, prov);
}

export function mergeMeeting(db: Db, m: Insertable<MeetingTable>, prov: Prov): Promise<Outcome> {
  return mergeRow(db, 'meeting', 'id', 'meeting', m as Row, prov);
}

export function mergeDocument(db: Db, d: Insertable<DocumentTable>, prov: Prov): Promise<Outcome> {
  return mergeRow(db, 'document', 'symbol', 'document', d as Row, prov);
}

export interface MemberVote {
  state: string;
  vote: 'Y' | 'N' | 'A' | 'X';
}

/**
 * Merges a decision and, when given, its per-member votes. A member's vote that differs between sources is
 * a conflict on field `vote:<ISO3>`; the first stays.
 */
export async function mergeDecision(
  db: Db,
  d: Insertable<DecisionTable>,
  prov: Prov,
  votes?: MemberVote[],
): Promise<Outcome> {
  // Totals and per-member votes must agree before anything is written.
  validate(
    decisionSchema,
    {
      kind: d.kind,
      symbol: d.symbol ?? null,
      draftSymbol: d.draft_symbol ?? null,
      date: d.date ?? null,
      modality: d.modality ?? null,
      adopted: d.adopted === null || d.adopted === undefined ? null : Boolean(d.adopted),
      for: d.vote_for ?? null,
      against: d.vote_against ?? null,
      abstaining: d.vote_abstaining ?? null,
      absent: d.vote_absent ?? null,
      writtenProcedureLetter: d.written_procedure_letter ?? null,
      recordLetter: d.record_letter ?? null,
      votes,
    },
    `decision ${d.id} from ${prov.sourceId} (${prov.locator})`,
  );
  let outcome = await mergeRow(db, 'decision', 'id', 'decision', d as Row, prov);
  const existing = new Map(
    (await db.selectFrom('vote').selectAll().where('decision_id', '=', d.id).execute()).map((v) => [
      v.state,
      v,
    ]),
  );
  const kept = votes && votes.length > 0 ? await firstProvenance(db, 'decision', d.id, prov) : undefined;
  for (const v of votes ?? []) {
    const current = existing.get(v.state);
    if (current === undefined) {
      const row = {
        decision_id: d.id,
        state: v.state,
        vote: v.vote,
        basis: 'recorded' as const,
        source_id: prov.sourceId,
      };
      await db.insertInto('vote').values(row).execute();
      existing.set(v.state, row);
      if (outcome === 'noop') outcome = 'update';
    } else if (current.vote === v.vote) {
      // A vote first proven from the tally, now given by a source: it rests on the source from here on.
      if (current.basis !== 'recorded') {
        await db
          .updateTable('vote')
          .set({ basis: 'recorded', source_id: prov.sourceId })
          .where('decision_id', '=', d.id)
          .where('state', '=', v.state)
          .execute();
        current.basis = 'recorded';
        if (outcome === 'noop') outcome = 'update';
      }
    } else {
      const keptSource =
        current.basis === 'recorded' && current.source_id ? current.source_id : kept?.sourceId;
      if (keptSource && keptSource !== prov.sourceId) {
        const keptProv =
          kept && kept.sourceId === keptSource
            ? kept
            : {
                sourceId: keptSource,
                locator: current.basis === 'tally' ? 'proven from the tally' : 'member vote',
              };
        const wrote = await keepConflict(
          db,
          'decision',
          d.id,
          `vote:${v.state}`,
          { value: current.vote, prov: keptProv, once: true },
          { value: v.vote, prov },
        );
        if (wrote && outcome === 'noop') outcome = 'update';
      } else {
        await db
          .updateTable('vote')
          .set({ vote: v.vote, basis: 'recorded', source_id: prov.sourceId })
          .where('decision_id', '=', d.id)
          .where('state', '=', v.state)
          .execute();
        if (outcome === 'noop') outcome = 'update';
      }
    }
  }
  if ((await fillProvenVotes(db, d.id, existing)) > 0 && outcome === 'noop') outcome = 'update';
  return outcome;
}

/**
 * Adds the votes the decision's tally proves (see domain/proven-votes.ts) for members whose vote is not
 * known yet, marked basis 'tally'. Returns how many were added.
 */
async function fillProvenVotes(
  db: Db,
  decisionId: string,
  known: Map<string, { vote: MemberVote['vote'] }>,
): Promise<number> {
  const row = await db
    .selectFrom('decision')
    .select(['date', 'vote_for', 'vote_against', 'vote_abstaining'])
    .where('id', '=', decisionId)
    .executeTakeFirst();
  if (!row?.date || row.vote_for === null) return 0;
  const { from, to } = membershipCoverage();
  if (row.date < from || row.date > to) return 0;
  const proven = provenVotes(
    membersOn(row.date),
    { for: row.vote_for, against: row.vote_against, abstaining: row.vote_abstaining },
    new Map([...known].map(([s, v]) => [s, v.vote])),
  );
  if (proven.length === 0) return 0;
  await db
    .insertInto('vote')
    .values(
      proven.map((p) => ({
        decision_id: decisionId,
        state: p.state,
        vote: p.vote,
        basis: 'tally' as const,
        source_id: null,
      })),
    )
    .execute();
  return proven.length;
}

/**
 * Fields a source fills on another source's participant when that one lacks them; never kind, office,
 * mission or State, which that source's own re-import matches its rows on.
 */
const FILLED_FIELDS = new Set([
  'name',
  'name_printed',
  'name_check',
  'gender',
  'organisation',
  'role_en',
  'role_zh',
]);
/** Fields whose different non-empty values are a disagreement between two sources, kept as a conflict. */
const DISPUTED_FIELDS = new Set(['name', 'gender', 'office', 'mission', 'state']);

/** "Lieutenant General Dennis Gyllensporre" and "Mr. Gyllensporre" meet on "gyllensporre". */
function familyName(name: string | null | undefined): string {
  return (
    nameKey(name ?? '', 'en')
      .split(' ')
      .pop() ?? ''
  );
}

type ParticipantRow = Omit<Insertable<ParticipantTable>, 'id' | 'meeting_id'>;

export interface SourceParticipant extends ParticipantRow {
  /** Where the source names the participant ("paragraph 4", "participant 3"). */
  locator: string;
}

/**
 * Match rule of a list's own rows (its earlier import, or another edition of the same publication): the
 * fields that say who a participant is, the same in every language, the n-th with them to the n-th.
 */
const identityOf = (p: {
  kind: string;
  office?: string | null;
  mission?: string | null;
  state?: string | null;
}) => [p.kind, p.office ?? '', p.mission ?? '', p.state ?? ''].join('|');

/**
 * Match rule of another source's rows: the same kind and State, and either the same office of the same
 * mission, the same family name, or (members, invited States, the chair) the State alone, which a meeting
 * holds once.
 */
function samePerson(a: ParticipantRow, b: ParticipantRow): boolean {
  if (a.kind !== b.kind || (a.state ?? null) !== (b.state ?? null)) return false;
  if (a.office && a.office === b.office && (a.mission ?? null) === (b.mission ?? null)) return true;
  if (a.name && b.name && familyName(a.name) !== '' && familyName(a.name) === familyName(b.name)) return true;
  return a.kind !== 'briefer' && a.kind !== 'speaker' && a.state !== null && a.state !== undefined;
}

/**
 * Who gives a list of participants: the source, and the list it belongs to (`group`: the source itself, or
 * the publication whose editions share one list). With `lang`, the edition's own wording of the role
 * (`role_zh` or `role_en`) is its to restate.
 */
export interface ParticipantList {
  group: string;
  sourceId: string;
  lang?: 'zh' | 'en';
}

/**
 * The one merge of a meeting's participants as a source gives them, whatever the order sources come in:
 * the same person named by two sources (a letter's "Lieutenant General Dennis Gyllensporre, Force
 * Commander of …" and the Repertoire's "Force Commander, MINUSMA"), or by two editions of one
 * publication, is one record with every provenance. Each row is matched first to the list's own rows
 * (ids `${meetingId}#${group}#n`) by identity, else to another source's row by samePerson. A matched row
 * gets this source's provenance; fields it lacks are filled (another source's row: never its identity,
 * which that source matches on); a different non-empty name, gender, office, mission or State is kept as
 * a conflict when another source stands behind the row, else restated. Rows matching none are added to
 * the list. A row this source named before and names no more loses its provenance and conflicts, and goes
 * when no source is left behind it. Idempotent.
 */
export async function mergeParticipants(
  db: Db,
  meetingIdValue: string,
  list: ParticipantList,
  rows: SourceParticipant[],
): Promise<Outcome> {
  const { sourceId } = list;
  const prefix = `${meetingIdValue}#${list.group}#`;
  // Each list in its order (the read model's), so the n-th row of a list meets the n-th given.
  const all = await participantsOf(db, [meetingIdValue]);
  const provRows =
    all.length === 0
      ? []
      : await db
          .selectFrom('provenance')
          .select(['entity_id', 'source_id', 'locator'])
          .where('entity_type', '=', 'participant')
          .where(
            'entity_id',
            'in',
            all.map((c) => c.id),
          )
          // The first other source credits a kept value: the same one on either backend.
          .orderBy('source_id')
          .orderBy('locator')
          .execute();
  const ownRows = all.filter((p) => p.id.startsWith(prefix));
  const hadAny = ownRows.length > 0 || provRows.some((p) => p.source_id === sourceId);
  const own = new Map<string, (typeof all)[number][]>();
  for (const c of ownRows) own.set(identityOf(c), [...(own.get(identityOf(c)) ?? []), c]);
  const others = all.filter((p) => !p.id.startsWith(prefix));
  const taken = new Set(all.map((p) => p.id));
  let nextN = Math.max(-1, ...ownRows.map((c) => Number(c.id.slice(prefix.length)) || 0)) + 1;
  const ownLang = list.lang === 'zh' ? 'role_zh' : list.lang === 'en' ? 'role_en' : undefined;
  const seen = new Set<string>();
  let changed = 0;
  for (const [ordinal, r] of rows.entries()) {
    const { locator, ...row } = r;
    const prov = { sourceId, locator };
    const mine = own.get(identityOf(row))?.shift();
    const at = mine ? -1 : others.findIndex((c) => samePerson(c, row));
    const match = mine ?? (at >= 0 ? others.splice(at, 1)[0] : undefined);
    if (!match) {
      // The list's n-th row keeps the number n where it is free, so a list reads the same in every store.
      const id = taken.has(`${prefix}${ordinal}`) ? `${prefix}${nextN++}` : `${prefix}${ordinal}`;
      nextN = Math.max(nextN, (Number(id.slice(prefix.length)) || 0) + 1);
      taken.add(id);
      await db
        .insertInto('participant')
        .values({ ...row, id, meeting_id: meetingIdValue, ordinal })
        .execute();
      await addProvenance(db, 'participant', id, prov);
      seen.add(id);
      changed += 1;
      continue;
    }
    seen.add(match.id);
    const kept = provRows.find((p) => p.entity_id === match.id && p.source_id !== sourceId);
    const fill: Row = {};
    for (const [field, value] of Object.entries({ ...row, ordinal })) {
      const was = (match as Row)[field];
      if (value === null || value === undefined || was === value) continue;
      if (!kept || field === ownLang || (was === null && (mine || FILLED_FIELDS.has(field))))
        fill[field] = value;
      else if (DISPUTED_FIELDS.has(field) && was !== null) {
        const keptProv = { sourceId: kept.source_id, locator: kept.locator };
        const other = { value: String(value), prov };
        if (
          await keepConflict(
            db,
            'participant',
            match.id,
            field,
            { value: String(was), prov: keptProv, once: true },
            other,
          )
        )
          changed += 1;
      }
    }
    if (Object.keys(fill).length > 0) {
      await db.updateTable('participant').set(fill).where('id', '=', match.id).execute();
      changed += 1;
    }
    changed += await restateProvenance(db, 'participant', match.id, provRows, prov);
  }
  // What this source named before and names no more.
  for (const c of all) {
    const mine = provRows.filter((p) => p.entity_id === c.id && p.source_id === sourceId);
    if (seen.has(c.id) || mine.length === 0) continue;
    for (const p of mine) await removeProvenance(db, 'participant', c.id, { sourceId, locator: p.locator });
    if (!provRows.some((p) => p.entity_id === c.id && p.source_id !== sourceId)) {
      await db.deleteFrom('participant').where('id', '=', c.id).execute();
      await db
        .deleteFrom('conflict')
        .where('entity_type', '=', 'participant')
        .where('entity_id', '=', c.id)
        .execute();
    } else {
      await withdrawConflicts(db, c.id, sourceId);
      // Still given by another source: this edition's wording of the role goes with it.
      if (ownLang && c.id.startsWith(prefix))
        await db
          .updateTable('participant')
          .set({ [ownLang]: null })
          .where('id', '=', c.id)
          .execute();
    }
    changed += 1;
  }
  if (changed === 0) return 'noop';
  return hadAny ? 'update' : 'insert';
}

/**
 * A source no longer stands behind a participant: its readings leave the conflicts, and so does a reading
 * left alone in one (a conflict is two values or more).
 */
async function withdrawConflicts(db: Db, participantId: string, sourceId: string): Promise<void> {
  const mine = db
    .selectFrom('conflict')
    .where('entity_type', '=', 'participant')
    .where('entity_id', '=', participantId);
  const fields = (await mine.select('field').where('source_id', '=', sourceId).execute()).map((c) => c.field);
  if (fields.length === 0) return;
  await db
    .deleteFrom('conflict')
    .where('entity_type', '=', 'participant')
    .where('entity_id', '=', participantId)
    .where('source_id', '=', sourceId)
    .execute();
  for (const field of new Set(fields)) {
    const left = await mine.select('value').where('field', '=', field).execute();
    if (new Set(left.map((c) => c.value)).size <= 1)
      await db
        .deleteFrom('conflict')
        .where('entity_type', '=', 'participant')
        .where('entity_id', '=', participantId)
        .where('field', '=', field)
        .execute();
  }
}

/**
 * Replaces the speeches one source gives for a meeting when they changed (the source owns them outright:
 * two sources' speeches never overwrite each other); noop when they are the same. Provenance per speech:
 * `locators[i]`, or the page.
 */
export async function replaceSpeeches(
  db: Db,
  meetingIdValue: string,
  sourceId: string,
  next: SpeechTable[],
  locators?: string[],
): Promise<Outcome> {
  const own = { meeting_id: meetingIdValue, source_id: sourceId };
  const current = await db
    .selectFrom('speech')
    .selectAll()
    .where((eb) => eb.and(own))
    .orderBy('ordinal')
    .execute();
  const same =
    current.length === next.length &&
    current.every((c, i) => JSON.stringify(c) === JSON.stringify({ ...c, ...next[i] }));
  if (same) return 'noop';
  await db
    .deleteFrom('speech')
    .where((eb) => eb.and(own))
    .execute();
  for (let i = 0; i < next.length; i += 100)
    await db
      .insertInto('speech')
      .values(next.slice(i, i + 100))
      .execute();
  for (const [i, s] of next.entries())
    await addProvenance(db, 'speech', s.id, { sourceId, locator: locators?.[i] ?? `page ${s.page}` });
  return current.length === 0 ? 'insert' : 'update';
}

export async function removeProvenance(
  db: Db,
  entityType: ProvenanceTable['entity_type'],
  entityId: string,
  prov: Prov,
): Promise<void> {
  await db
    .deleteFrom('provenance')
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('source_id', '=', prov.sourceId)
    .where('locator', '=', prov.locator)
    .execute();
}

/**
 * One edition of a publication now names an entity at `prov`: its earlier locators for that entity go, the
 * current one is added. `known` holds the entity's provenance rows read before the merge. Returns how many
 * rows changed.
 */
async function restateProvenance(
  db: Db,
  entityType: ProvenanceTable['entity_type'],
  entityId: string,
  known: { entity_id: string; source_id: string; locator: string }[],
  prov: Prov,
): Promise<number> {
  let changed = 0;
  for (const p of known) {
    if (p.entity_id !== entityId || p.source_id !== prov.sourceId || p.locator === prov.locator) continue;
    await removeProvenance(db, entityType, entityId, { sourceId: p.source_id, locator: p.locator });
    changed += 1;
  }
  if (await addProvenance(db, entityType, entityId, prov)) changed += 1;
  return changed;
}

export interface EditionPosition {
  meeting_id: string | null;
  agenda_item_id: string | null;
  paragraph_id: string | null;
  footnote_id: string | null;
  summary: string;
  /** ISO3 codes. */
  states: string[];
  locator: string;
}

/**
 * Merges the positions one edition of a publication states into the set its editions share (ids
 * `${group}:pos${n}`): a position is one `position` row, and each edition's summary, paragraph and
 * footnote are a `position_text` row beside it. Positions are matched on `key` (the n-th to the n-th);
 * states that differ between editions are kept as a conflict. The `position` row carries the text of
 * the first edition that gave it. Positions this edition no longer states lose its text and provenance,
 * and are removed when no edition states them.
 */
export async function mergePositions(
  db: Db,
  group: string,
  edition: { sourceId: string; lang: Lang; sectionId: string },
  rows: EditionPosition[],
): Promise<Outcome> {
  const prefix = `${group}:pos`;
  const current = await db.selectFrom('position').selectAll().where('id', 'like', `${prefix}%`).execute();
  const texts = await db
    .selectFrom('position_text')
    .selectAll()
    .where('position_id', 'like', `${prefix}%`)
    .execute();
  const provRows = await db
    .selectFrom('provenance')
    .select(['entity_id', 'source_id', 'locator'])
    .where('entity_type', '=', 'position')
    .where('entity_id', 'like', `${prefix}%`)
    .orderBy('source_id')
    .orderBy('locator')
    .execute();
  const free = new Map<string, (typeof current)[number][]>();
  for (const p of [...current].sort((a, b) => idNumber(a.id, prefix) - idNumber(b.id, prefix))) {
    const k = positionKey(p);
    free.set(k, [...(free.get(k) ?? []), p]);
  }
  let nextN = Math.max(-1, ...current.map((p) => idNumber(p.id, prefix))) + 1;
  const seen = new Set<string>();
  let inserted = 0;
  let changed = 0;
  for (const r of rows) {
    const prov = { sourceId: edition.sourceId, locator: r.locator };
    const text: PositionTextTable = {
      position_id: '',
      lang: edition.lang,
      source_id: edition.sourceId,
      section_id: edition.sectionId,
      paragraph_id: r.paragraph_id,
      footnote_id: r.footnote_id,
      summary: r.summary,
    };
    const states = JSON.stringify(r.states);
    const match = free.get(positionKey(r))?.shift();
    if (!match) {
      const id = `${prefix}${nextN++}`;
      await db
        .insertInto('position')
        .values({
          id,
          meeting_id: r.meeting_id,
          agenda_item_id: r.agenda_item_id,
          paragraph_id: r.paragraph_id,
          footnote_id: r.footnote_id,
          summary: r.summary,
          lang: edition.lang,
          states,
        })
        .execute();
      await db
        .insertInto('position_text')
        .values({ ...text, position_id: id })
        .execute();
      await addProvenance(db, 'position', id, prov);
      seen.add(id);
      inserted += 1;
      continue;
    }
    seen.add(match.id);
    const had = texts.find((t) => t.position_id === match.id && t.lang === edition.lang);
    const next = { ...text, position_id: match.id };
    if (!had) {
      await db.insertInto('position_text').values(next).execute();
      changed += 1;
    } else if (JSON.stringify(Object.entries(had).sort()) !== JSON.stringify(Object.entries(next).sort())) {
      await db
        .updateTable('position_text')
        .set(next)
        .where('position_id', '=', match.id)
        .where('lang', '=', edition.lang)
        .execute();
      changed += 1;
    }
    const others = provRows.filter((p) => p.entity_id === match.id && p.source_id !== edition.sourceId);
    if (match.lang === edition.lang || others.length === 0) {
      const own = {
        paragraph_id: r.paragraph_id,
        footnote_id: r.footnote_id,
        summary: r.summary,
        lang: edition.lang,
        ...(others.length === 0 ? { states, meeting_id: r.meeting_id } : {}),
      };
      if (Object.entries(own).some(([k, v]) => match[k as keyof typeof match] !== v)) {
        await db.updateTable('position').set(own).where('id', '=', match.id).execute();
        changed += 1;
      }
    } else if (match.states !== states && others[0]) {
      const keptProv = { sourceId: others[0].source_id, locator: others[0].locator };
      const kept = { value: match.states, prov: keptProv, once: true };
      if (await keepConflict(db, 'position', match.id, 'states', kept, { value: states, prov })) changed += 1;
    }
    changed += await restateProvenance(db, 'position', match.id, provRows, prov);
  }
  for (const p of current) {
    if (seen.has(p.id)) continue;
    const mine = provRows.filter((x) => x.entity_id === p.id && x.source_id === edition.sourceId);
    if (mine.length === 0) continue;
    for (const x of mine)
      await removeProvenance(db, 'position', p.id, { sourceId: x.source_id, locator: x.locator });
    await db
      .deleteFrom('position_text')
      .where('position_id', '=', p.id)
      .where('source_id', '=', edition.sourceId)
      .execute();
    const rest = texts.find((t) => t.position_id === p.id && t.source_id !== edition.sourceId);
    if (!rest) {
      await db
        .deleteFrom('conflict')
        .where('entity_type', '=', 'position')
        .where('entity_id', '=', p.id)
        .execute();
      await db.deleteFrom('position').where('id', '=', p.id).execute();
    } else if (p.lang === edition.lang) {
      await db
        .updateTable('position')
        .set({
          paragraph_id: rest.paragraph_id,
          footnote_id: rest.footnote_id,
          summary: rest.summary,
          lang: rest.lang,
        })
        .where('id', '=', p.id)
        .execute();
    }
    changed += 1;
  }
  if (inserted > 0 && changed === 0 && current.length === 0) return 'insert';
  return inserted + changed > 0 ? 'update' : 'noop';
}

const idNumber = (id: string, prefix: string) => Number(id.slice(prefix.length)) || 0;

/**
 * What makes a position the same in every edition: its meeting and the number of its footnote (or, with
 * none, of its paragraph). Editions' ids end in the number (`…:zh:fn649`, `…:en:p14`), the ids differ.
 */
function positionKey(p: {
  meeting_id: string | null;
  paragraph_id: string | null;
  footnote_id: string | null;
}) {
  const tail = (id: string, mark: string) => id.slice(id.lastIndexOf(mark) + mark.length);
  const where =
    p.footnote_id !== null ? `fn${tail(p.footnote_id, ':fn')}` : `p${tail(p.paragraph_id ?? '', ':p')}`;
  return `${p.meeting_id ?? ''}|${where}`;
}

export interface SectionVersionInput {
  sectionId: string;
  agendaItemId: string;
  lang: Lang;
  uri: string;
  sha256: string;
  text: string;
  /** JSON of the extract's findings. */
  findings: string;
  now: string;
  /** Who checked or published this text: an editor's account, `cli:<user>`; null when not known. */
  by?: string | null;
}

async function nextVersionNumber(db: Db, sectionId: string): Promise<number> {
  const rows = await db
    .selectFrom('section_version')
    .select('number')
    .where('section_id', '=', sectionId)
    .execute();
  return Math.max(0, ...rows.map((r) => r.number)) + 1;
}

/** A new version of a section, numbered after the last: a draft, or published at once. */
async function insertVersion(
  db: Db,
  v: SectionVersionInput,
  status: 'draft' | 'published',
): Promise<{ id: string; number: number }> {
  const number = await nextVersionNumber(db, v.sectionId);
  const id = `${v.sectionId}@v${number}`;
  const published = status === 'published';
  await db
    .insertInto('section_version')
    .values({
      id,
      section_id: v.sectionId,
      agenda_item_id: v.agendaItemId,
      lang: v.lang,
      number,
      status,
      uri: v.uri,
      sha256: v.sha256,
      text: v.text,
      findings: v.findings,
      created_at: v.now,
      published_at: published ? v.now : null,
      superseded_at: null,
      created_by: v.by ?? null,
      published_by: published ? (v.by ?? null) : null,
    })
    .execute();
  return { id, number };
}

/**
 * Keeps a draft of a section (never the record itself: the published section stays as it is).
 * The same text checked again is the same draft.
 */
export async function recordSectionDraft(
  db: Db,
  v: SectionVersionInput,
): Promise<{ id: string; number: number; outcome: Outcome }> {
  const same = await db
    .selectFrom('section_version')
    .select(['id', 'number'])
    .where('section_id', '=', v.sectionId)
    .where('status', '=', 'draft')
    .where('sha256', '=', v.sha256)
    .executeTakeFirst();
  if (same) return { ...same, outcome: 'noop' };
  const { id, number } = await insertVersion(db, v, 'draft');
  return { id, number, outcome: 'insert' };
}

/**
 * Makes a text the published version of its section: the draft `draftId` when given, else a new version
 * (a section ingested directly). The version published before is kept, marked superseded, with its text
 * and provenance. The same text as the published version is a noop.
 */
export async function recordSectionPublished(
  db: Db,
  v: SectionVersionInput,
  draftId?: string,
): Promise<{ id: string; outcome: Outcome }> {
  const current = await db
    .selectFrom('section_version')
    .select(['id', 'sha256'])
    .where('section_id', '=', v.sectionId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (current && current.sha256 === v.sha256 && !draftId) return { id: current.id, outcome: 'noop' };
  if (current)
    await db
      .updateTable('section_version')
      .set({ status: 'superseded', superseded_at: v.now })
      .where('id', '=', current.id)
      .execute();
  if (draftId) {
    await db
      .updateTable('section_version')
      .set({ status: 'published', published_at: v.now, published_by: v.by ?? null })
      .where('id', '=', draftId)
      .execute();
    return { id: draftId, outcome: 'update' };
  }
  const { id } = await insertVersion(db, v, 'published');
  return { id, outcome: current ? 'update' : 'insert' };
}
