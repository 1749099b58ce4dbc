/**
 * Storing a verbatim record in the record (after the pipeline). Reads: an extracted VerbatimRecord, its
 * turns and its file's bytes. Writes, in one transaction, through src/store/record.ts: the source
 * (`verbatim:S/PV.8701:en`); the meeting (merged with the same meeting from the UN Library's table or a
 * Repertoire section: one row, both provenances, a disagreeing date or tally kept as a conflict); its
 * participants (President, members, states invited under rule 37, briefers under rule 39, observers
 * invited by practice); its decisions with per-member votes (provenance: the page); and the speeches,
 * which the source owns outright and replaces as a whole when they changed. What changed (RecordChanges)
 * goes to the caller's `follow` in the same transaction: the search index re-indexes it. Same file again →
 * all noop.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Insertable } from 'kysely';
import { findOffice } from '../../domain/offices.ts';
import { findState } from '../../domain/states.ts';
import type { Store } from '../../store/db.ts';
import { recordSource } from '../common/source-row.ts';
import {
  decisionId,
  mergeDecision,
  mergeDocument,
  mergeMeeting,
  mergeParticipants,
  meetingId,
  noChanges,
  replaceSpeeches,
  tally,
  type FollowChanges,
  type Outcome,
} from '../../store/record.ts';
import type { DecisionTable, ParticipantTable, SpeechTable } from '../../store/tables/core.ts';
import type { Decision } from './decisions.ts';
import type { Turn, VerbatimRecord } from './types.ts';

export type { WriteCounts } from '../common/report.ts';
import type { WriteCounts } from '../common/report.ts';

export interface VerbatimIngestReport {
  file: string;
  sourceId: string;
  meetingId: string;
  counts: Record<string, WriteCounts>;
  total: WriteCounts;
  findings: number;
  /** Decisions the record cannot hold (a procedural vote or an oral amendment has no symbol). */
  notStored: string[];
}

const COUNCIL_SIZE = 15;

/** The English edition is what the reader reads; a Chinese edition would be `verbatim:…:zh`. */
export function verbatimSourceId(symbol: string, lang: 'en' | 'zh' = 'en'): string {
  return `verbatim:${symbol}:${lang}`;
}

