/**
 * Reading the 2020 videoconference letters (stage 1). Reads: the CSV of the letters' text
 * (`symbol, date, topic, speech, speaker, country, participanttype, content, spv, filename`, one row per
 * item: the President's covering letter, then each briefing and statement of its annexes), as OCR left it.
 * Writes: one VtcLetter per symbol, its items in order, each with the CSV line it came from; a row that
 * cannot be read (no symbol, a date that is not a date, a bad item number) is a problem naming the file,
 * line and field, and is left out.
 */
import { parse } from 'csv-parse/sync';
import { isoDate, MONTH_NAMES_EN } from '../../domain/dates.ts';
import { tryParseSymbol } from '../../domain/symbols.ts';
import type { Problem } from '../common/report.ts';

export const CSV_COLUMNS = [
  'symbol',
  'date',
  'topic',
  'speech',
  'speaker',
  'country',
  'participanttype',
  'content',
] as const;

export type ItemType = 'president' | 'guest' | 'member_or_state';

export interface LetterItem {
  /** The item's number in its letter, as the CSV gives it. */
  order: number;
  /** As printed; null for the CSV's "NA" and "unknown". */
  speaker: string | null;
  /** As printed: a State ("Viet Nam"), "UN", an organisation ("African Union"), "Individual". */
  country: string | null;
  type: ItemType;
  content: string;
  line: number;
}

export interface VtcLetter {
  symbol: string;
  date: string;
  /** As the CSV gives it; null for "unknown". */
  topic: string | null;
  items: LetterItem[];
  line: number;
}

const TYPES: Record<string, ItemType> = {
  'The President': 'president',
  Guest: 'guest',
  Mentioned: 'member_or_state',
};

const MISSING = new Set(['', 'NA', 'unknown']);

function present(v: string | undefined): string | null {
  const t = (v ?? '').replace(/\s+/g, ' ').trim();
  return MISSING.has(t) ? null : t;
}

/** "30 March 2020" → "2020-03-30"; undefined when it is not such a date. */
export function parseLetterDate(text: string): string | undefined {
  const m = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const month = (MONTH_NAMES_EN as readonly string[]).indexOf(m[2]!);
  if (month < 0) return undefined;
  try {
    return isoDate(Number(m[3]), month + 1, Number(m[1]));
  } catch {
    return undefined;
  }
}

export function parseVtcLetters(text: string, file: string): { letters: VtcLetter[]; problems: Problem[] } {
  const problems: Problem[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, info: true, skip_empty_lines: true, bom: true });
  } catch (e) {
    throw new Error(`${file}: not a readable CSV: ${(e as Error).message}`, { cause: e });
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new Error(
      `${file}: not the videoconference letters CSV: column(s) ${missing.join(', ')} missing (expected ${CSV_COLUMNS.join(', ')})`,
    );
  const bySymbol = new Map<string, VtcLetter>();
  for (const { record: r, info } of records) {
    // csv-parse counts the line a record ends on; a quoted field may span lines.
    const line = info.lines;
    const bad = (field: string, message: string) =>
      problems.push({ file, line, locator: `row ${line}`, field, message, severity: 'error' });
    const symbol = tryParseSymbol(r.symbol ?? '');
    if (!symbol || !/^S\/\d{4}\/\d+$/.test(symbol.text)) {
      bad('symbol', `"${r.symbol ?? ''}" is not a document symbol like S/2020/514; row not imported`);
      continue;
    }
    const date = parseLetterDate(r.date ?? '');
    if (!date) {
      bad('date', `"${r.date ?? ''}" is not a date like "4 June 2020"; row not imported`);
      continue;
    }
    const order = Number(r.speech);
    if (!Number.isInteger(order) || order < 0) {
      bad('speech', `"${r.speech ?? ''}" is not an item number; row not imported`);
      continue;
    }
    const type = TYPES[(r.participanttype ?? '').trim()];
    if (!type) {
      bad(
        'participanttype',
        `"${r.participanttype ?? ''}" is not one of ${Object.keys(TYPES).join(', ')}; row not imported`,
      );
      continue;
    }
    const content = (r.content ?? '').trim();
    if (!content) {
      bad('content', 'empty; row not imported');
      continue;
    }
    let letter = bySymbol.get(symbol.text);
    if (!letter) {
      letter = { symbol: symbol.text, date, topic: present(r.topic), items: [], line };
      bySymbol.set(symbol.text, letter);
    } else if (letter.date !== date) {
      bad('date', `${symbol.text} is dated ${letter.date} on line ${letter.line}; row not imported`);
      continue;
    }
    if (letter.items.some((i) => i.order === order)) {
      bad('speech', `item ${order} of ${symbol.text} appears twice; row not imported`);
      continue;
    }
    letter.items.push({
      order,
      speaker: present(r.speaker),
      country: present(r.country),
      type,
      content,
      line,
    });
  }
  for (const l of bySymbol.values()) l.items.sort((a, b) => a.order - b.order);
  return { letters: [...bySymbol.values()], problems };
}
