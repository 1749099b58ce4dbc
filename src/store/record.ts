import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { membersOn, membershipCoverage } from '../domain/membership.ts';
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
  const found = await db
    .selectFrom('conflict')
    .select(['field', 'value'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('field', '=', field)
    .where('source_id', '=', prov.sourceId)
    .where('locator', '=', prov.locator)
    .executeTakeFirst();
  if (found) {
    if (found.value === value) return false;
    await db
      .updateTable('conflict')
      .set({ value })
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .where('field', '=', field)
      .where('source_id', '=', prov.sourceId)
      .where('locator', '=', prov.locator)
      .execute();
    return true;
  }
  await db
    .insertInto('conflict')
    .values({
      entity_type: entityType,
      entity_id: entityId,
      field,
      value,
      source_id: prov.sourceId,
      locator: prov.locator,
    })
    .execute();
  return true;
}

/**
 * Keeps another reading of a field beside the value recorded: both go into the conflicts, each with the
 * place that gives it (e.g. a table's link target and its link text). Idempotent; true when it wrote.
 */
export async function keepConflict(
  db: Db,
  entityType: ProvenanceTable['entity_type'],
  entityId: string,
  field: string,
  kept: { value: string; prov: Prov },
  other: { value: string; prov: Prov },
): Promise<boolean> {
  const a = await addConflict(db, entityType, entityId, field, kept.value, kept.prov);
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
  const check = (fields: string[], schema: typeof isoDateSchema) => {
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

/** The sources that already stand behind an entity, oldest locator first, to credit the kept value. */
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
    .execute();
  const other = rows.find((r) => r.source_id !== except.sourceId) ?? rows[0];
  return other ? { sourceId: other.source_id, locator: other.locator } : undefined;
}

/**
 * Merges `incoming` into the row with the same key: nulls are filled, equal values are a noop, and a
 * different non-null value is kept beside the first as a conflict.
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
  let conflicts = 0;
  for (const [field, value] of Object.entries(incoming)) {
    if (value === undefined || value === null || field === keyColumn) continue;
    const current = existing[field];
    if (current === null || current === undefined) fill[field] = value;
    else if (String(current) !== String(value)) {
      if (kept && kept.sourceId !== prov.sourceId) {
        const a = await addConflict(db, entityType, key, field, String(current), kept);
        const b = await addConflict(db, entityType, key, field, String(value), prov);
        if (a || b) conflicts += 1;
      } else {
        // The same source restating a field: its newer reading replaces its older one.
        fill[field] = value;
      }
    }
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
        const a = await addConflict(db, 'decision', d.id, `vote:${v.state}`, current.vote, keptProv);
        const b = await addConflict(db, 'decision', d.id, `vote:${v.state}`, v.vote, prov);
        if ((a || b) && outcome === 'noop') outcome = 'update';
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
 * Replaces the participants that one source gives for a meeting. Participant ids are
 * `${meetingId}#${sourceId}#${ordinal}`, so two sources' lists of briefers never overwrite each other.
 */
export async function replaceParticipants(
  db: Db,
  meetingIdValue: string,
  sourceId: string,
  rows: Omit<Insertable<ParticipantTable>, 'id' | 'meeting_id'>[],
): Promise<Outcome> {
  const prefix = `${meetingIdValue}#${sourceId}#`;
  const current = await db
    .selectFrom('participant')
    .selectAll()
    .where('meeting_id', '=', meetingIdValue)
    .where('id', 'like', `${prefix}%`)
    .orderBy('ordinal')
    .execute();
  const next = rows.map((r, i) => ({ ...r, id: `${prefix}${i}`, meeting_id: meetingIdValue, ordinal: i }));
  const comparable = (r: Row) =>
    JSON.stringify(
      Object.keys(r)
        .sort()
        .map((k) => [k, r[k] ?? null]),
    );
  const same =
    current.length === next.length &&
    current.every(
      (c, i) => comparable(c as Row) === comparable({ ...(current[i] as Row), ...(next[i] as Row) }),
    );
  if (same) return 'noop';
  await db
    .deleteFrom('participant')
    .where('meeting_id', '=', meetingIdValue)
    .where('id', 'like', `${prefix}%`)
    .execute();
  if (next.length > 0) await db.insertInto('participant').values(next).execute();
  for (const p of next)
    await addProvenance(db, 'participant', p.id, { sourceId, locator: `participant ${p.ordinal}` });
  return current.length === 0 ? 'insert' : 'update';
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
  const current = await db
    .selectFrom('speech')
    .selectAll()
    .where('meeting_id', '=', meetingIdValue)
    .where('source_id', '=', sourceId)
    .orderBy('ordinal')
    .execute();
  const same =
    current.length === next.length &&
    current.every((c, i) => JSON.stringify(c) === JSON.stringify({ ...c, ...next[i] }));
  if (same) return 'noop';
  await db
    .deleteFrom('speech')
    .where('meeting_id', '=', meetingIdValue)
    .where('source_id', '=', sourceId)
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