export async function ingestVerbatim(
  store: Store,
  record: VerbatimRecord,
  turns: Turn[],
  file: string,
  bytes: Uint8Array,
  /** Runs in the write's transaction with what it changed (the search index: indexer.ts indexChanges). */
  follow?: FollowChanges,
): Promise<VerbatimIngestReport> {
  const sourceId = verbatimSourceId(record.symbol);
  const m = record.meeting;
  const id = meetingId({ recordSymbol: record.symbol, date: m.date, format: 'formal_public' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const counts: Record<string, Outcome[]> = {};
  const note = (kind: string, o: Outcome) => (counts[kind] ??= []).push(o);
  const notStored: string[] = [];
  const changes = noChanges();
  /** Notes an outcome, and the entity among those the index follows when it changed. */
  const noteChange = (kind: string, o: Outcome, changed: string[], entity: string) => {
    note(kind, o);
    if (o !== 'noop') changed.push(entity);
  };

  await store.db.transaction().execute(async (trx) => {
    note(
      'source',
      await recordSource(trx, {
        id: sourceId,
        kind: 'verbatim_record',
        uri: basename(file),
        title: `${record.symbol}, ${m.agenda.title} (${m.date})`,
        lang: 'en',
        sha256,
      }),
    );
    const cover = { sourceId, locator: 'page 1' };
    noteChange(
      'meeting',
      await mergeMeeting(
        trx,
        {
          id,
          date: m.date,
          format: 'formal_public',
          record_symbol: record.symbol,
          presidency: m.president.state,
          // The cover's sub-items, as printed; none printed is nothing known, not an empty list.
          sub_items_en: m.agenda.subItems?.length ? JSON.stringify(m.agenda.subItems) : null,
          // Another source's wording of the topic is not a disagreement (record.ts fills it only when empty).
          topic: m.agenda.title || null,
        },
        cover,
      ),
      changes.meetings,
      id,
    );
    note(
      'document',
      await mergeDocument(trx, { symbol: record.symbol, kind: 'verbatim_record', date: m.date }, cover),
    );
    // Merged with the same people named by the meeting's other sources (a Repertoire section, a letter).
    noteChange(
      'participant',
      await mergeParticipants(
        trx,
        id,
        { group: sourceId, sourceId },
        participantRows(record).map((p, i) => ({ ...p, locator: `participant ${i}` })),
      ),
      changes.meetings,
      id,
    );
    for (const d of m.decisions as Decision[]) {
      const row = decisionRow(d, id, m.date);
      if (!row) {
        notStored.push(`${d.kind} on page ${d.page}`);
        continue;
      }
      const votes = Object.entries(d.votes).map(([state, vote]) => ({ state, vote }));
      noteChange(
        'decision',
        await mergeDecision(
          trx,
          row,
          { sourceId, locator: `page ${d.page}` },
          votes.length ? votes : undefined,
        ),
        changes.decisions,
        row.id,
      );
    }
    noteChange(
      'speech',
      await replaceSpeeches(trx, id, sourceId, speechRows(id, sourceId, turns)),
      changes.speeches,
      id,
    );
    if (follow) await follow(trx, changes);
  });

  const out: Record<string, WriteCounts> = {};
  for (const [k, v] of Object.entries(counts)) out[k] = tally(v);
  return {
    file,
    sourceId,
    meetingId: id,
    counts: out,
    total: tally(Object.values(counts).flat()),
    findings: record.findings.length,
    notStored,
  };
}

type ParticipantRow = Omit<Insertable<ParticipantTable>, 'id' | 'meeting_id'>;

function participantRows(r: VerbatimRecord): ParticipantRow[] {
  const m = r.meeting;
  const base = {
    role_zh: null,
    office: null,
    organisation: null,
    mission: null,
    gender: null,
  } as const;
  const rows: ParticipantRow[] = [];
  const push = (p: Omit<ParticipantRow, 'ordinal' | keyof typeof base> & Partial<ParticipantRow>) =>
    rows.push({ ...base, ...p, ordinal: rows.length });
  push({ kind: 'chair', role_en: 'President', state: m.president.state, name: m.president.name || null });
  for (const x of m.members)
    if (!x.president) push({ kind: 'member', role_en: null, state: x.state, name: x.representative });
  for (const s of m.rule37) push({ kind: 'invited', role_en: 'rule 37', state: s, name: null });
  for (const b of m.rule39)
    push({
      kind: 'briefer',
      role_en: b.role,
      office: b.role ? (findOffice(b.role, 'en') ?? null) : null,
      state: null,
      name: b.name,
    });
  const others = (m as { otherInvitations?: { role: string }[] }).otherInvitations ?? [];
  for (const o of others)
    push({
      kind: 'invited',
      role_en: o.role,
      // "the Permanent Observer of the Observer State of Palestine": the state when its name is in the role.
      state:
        findState(o.role.replace(/^.*Observer State of (?:the )?(.+?) to the United Nations$/, '$1'), 'en') ??
        null,
      name: null,
    });
  return rows;
}

function decisionRow(d: Decision, meeting: string, date: string): Insertable<DecisionTable> | undefined {
  const kind: DecisionTable['kind'] = d.kind === 'amendment' || d.kind === 'procedural' ? 'other' : d.kind;
  if (!d.symbol && !d.draft) return undefined;
  const cast = d.vote ? d.vote.for + d.vote.against + d.vote.abstaining : null;
  return {
    id: decisionId({ symbol: d.symbol, draftSymbol: d.draft }),
    kind,
    symbol: d.symbol,
    draft_symbol: d.draft,
    meeting_id: meeting,
    date,
    modality: d.vote ? 'vote' : 'without_vote',
    adopted: d.adopted === null ? null : d.adopted ? 1 : 0,
    vote_for: d.vote?.for ?? null,
    vote_against: d.vote?.against ?? null,
    vote_abstaining: d.vote?.abstaining ?? null,
    // As the UN Library's table counts it: seats not voting.
    vote_absent: cast !== null && cast <= COUNCIL_SIZE ? COUNCIL_SIZE - cast : null,
  };
}

function speechRows(meeting: string, sourceId: string, turns: Turn[]): SpeechTable[] {
  return turns.map((t) => ({
    id: `${meeting}#${sourceId}#${t.order}`,
    meeting_id: meeting,
    source_id: sourceId,
    ordinal: t.order,
    speaker: t.name,
    state: t.state,
    organisation: t.organisation,
    language: t.language,
    page: t.page,
    text: t.text,
  }));
}
