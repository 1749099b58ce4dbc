/**
 * `council import vtc-letters FILE.csv`: the 2020 videoconference letters as a source of their own.
 * Reads the CSV (parse.ts), the meetings and named participants already in the record; writes, in one
 * transaction through src/store/record.ts: the source (`vtc-letters:<file>`), each letter's meeting
 * merged with the same videoconference already in the record (match.ts; a disagreeing date is kept as a
 * conflict) or, when none matches, a meeting of its own keyed by the letter's symbol; its participants
 * with names normalised (names.ts, participants.ts); its briefings and statements as speeches. Every
 * letter that could not be matched, and every name kept as printed, is in the report. Same file again:
 * all noop.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Store } from '../../store/db.ts';
import { recordSource } from '../common/source-row.ts';
import {
  mergeMeeting,
  mergeParticipants,
  replaceSpeeches,
  tally,
  type Db,
  type Outcome,
} from '../../store/record.ts';
import type { SpeechTable } from '../../store/tables/core.ts';
import { DEFAULT_SOURCE_MAX_BYTES, readInputFile } from '../common/file.ts';
import type { ImportReport, Problem } from '../common/report.ts';
import { createProgress, type Progress } from '../progress.ts';
import { matchLetter, type LetterMatch, type MeetingCandidate } from './match.ts';
import { NameResolver, type KnownPerson } from './names.ts';
import { parseVtcLetters, type VtcLetter } from './parse.ts';
import { lettersPeople, stateOf } from './participants.ts';

export interface VtcLettersReport extends ImportReport<'meetings' | 'participants' | 'speeches'> {
  kind: 'vtc-letters';
  /** How each letter found its meeting: by symbol, by date and topic, or none (a record of its own). */
  letters: { symbol: string; meeting: string; by: LetterMatch['by']; candidates?: string[] }[];
  /** Names kept as printed (flagged in the record), over all letters. */
  names: { matched: number; corrected: number; unresolved: number };
}

export const SOURCE_PREFIX = 'vtc-letters:';

/** The letters file read and parsed; nothing written yet. */
export interface VtcLettersInput {
  path: string;
  bytes: Buffer;
  letters: VtcLetter[];
  problems: Problem[];
}

export function readVtcLetters(path: string, maxBytes = DEFAULT_SOURCE_MAX_BYTES): VtcLettersInput {
  const bytes = readInputFile(path, { maxBytes });
  const { letters, problems } = parseVtcLetters(bytes.toString('utf8'), path);
  if (letters.length === 0) throw new Error(`${path}: no letter could be read from it`);
  return { path, bytes, letters, problems };
}

export async function importVtcLetters(
  store: Store,
  path: string,
  options: { progress?: Progress } = {},
): Promise<VtcLettersReport> {
  return writeVtcLetters(store, readVtcLetters(path), options);
}

