import { pipeline, type Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { findState } from '../../domain/states.ts';
import { tryParseSymbol } from '../../domain/symbols.ts';
import type { MemberVote } from '../../store/record.ts';
import { requireColumns } from '../common/csv.ts';
import { checkedText, STREAMED_MAX_BYTES } from '../common/stream.ts';

/**
 * Reads the per-member voting sheet in the layout of the UN's Security Council dashboards
 * (oliverunv/Voting-Agent sc_voting: one row per member and draft). Stage: CSV bytes → vote blocks, one per
 * `ID` (a draft put to the vote), with every row's line. Nothing is matched against the record here
 * (see check.ts); a row this stage cannot read at all is a refusal with its line and field.
 */

/** The sheet's columns ("Date," with its stray comma is how the sheet spells it). */
export const SHEET_COLUMNS = [
  'Year',
  'Date,',
  'Resolution',
  'Meeting',
  'Draft',
  'Agenda item',
  'Category',
  'Region',
  'Submitted by',
  'Outcome results',
  'Vote',
  'Member State',
  'ID',
  'Membership_Status',
  'Topic',
] as const;
const REQUIRED = ['Date,', 'Resolution', 'Draft', 'Meeting', 'Outcome results', 'Vote', 'Member State', 'ID'];

type Row = Partial<Record<(typeof SHEET_COLUMNS)[number], string>>;

const VOTES: Record<string, MemberVote['vote']> = { yes: 'Y', no: 'N', abstain: 'A', abstention: 'A' };

export interface SheetVote extends MemberVote {
  line: number;
  name: string;
}

export interface SheetBlock {
  id: string;
  lines: number[];
  /** The sheet's date as written (YYYY-MM-DD), not yet checked. */
  date: string;
  /** "S/RES/2504 (2020)", or null for a draft not adopted. */
  resolution: string | null;
  draft: string | null;
  /** The draft cell when it is not a document symbol ("Oral amendment"). */
  draftText: string | null;
  /** "S/PV.3326" for a meeting number; the sheet's own code ("V100") for a videoconference. */
  meeting: string | null;
  outcome: string;
  votes: SheetVote[];
}

/** A row, vote or block the import did not take, with the reason key the pages group by. */
export interface Refusal {
  reason: RefusalReason;
  locator: string;
  line: number | null;
  subject: string | null;
  message: string;
}

export type RefusalReason =
  | 'unreadable_row'
  | 'unknown_state'
  | 'bad_vote'
  | 'no_symbol'
  | 'bad_date'
  | 'not_in_record'
  | 'outcome_contradicts_record'
  | 'outcome_label_contradicts_votes'
  | 'not_on_council'
  | 'block_lists_non_members'
  | 'tally_mismatch'
  | 'duplicate_vote'
  | 'conflicting_copies';

export interface SheetReadResult {
  blocks: SheetBlock[];
  rows: number;
  blankRows: number;
  refusals: Refusal[];
}

const clean = (s: string | undefined) => (s ?? '').replace(/\u00a0/g, ' ').trim();

/** "893 (1994)", "S/RES/2752(2024)", "Resolution 2665 (2022)", "2457 (2019)" → "S/RES/893 (1994)". */
export function resolutionSymbol(raw: string): string | null {
  const m = /^(?:S\/RES\/|Resolution\s+)?(\d{1,4})\s*\((\d{4})\)?$/i.exec(clean(raw));
  return m ? `S/RES/${Number(m[1])} (${m[2]})` : null;
}

/** "S/2020/654", "s/2005/515" → the canonical symbol; anything else (an oral amendment) → null. */
export function draftSymbol(raw: string): string | null {
  const text = clean(raw);
  if (!/^s\/\d{4}\/\d+$/i.test(text)) return null;
  return tryParseSymbol(text.toUpperCase())?.text ?? null;
}

function meetingSymbol(raw: string): string | null {
  const text = clean(raw);
  if (text === '') return null;
  if (/^\d+$/.test(text)) return `S/PV.${Number(text)}`;
  return tryParseSymbol(text)?.text ?? text;
}

/** Streams the sheet and groups its rows into vote blocks by `ID`. */
export async function readVotingSheet(
  input: Readable,
  file: string,
  tick: () => void = () => {},
  maxBytes = STREAMED_MAX_BYTES,
): Promise<SheetReadResult> {
  const refusals: Refusal[] = [];
  const groups = new Map<string, { row: Row; line: number }[]>();
  let rows = 0;
  let blankRows = 0;
  // pipeline, not pipe: a file too large, binary or not UTF-8 ends the parse with that error.
  const checked = checkedText(file, maxBytes, 'the voting sheet (CSV)');
  const parser = pipeline(
    input,
    checked,
    parse({
      bom: true,
      columns: requireColumns(file, REQUIRED, { what: "the voting sheet's columns", columns: SHEET_COLUMNS }),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
    // The error, if any, also rejects the loop below, which reports it.
    () => undefined,
  );
  try {
    for await (const rec of parser as AsyncIterable<{ record: Row; info: { lines: number } }>) {
      rows += 1;
      tick();
      const row = rec.record;
      const line = rec.info.lines;
      if (Object.values(row).every((v) => clean(v) === '')) {
        blankRows += 1;
        continue;
      }
      const id = clean(row.ID);
      if (id === '') {
        refusals.push({
          reason: 'unreadable_row',
          locator: `line ${line}`,
          line,
          subject: null,
          message: 'the row has no ID (the draft it belongs to)',
        });
        continue;
      }
      const g = groups.get(id) ?? [];
      g.push({ row, line });
      groups.set(id, g);
    }
  } catch (e) {
    if (checked.errored) throw checked.errored;
    if (!(e instanceof CsvError)) throw e;
    throw new Error(`${file}: ${e.message}`, { cause: e });
  }
  const blocks: SheetBlock[] = [];
  for (const [id, g] of groups) {
    const first = g[0]!.row;
    const lines = g.map((x) => x.line);
    const locator = `ID ${id} (lines ${lines[0]}–${lines.at(-1)})`;
    const resolution = clean(first.Resolution) ? resolutionSymbol(first.Resolution!) : null;
    // The sheet sometimes swaps the two cells (S/RES/2781 (2025) in "Draft", S/2025/270 in "Resolution").
    const draftCell = clean(first.Draft);
    const draft = draftSymbol(draftCell);
    const subject = resolution ?? draft ?? (draftCell || null);
    if (!resolution && !draft) {
      refusals.push({
        reason: 'no_symbol',
        locator,
        line: lines[0]!,
        subject,
        message: `neither a resolution ("${clean(first.Resolution)}") nor a draft symbol ("${draftCell}") to match the block to a decision`,
      });
      continue;
    }
    const votes: SheetVote[] = [];
    for (const { row, line } of g) {
      // A member's row that cannot be read is refused on its own line; the block keeps the others.
      const refuseRow = (reason: RefusalReason, message: string) =>
        refusals.push({ reason, locator: `line ${line}`, line, subject, message });
      const name = clean(row['Member State']);
      const state = findState(name, 'en');
      if (!state) {
        refuseRow('unknown_state', `"Member State" "${name}" is not a state name the reference list knows`);
        continue;
      }
      const vote = VOTES[clean(row.Vote).toLowerCase()];
      if (!vote) {
        refuseRow('bad_vote', `"Vote" "${clean(row.Vote)}" is not Yes, No or Abstain`);
        continue;
      }
      votes.push({ state, vote, line, name });
    }
    blocks.push({
      id,
      lines,
      date: clean(first['Date,']),
      resolution,
      draft,
      draftText: draft ? null : draftCell || null,
      meeting: meetingSymbol(first.Meeting ?? ''),
      outcome: clean(first['Outcome results']),
      votes,
    });
  }
  return { blocks, rows, blankRows, refusals };
}
