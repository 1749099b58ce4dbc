import { parse } from 'csv-parse/sync';
import { permanentSeat } from '../../domain/article27.ts';
import { isoDate } from '../../domain/dates.ts';
import { scanSymbols } from '../../domain/symbols.ts';
import { readHtmlTables, type HeaderRule, type Problem } from '../common/html-table.ts';
import { parseTableDate } from '../common/table-dates.ts';
import { topicKey } from '../../domain/agenda-titles.ts';

/** One vetoed draft as a veto list gives it. */
export interface VetoRecord {
  locator: string;
  line: number | undefined;
  date: string;
  /** The draft's symbol when the list gives one (early entries name only the meeting). */
  draft: string | null;
  /** S/PV.nnnn, or the 2020 videoconference's record letter. */
  meeting: string | null;
  /** The vote-outcome letter of a 2020 videoconference. */
  outcomeLetter: string | null;
  agenda: string;
  vetoedBy: string[];
  /** Decision id, unique within the list and the same in both lists for the same draft. */
  id: string;
}

export interface VetoList {
  file: string;
  records: VetoRecord[];
  problems: Problem[];
}

type Draft = Omit<VetoRecord, 'id'>;

function symbolsOf(text: string) {
  return scanSymbols(text.replace(/S\/(\d+)\s*\((?:as|incorporating)[^)]*\)/gi, 'S/$1 '));
}

function meetingAndLetter(text: string): { meeting: string | null; outcomeLetter: string | null } {
  const syms = symbolsOf(text);
  const first = syms[0];
  if (!first) return { meeting: null, outcomeLetter: null };
  if (first.kind === 'meeting_record') return { meeting: first.symbol, outcomeLetter: null };
  return { meeting: first.symbol, outcomeLetter: syms[1]?.symbol ?? null };
}

function seats(names: string[], where: Omit<Problem, 'message' | 'severity'>, problems: Problem[]): string[] {
  const out = new Set<string>();
  for (const n of names.map((s) => s.trim()).filter(Boolean)) {
    const seat = permanentSeat(n);
    if (seat) out.add(seat);
    else problems.push({ ...where, message: `"${n}" is not a permanent member`, severity: 'error' });
  }
  return [...out].sort();
}

/**
 * Ids: the draft symbol; entries without one are `veto:<meeting>`. Where several entries share that key
 * (two drafts at one meeting, or one draft symbol given twice) the agenda text tells them apart.
 */
function assignIds(drafts: Draft[]): VetoRecord[] {
  const base = drafts.map((d) => d.draft ?? `veto:${d.meeting ?? d.date}`);
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  const used = new Map<string, number>();
  return drafts.map((d, i) => {
    let id = base[i]!;
    if ((count.get(id) ?? 0) > 1) id = `${id}:${topicKey(d.agenda)}`;
    const n = (used.get(id) ?? 0) + 1;
    used.set(id, n);
    return { ...d, id: n > 1 ? `${id}#${n}` : id };
  });
}

function draftSymbol(text: string): string | null {
  const first = symbolsOf(text)[0];
  return first && first.kind === 'document' ? first.symbol : null;
}

const VETO_HEADERS: HeaderRule[] = [
  { key: 'date', test: /^date$/i },
  { key: 'draft', test: /^draft$/i },
  { key: 'record', test: /written\s*record|meeting\s*record/i },
  { key: 'agenda', test: /agenda item|topic/i },
  { key: 'members', test: /negative vote|permanent member/i },
];

export function isVetoTableHtml(html: string): boolean {
  return /Veto List/i.test(html) && /Negative\s*(<br\s*\/?>\s*)?Vote/i.test(html);
}

export function parseVetoTable(html: string, file: string): VetoList {
  const { tables, problems } = readHtmlTables(html, file, VETO_HEADERS);
  const table = tables[0];
  if (!table) throw new Error(`${file}: no table with a header row`);
  for (const key of ['date', 'draft', 'record', 'members'])
    if (!table.columns.some((c) => c.key === key))
      throw new Error(
        `${file}: the veto table has no "${key}" column (headers: ${table.columns.map((c) => c.header).join(' | ')})`,
      );
  const drafts: Draft[] = [];
  for (const r of table.rows) {
    const locator = `table ${table.table} row ${r.row}`;
    const where = { file, line: r.line, locator };
    try {
      const { meeting, outcomeLetter } = meetingAndLetter(r.cells.record?.text ?? '');
      const names = (r.cells.members?.text ?? '').split(/\n|,|;|\band\b/);
      const vetoedBy = seats(names, { ...where, field: 'members' }, problems);
      if (vetoedBy.length === 0) throw new Error('no permanent member named in the negative-vote column');
      drafts.push({
        locator,
        line: r.line,
        date: parseTableDate(r.cells.date?.text ?? '', null, `${file} ${locator} date`, 'last'),
        draft: draftSymbol(r.cells.draft?.text ?? ''),
        meeting,
        outcomeLetter,
        agenda: r.cells.agenda?.text.replace(/\s+/g, ' ') ?? '',
        vetoedBy,
      });
    } catch (e) {
      problems.push({ ...where, message: `${(e as Error).message}; row skipped`, severity: 'error' });
    }
  }
  return { file, records: assignIds(drafts), problems };
}

const CSV_COLUMNS = [
  'date',
  'draft',
  'meeting_record',
  'agenda_item',
  'member_veto1',
  'member_veto2',
  'member_veto3',
];

function csvDate(m: RegExpExecArray, text: string): string {
  try {
    return isoDate(Number(m[3]), Number(m[1]), Number(m[2]));
  } catch {
    throw Object.assign(new Error(`date "${text}" is not a real m/d/yyyy date`), { field: 'date' });
  }
}

/** The world-politics-datalab CSV (1946 to September 2022): m/d/yyyy dates, up to three vetoing members. */
export function parseVetoCsv(text: string, file: string): VetoList {
  const problems: Problem[] = [];
  const rows = parse(text, {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as { record: Record<string, string>; info: { lines: number; columns: unknown } }[];
  const header = rows[0] ? Object.keys(rows[0].record) : [];
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (rows.length > 0 && missing.length > 0)
    throw new Error(`${file}: missing column(s) ${missing.join(', ')} (found: ${header.join(', ')})`);
  const drafts: Draft[] = [];
  rows.forEach(({ record, info }, i) => {
    const locator = `row ${i + 1}`;
    const where = { file, line: info.lines, locator };
    try {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(record.date?.trim() ?? '');
      if (!m) throw Object.assign(new Error(`date "${record.date}" is not m/d/yyyy`), { field: 'date' });
      const { meeting, outcomeLetter } = meetingAndLetter(record.meeting_record ?? '');
      const names = [record.member_veto1, record.member_veto2, record.member_veto3].filter(
        (n): n is string => !!n,
      );
      const vetoedBy = seats(names, { ...where, field: 'member_veto' }, problems);
      if (vetoedBy.length === 0)
        throw Object.assign(new Error('no permanent member in member_veto1..3'), { field: 'member_veto1' });
      drafts.push({
        locator,
        line: info.lines,
        date: csvDate(m, record.date ?? ''),
        draft: draftSymbol(record.draft ?? ''),
        meeting,
        outcomeLetter,
        agenda: (record.agenda_item ?? '').replace(/\s+/g, ' ').trim(),
        vetoedBy,
      });
    } catch (e) {
      problems.push({
        ...where,
        field: (e as { field?: string }).field,
        message: `${(e as Error).message}; row skipped`,
        severity: 'error',
      });
    }
  });
  return { file, records: assignIds(drafts), problems };
}