export async function writeVtcLetters(
  store: Store,
  { path, bytes, letters, problems }: VtcLettersInput,
  options: { progress?: Progress } = {},
): Promise<VtcLettersReport> {
  const progress = options.progress ?? createProgress({ mode: 'silent' });
  const sourceId = `${SOURCE_PREFIX}${basename(path)}`;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const counts = { meetings: [] as Outcome[], participants: [] as Outcome[], speeches: [] as Outcome[] };
  const report: VtcLettersReport = {
    kind: 'vtc-letters',
    sources: [],
    meetings: tally([]),
    participants: tally([]),
    speeches: tally([]),
    letters: [],
    names: { matched: 0, corrected: 0, unresolved: 0 },
    problems,
  };
  const warn = (line: number, locator: string, message: string, field?: string) =>
    problems.push({ file: path, line, locator, message, severity: 'warning', ...(field ? { field } : {}) });

  const unresolved = new Map<string, { line: number; items: string[] }>();
  await store.db.transaction().execute(async (trx) => {
    const sourceOutcome = await recordSource(trx, {
      id: sourceId,
      kind: 'vtc_letters',
      uri: basename(path),
      title:
        'Letters of the President of the Security Council recording the 2020 videoconferences (text by OCR)',
      lang: 'en',
      sha256,
    });
    report.sources.push({ id: sourceId, path, outcome: sourceOutcome, rows: letters.length });

    const dates = letters.map((l) => l.date).sort();
    const meetings = await trx
      .selectFrom('meeting')
      .leftJoin('agenda_item', 'agenda_item.id', 'meeting.agenda_item_id')
      .select([
        'meeting.id',
        'meeting.date',
        'meeting.format',
        'meeting.record_symbol',
        'meeting.topic',
        'meeting.title_en',
        'agenda_item.title_en as item_title',
      ])
      .where((eb) =>
        eb.or([
          eb(
            'meeting.id',
            'in',
            letters.map((l) => l.symbol),
          ),
          eb.and([eb('meeting.date', '>=', dates[0]!), eb('meeting.date', '<=', dates.at(-1)!)]),
        ]),
      )
      .execute();
    // A meeting only this source stands behind is the letter's own record from an earlier import, not a
    // meeting another source knows: the report must say the same on every run.
    const others = new Set(
      meetings.length === 0
        ? []
        : (
            await trx
              .selectFrom('provenance')
              .select('entity_id')
              .where('entity_type', '=', 'meeting')
              .where('source_id', '!=', sourceId)
              .where(
                'entity_id',
                'in',
                meetings.map((m) => m.id),
              )
              .execute()
          ).map((r) => r.entity_id),
    );
    const byId = new Map<string, MeetingCandidate>();
    const byDate = new Map<string, MeetingCandidate[]>();
    for (const m of meetings.filter((x) => others.has(x.id))) {
      const c: MeetingCandidate = {
        id: m.id,
        date: m.date,
        format: m.format,
        record_symbol: m.record_symbol,
        words: [m.topic, m.title_en, m.item_title].filter(Boolean).join(' '),
      };
      byId.set(c.id, c);
      byDate.set(c.date, [...(byDate.get(c.date) ?? []), c]);
    }
    const claimed = new Set(letters.map((l) => l.symbol).filter((s) => byId.has(s)));
    const names = new NameResolver(await knownPeople(trx));

    progress.start(`import ${sourceId}`, letters.length);
    for (const letter of letters) {
      const match = matchLetter(letter, byId, byDate, claimed);
      const locator = `${letter.symbol} (line ${letter.line})`;
      const prov = { sourceId, locator };
      const target = 'meeting' in match ? match.meeting : undefined;
      const id = target?.id ?? letter.symbol;
      report.letters.push({
        symbol: letter.symbol,
        meeting: id,
        by: match.by,
        ...(match.by === 'ambiguous' ? { candidates: match.candidates } : {}),
      });
      if (match.by === 'none')
        warn(
          letter.line,
          letter.symbol,
          `no meeting in the record on ${letter.date} on "${letter.topic ?? 'unknown topic'}": kept as a videoconference of its own`,
        );
      if (match.by === 'ambiguous')
        warn(
          letter.line,
          letter.symbol,
          `${match.candidates.length} meetings of ${letter.date} could be "${letter.topic}" (${match.candidates.join(', ')}): kept as a videoconference of its own`,
        );
      counts.meetings.push(await mergeMeeting(trx, meetingRow(letter, target), prov));
      const people = lettersPeople(letter, names);
      for (const p of people.participants) if (p.name_check) report.names[p.name_check] += 1;
      for (const u of people.unresolved) {
        const key = `${u.what} (${u.item.country ?? 'no country'})`;
        const seen = unresolved.get(key);
        if (seen) seen.items.push(`${letter.symbol} item ${u.item.order}`);
        else unresolved.set(key, { line: u.item.line, items: [`${letter.symbol} item ${u.item.order}`] });
      }
      counts.participants.push(
        await mergeParticipants(
          trx,
          id,
          { group: sourceId, sourceId },
          people.participants.map((p, i) => ({ ...p, locator: `participant ${i}` })),
        ),
      );
      const speeches: SpeechTable[] = people.statements.map((s) => ({
        id: `${id}#${sourceId}#${s.item.order}`,
        meeting_id: id,
        source_id: sourceId,
        ordinal: s.item.order,
        speaker: s.speaker,
        state: s.state,
        organisation: s.organisation,
        // The annexes are the texts as issued in English; the language spoken is not given.
        language: null,
        page: null,
        text: s.item.content,
      }));
      counts.speeches.push(
        await replaceSpeeches(
          trx,
          id,
          sourceId,
          speeches,
          people.statements.map((s) => `${letter.symbol} item ${s.item.order} (line ${s.item.line})`),
        ),
      );
      progress.tick();
    }
    progress.stop();
  });
  // One line per name kept as printed, not one per item: the same OCR'd name recurs across letters.
  for (const [what, u] of unresolved)
    warn(
      u.line,
      u.items.length > 3
        ? `${u.items.slice(0, 3).join(', ')} and ${u.items.length - 3} more`
        : u.items.join(', '),
      `${what} kept as printed, flagged: no known person of that State or organisation matches it`,
      'speaker',
    );
  report.meetings = tally(counts.meetings);
  report.participants = tally(counts.participants);
  report.speeches = tally(counts.speeches);
  return report;
}

/**
 * The meeting row a letter gives. For a meeting already in the record, its date and symbol (a different
 * date is a conflict) and its format as the record has it; for a new one, the letter's topic and an open
 * videoconference: the letters publish the briefings and statements, which only open videoconferences
 * made public; the record's note, and `meeting.inferred`, say that the format rests on this.
 */
function meetingRow(letter: VtcLetter, target: MeetingCandidate | undefined) {
  // The President who signed the letter: the State holding the presidency (a different one is a conflict).
  const presidency = stateOf(letter.items.find((i) => i.type === 'president')?.country ?? null);
  if (target)
    return {
      id: target.id,
      date: letter.date,
      presidency,
      format: target.format as 'open_vtc',
      record_symbol: target.record_symbol ?? letter.symbol,
      // Filled only where the record has no topic (record.ts): the same in whichever order sources come.
      topic: letter.topic,
    };
  // The format is inferred, not stated: a source stating it later replaces it, and the note goes with it.
  const note = `Recorded from the letter ${letter.symbol}: open videoconference inferred from the published briefings and statements.`;
  return {
    id: letter.symbol,
    date: letter.date,
    presidency,
    format: 'open_vtc' as const,
    record_symbol: letter.symbol,
    topic: letter.topic,
    notes: JSON.stringify([note]),
    inferred: JSON.stringify({ format: note }),
  };
}

/** Named participants of other sources, with their meeting's date: the people names are checked against. */
async function knownPeople(db: Db): Promise<KnownPerson[]> {
  const rows = await db
    .selectFrom('participant')
    .innerJoin('meeting', 'meeting.id', 'participant.meeting_id')
    .select(['participant.name', 'participant.state', 'meeting.date'])
    .where('participant.name', 'is not', null)
    .where('participant.name_check', 'is', null)
    .where('participant.id', 'not like', `%#${SOURCE_PREFIX}%`)
    .execute();
  return rows.map((r) => ({ name: r.name!, state: r.state, date: r.date }));
}
