import { pipeline, type Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { parseIsoDate } from '../../domain/dates.ts';
import { getState } from '../../domain/states.ts';
import { tryParseSymbol } from '../../domain/symbols.ts';
import type { MemberVote } from '../../store/record.ts';
import { requireColumns } from '../common/csv.ts';
import type { Problem } from '../common/report.ts';
import { checkedText, STREAMED_MAX_BYTES } from '../common/stream.ts';

/** The documented columns of the UN Digital Library "Security Council voting data" CSV. */
export const UNDL_COLUMNS = [
  'undl_id',
  'ms_code',
  'ms_name',
  'permanent_member',
  'ms_vote',
  'date',
  'resolution',
  'draft',
  'meeting',
  'description',
  'agenda',
  'subjects',
  'vote_note',
  'modality',
  'total_yes',
  'total_no',
  'total_abstentions',
  'total_non_voting',
  'total_ms',
  'undl_link',
] as const;

/** Columns a row cannot do without; the others are descriptive. */
const REQUIRED = [
  'undl_id',
  'ms_code',
  'ms_vote',
  'date',
  'total_yes',
  'total_no',
  'total_abstentions',
  'total_non_voting',
];

type Row = Partial<Record<(typeof UNDL_COLUMNS)[number], string>>;

export interface UndlDecision {
  undlId: string;
  /** Line of the first row of the decision. */
  line: number;
  lines: number[];
  symbol: string | null;
  draft: string | null;
  date: string;
  meeting: string | null;
  description: string | null;
  modality: 'vote' | 'without_vote' | 'written_procedure' | null;
  totals: { yes: number; no: number; abstentions: number; nonVoting: number };
  votes: MemberVote[];
  link: string | null;
}

export interface UndlReadResult {
  decisions: UndlDecision[];
  rows: number;
  problems: Problem[];
}

class RowError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function intField(row: Row, field: keyof Row): number {
  const v = (row[field] ?? '').trim();
  if (!/^\d{1,2}$/.test(v)) throw new RowError(field, `${field} "${v}" is not a whole number of members`);
  return Number(v);
}

function symbolField(row: Row, field: 'resolution' | 'draft' | 'meeting'): string | null {
  const raw = (row[field] ?? '').trim();
  if (raw === '') return null;
  const s = tryParseSymbol(raw.replace(/^(S\/RES\/\d+)\s*\((\d{4})\)$/, '$1 ($2)'));
  if (!s) throw new RowError(field, `${field} "${raw}" is not a UN document symbol`);
  return s.text;
}

function modalityOf(text: string | undefined): UndlDecision['modality'] {
  const t = (text ?? '').toLowerCase();
  if (t.includes('written')) return 'written_procedure';
  if (t.includes('without') || t.includes('consensus')) return 'without_vote';
  if (t.includes('vot') || t.includes('recorded')) return 'vote';
  return null;
}

/**
 * Streams the CSV and groups its rows (one per member per decision) into decisions. A bad row is reported
 * with its line and field and left out; a decision whose totals disagree with its members' votes is
 * reported and left out whole (missing data is better than wrong data).
 */
export async function readUndlVoting(
  input: Readable,
  file: string,
  tick: () => void = () => {},
  maxBytes = STREAMED_MAX_BYTES,
): Promise<UndlReadResult> {
  const problems: Problem[] = [];
  const groups = new Map<string, { rows: { row: Row; line: number }[] }>();
  let rows = 0;
  let headerChecked = false;
  const checked = checkedText(file, maxBytes, 'the UNDL voting CSV');
  const checkHeader = requireColumns(file, REQUIRED, {
    what: 'the UNDL voting-data columns',
    columns: UNDL_COLUMNS,
  });
  // pipeline, not pipe: an error of the input or of the check ends the parse with that error.
  const parser = pipeline(
    input,
    checked,
    parse({
      bom: true,
      columns: (header: string[]) => {
        const names = checkHeader(header);
        headerChecked = true;
        return names;
      },
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }),
    // The error, if any, also rejects the loop below, which reports it.
    () => undefined,
  );
  try {
    for await (const rec of parser as AsyncIterable<{ record: Row; info: { lines: number }; raw: string }>) {
      rows += 1;
      tick();
      // info.lines is the line the record ends on (its closing newline not yet counted).
      const line = rec.info.lines - (rec.raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
      const where = { file, line, locator: `line ${line}` };
      try {
        const row = rec.record;
        for (const c of REQUIRED)
          if (row[c as keyof Row] === undefined)
            throw new RowError(c, `the row ends before column "${c}" (truncated or missing fields)`);
        const code = row.ms_code!.trim();
        if (!getState(code))
          throw new RowError('ms_code', `unknown state code "${code}" (expected an ISO 3166 alpha-3 code)`);
        if (!/^[YNAX]$/.test(row.ms_vote!.trim()))
          throw new RowError('ms_vote', `vote "${row.ms_vote}" is not one of Y, N, A, X`);
        const id = row.undl_id!.trim();
        if (id === '') throw new RowError('undl_id', 'empty undl_id');
        const g = groups.get(id) ?? { rows: [] };
        g.rows.push({ row, line });
        groups.set(id, g);
      } catch (e) {
        if (!(e instanceof RowError)) throw e;
        problems.push({ ...where, field: e.field, message: `${e.message}; row skipped`, severity: 'error' });
      }
    }
  } catch (e) {
    if (checked.errored) throw checked.errored;
    if (!(e instanceof CsvError)) throw e;
    if (!headerChecked && rows === 0 && !/quote/i.test(e.message))
      throw new Error(`${file}: ${e.message}`, { cause: e });
    const line = (e as CsvError & { lines?: number }).lines;
    problems.push({
      file,
      line,
      locator: `line ${line ?? '?'}`,
      message: `${e.message} (the file ends inside a row: truncated?); the rest of the file was not read`,
      severity: 'error',
    });
  }
  const decisions: UndlDecision[] = [];
  for (const [undlId, g] of groups) {
    const first = g.rows[0]!;
    const where = {
      file,
      line: first.line,
      locator: `undl_id ${undlId} (lines ${g.rows.map((r) => r.line).join(', ')})`,
    };
    try {
      const r = first.row;
      const totals = {
        yes: intField(r, 'total_yes'),
        no: intField(r, 'total_no'),
        abstentions: intField(r, 'total_abstentions'),
        nonVoting: intField(r, 'total_non_voting'),
      };
      for (const other of g.rows.slice(1)) {
        for (const f of ['total_yes', 'total_no', 'total_abstentions', 'total_non_voting', 'date'] as const) {
          if ((other.row[f] ?? '').trim() !== (r[f] ?? '').trim())
            throw new RowError(
              f,
              `line ${other.line} gives ${f} "${other.row[f]}" but line ${first.line} gives "${r[f]}"`,
            );
        }
      }
      const votes: MemberVote[] = g.rows.map(({ row }) => ({
        state: row.ms_code!.trim(),
        vote: row.ms_vote!.trim() as MemberVote['vote'],
      }));
      const seen = new Set<string>();
      for (const [i, v] of votes.entries()) {
        if (seen.has(v.state))
          throw new RowError('ms_code', `line ${g.rows[i]!.line}: ${v.state} votes twice`);
        seen.add(v.state);
      }
      const count = (x: string) => votes.filter((v) => v.vote === x).length;
      const checks: [keyof typeof totals, string, string][] = [
        ['yes', 'Y', 'total_yes'],
        ['no', 'N', 'total_no'],
        ['abstentions', 'A', 'total_abstentions'],
        ['nonVoting', 'X', 'total_non_voting'],
      ];
      for (const [k, code, field] of checks) {
        if (totals[k] !== count(code))
          throw new RowError(
            field,
            `${field} is ${totals[k]} but the members' rows give ${count(code)} "${code}" vote(s)`,
          );
      }
      const symbol = symbolField(r, 'resolution');
      const draft = symbolField(r, 'draft');
      if (!symbol && !draft) throw new RowError('resolution', 'neither a resolution nor a draft symbol');
      let date: string;
      try {
        date = parseIsoDate((r.date ?? '').trim().slice(0, 10));
      } catch {
        throw new RowError('date', `date "${r.date}" is not YYYY-MM-DD`);
      }
      decisions.push({
        undlId,
        line: first.line,
        lines: g.rows.map((x) => x.line),
        symbol,
        draft,
        date,
        meeting: symbolField(r, 'meeting'),
        description: (r.description ?? '').trim() || null,
        modality: modalityOf(r.modality),
        totals,
        votes,
        link: (r.undl_link ?? '').trim() || null,
      });
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      problems.push({
        ...where,
        field: e.field,
        message: `${e.message}; decision not imported`,
        severity: 'error',
      });
    }
  }
  return { decisions, rows, problems };
}
