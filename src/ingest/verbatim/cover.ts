/**
 * Stage 2b, the cover page: reads page 1's runs and writes the record's symbol, meeting number, date,
 * President, members with their representatives and the agenda. The President and member lines are
 * two columns joined by dot leaders ("Belgium . . . . . Mr. Pecsteen de Buytswerve"): the leaders split
 * the line, and a line without leaders continues the state name above it (a long name that wrapped).
 */
import { isoDate } from '../../domain/dates.ts';
import { findState } from '../../domain/states.ts';
import { scanSymbols } from '../../domain/symbols.ts';
import { groupLines } from './layout.ts';
import { monthNumber } from './words.ts';
import type { Finding, Line, PdfPage } from './types.ts';

export interface Cover {
  symbol: string;
  number: number;
  resumption: number | null;
  date: string;
  president: { name: string; state: string | null };
  members: { state: string | null; representative: string; printed?: string }[];
  agenda: { title: string; documents: string[]; subItems: string[] };
}

export class NotVerbatimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotVerbatimError';
  }
}

const SYMBOL = /S\s*\/\s*PV\s*\.\s*(\d{1,5})(?:\s*\(\s*Resumption\s+(\d+)\s*\))?/;
const NUMBER = /\b(\d{1,5})\s*(?:st|nd|rd|th)\s+meeting\b/;
const DATE =
  /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b/;
/** Dot leaders: two or more dots spaced out (". . . ."), where a name column ends. */
const LEADERS = /\s*(?:\.\s+){1,}\.(?:\s+|$)/;

export function readCover(page: PdfPage, name: string, findings: Finding[]): Cover {
  // One column: the cover's label column (President:, Members:) and the two name columns share lines.
  const lines = groupLines(page.runs, page.number, 0);
  const text = lines.map((l) => l.text).join('\n');
  const symbolMatch = SYMBOL.exec(text);
  const numberMatch = NUMBER.exec(text);
  const dateMatch = DATE.exec(text);
  if (/安全理事会/.test(text) && /S\s*\/\s*PV/.test(text) && !dateMatch) {
    throw new NotVerbatimError(
      `${name} is the Chinese edition of a verbatim record; only the English edition can be read so far`,
    );
  }
  if (!symbolMatch || !numberMatch || !dateMatch || !/Security Council/.test(text)) {
    const missing = [
      !/Security Council/.test(text) && '"Security Council"',
      !symbolMatch && 'an S/PV symbol',
      !numberMatch && 'a meeting number',
      !dateMatch && 'a meeting date',
    ].filter(Boolean);
    throw new NotVerbatimError(
      `${name} is not a Security Council verbatim record: its first page has no ${missing.join(', ')} ` +
        '(expected the cover of an S/PV record)',
    );
  }
  const month = monthNumber(dateMatch[2]!);
  if (!month) throw new NotVerbatimError(`${name}: the cover date "${dateMatch[0]}" has no English month`);
  const number = Number(symbolMatch[1]);
  if (Number(numberMatch[1]) !== number) {
    findings.push({
      severity: 'warning',
      code: 'meeting-number',
      message: `the symbol says meeting ${number} but the cover says ${numberMatch[1]}`,
      where: 'cover',
    });
  }
  const resumption = symbolMatch[2] ? Number(symbolMatch[2]) : null;
  return {
    symbol: `S/PV.${number}${resumption ? ` (Resumption ${resumption})` : ''}`,
    number,
    resumption,
    date: isoDate(Number(dateMatch[3]), month, Number(dateMatch[1]), `${name} cover date`),
    ...readMembers(lines, findings),
    agenda: readAgenda(lines),
  };
}

function readMembers(lines: Line[], findings: Finding[]): Pick<Cover, 'president' | 'members'> {
  let president: Cover['president'] = { name: '', state: null };
  const members: Cover['members'] = [];
  let section: 'none' | 'president' | 'members' = 'none';
  let pending = '';
  for (const line of lines) {
    let t = line.text;
    if (/^President\s*:/.test(t)) {
      section = 'president';
      t = t.replace(/^President\s*:\s*/, '');
    } else if (/^Members\s*:/.test(t)) {
      section = 'members';
      t = t.replace(/^Members\s*:\s*/, '');
    } else if (/^Agenda\b/.test(t)) break;
    if (section === 'none' || !t) continue;
    const parts = t.split(LEADERS);
    if (parts.length < 2) {
      // A wrapped name: the part before the leaders continues on the next line.
      if (section === 'members') pending = `${pending} ${t}`.trim();
      continue;
    }
    const left = `${pending} ${parts[0]!}`.trim();
    const right = parts[parts.length - 1]!.trim();
    pending = '';
    if (section === 'president') {
      const printed = right.replace(/^\(|\)$/g, '');
      const state = findState(printed, 'en') ?? null;
      if (!state) findings.push(unknownState(printed, 'cover: President'));
      president = { name: left, state };
    } else {
      const state = findState(left, 'en') ?? null;
      if (!state) findings.push(unknownState(left, 'cover: Members'));
      members.push(
        state ? { state, representative: right } : { state, representative: right, printed: left },
      );
    }
  }
  if (!president.name)
    findings.push({ severity: 'error', code: 'no-president', message: 'no President line', where: 'cover' });
  if (members.length === 0)
    findings.push({ severity: 'error', code: 'no-members', message: 'no Members lines', where: 'cover' });
  return { president, members };
}

/**
 * The agenda: its first line is the item's title (a title that wraps continues at the same indent), the
 * lines indented below it are sub-items and documents; the notice that follows ("This record contains …")
 * is set in a smaller, wider block and ends it. A sub-item that wraps continues at the line spacing; the
 * next one starts after a wider gap (the cover sets 12 pt lines 18 pt apart between entries), whatever
 * words the wrapped line ends or starts with.
 */
function readAgenda(lines: Line[]): Cover['agenda'] {
  const start = lines.findIndex((l) => /^Agenda\b/.test(l.text));
  if (start < 0) return { title: '', documents: [], subItems: [] };
  const head = lines[start]!;
  const body: Line[] = [];
  const rest = head.text.replace(/^Agenda\s*/, '');
  if (rest) body.push({ ...head, text: rest, x: head.x + 50 });
  for (const l of lines.slice(start + 1)) {
    if (/^This record contains\b/.test(l.text)) break;
    body.push(l);
  }
  if (body.length === 0) return { title: '', documents: [], subItems: [] };
  const titleX = body[0]!.x;
  const title: string[] = [];
  let i = 0;
  for (; i < body.length && Math.abs(body[i]!.x - titleX) < 2; i++) title.push(body[i]!.text);
  const subItems: string[] = [];
  for (const [k, l] of body.slice(i).entries()) {
    const above = body[i + k - 1]!;
    // y grows upwards: the gap to the line above, against this line's own size.
    const wrapped = k > 0 && above.y - l.y < 1.5 * l.size;
    if (wrapped) subItems[subItems.length - 1] = `${subItems.at(-1)!} ${l.text}`;
    else subItems.push(l.text);
  }
  const all = body.map((l) => l.text).join(' ');
  const documents = [...new Set(scanSymbols(all).map((s) => s.symbol))];
  return {
    title: title.join(' ').replace(/\s+/g, ' ').trim(),
    documents,
    subItems: subItems.map((t) => t.replace(/\s+/g, ' ').trim()),
  };
}

function unknownState(printed: string, where: string): Finding {
  return {
    severity: 'warning',
    code: 'unknown-state',
    message: `"${printed}" is not a state name we know; kept as printed`,
    where,
  };
}
