/**
 * UN document symbols: parse, validate, normalise, format, and find them in free text.
 * Canonical forms follow the UN's own usage: "S/RES/2518 (2020)", "S/PV.8743 (Resumption 1)", "S/2020/514".
 */
import { allMatches } from '../lib/matches.ts';

export type SymbolKind =
  'resolution' | 'presidential_statement' | 'meeting_record' | 'document' | 'ga_resolution' | 'other';

export interface UnSymbol {
  kind: SymbolKind;
  /** The organ's series: "S" (Security Council), "A" (General Assembly), ... */
  body: string;
  year?: number;
  number?: number;
  /** General Assembly session, for A/RES/74/270. */
  session?: number;
  resumption?: number;
  /** Trailing components such as "Add.1", "Corr.1", "Rev.2". */
  suffixes: string[];
  /** The canonical text. */
  text: string;
}

export class InvalidSymbolError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid UN document symbol "${input}": ${reason}`);
    this.name = 'InvalidSymbolError';
  }
}

const FIRST_YEAR = 1946;
const LAST_YEAR = 2100;
const SUFFIX = String.raw`(?:/(?:Add|Corr|Rev|Amend)\.\d+)*`;

const PATTERNS: { kind: SymbolKind; re: RegExp }[] = [
  { kind: 'resolution', re: new RegExp(String.raw`^S/RES/(\d{1,4})\s*\((\d{4})\)(${SUFFIX})$`) },
  { kind: 'presidential_statement', re: new RegExp(String.raw`^S/PRST/(\d{4})/(\d{1,3})(${SUFFIX})$`) },
  {
    kind: 'meeting_record',
    re: new RegExp(String.raw`^S/PV\.(\d{1,5})(?:\s*\(Resumption\s*(\d{1,2})\))?(${SUFFIX})$`, 'i'),
  },
  { kind: 'ga_resolution', re: new RegExp(String.raw`^A/RES/(\d{1,3})/(\d{1,4})(${SUFFIX})$`) },
  { kind: 'document', re: new RegExp(String.raw`^S/(\d{4})/(\d{1,5})(${SUFFIX})$`) },
  // Before 1994 Council documents were numbered in one series: S/25704.
  { kind: 'document', re: new RegExp(String.raw`^S/(\d{1,5})(${SUFFIX})$`) },
];

/** Any code unit outside ASCII (one pattern, no global flag: `test` keeps no state). */
export const NON_ASCII = /[\u0080-\uffff]/;
const SPACE = /\s/;

function clean(input: string): string {
  // NFKC folds full-width letters, digits, slashes and brackets ("Ｓ／２０２０／５１４") to ASCII. Symbols
  // found in text are mostly plain ASCII with no spacing to tidy, which every step would return unchanged.
  const folded = NON_ASCII.test(input) ? input.normalize('NFKC') : input;
  if (!SPACE.test(folded)) return folded;
  return folded
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*\/\s*/g, '/');
}

function suffixes(raw: string | undefined): string[] {
  return raw ? raw.split('/').filter(Boolean) : [];
}

function checkYear(input: string, year: number): void {
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new InvalidSymbolError(input, `year ${year} is outside ${FIRST_YEAR}–${LAST_YEAR}`);
  }
}

function positive(input: string, n: number, what: string): void {
  if (n < 1) throw new InvalidSymbolError(input, `${what} must be a positive number`);
}

/** Parses a symbol; throws InvalidSymbolError naming the input and what is wrong. */
export function parseSymbol(input: string): UnSymbol {
  const text = clean(input);
  if (text === '') throw new InvalidSymbolError(input, 'it is empty');
  for (const { kind, re } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    switch (kind) {
      case 'resolution': {
        const number = Number(m[1]);
        const year = Number(m[2]);
        positive(input, number, 'resolution number');
        checkYear(input, year);
        return build({ kind, body: 'S', number, year, suffixes: suffixes(m[3]) });
      }
      case 'presidential_statement': {
        const year = Number(m[1]);
        const number = Number(m[2]);
        checkYear(input, year);
        positive(input, number, 'statement number');
        return build({ kind, body: 'S', number, year, suffixes: suffixes(m[3]) });
      }
      case 'meeting_record': {
        const number = Number(m[1]);
        positive(input, number, 'meeting number');
        const resumption = m[2] ? Number(m[2]) : undefined;
        return build({
          kind,
          body: 'S',
          number,
          ...(resumption ? { resumption } : {}),
          suffixes: suffixes(m[3]),
        });
      }
      case 'ga_resolution': {
        const session = Number(m[1]);
        const number = Number(m[2]);
        positive(input, session, 'session');
        positive(input, number, 'resolution number');
        return build({ kind, body: 'A', session, number, suffixes: suffixes(m[3]) });
      }
      case 'document': {
        if (m.length === 4 && m[3] !== undefined && /^\d{4}$/.test(m[1]!)) {
          const year = Number(m[1]);
          const number = Number(m[2]);
          checkYear(input, year);
          if (year < 1994) throw new InvalidSymbolError(input, 'year-numbered S/ documents begin in 1994');
          positive(input, number, 'document number');
          return build({ kind, body: 'S', year, number, suffixes: suffixes(m[3]) });
        }
        const number = Number(m[1]);
        positive(input, number, 'document number');
        return build({ kind, body: 'S', number, suffixes: suffixes(m[2]) });
      }
      default:
        break;
    }
  }
  throw new InvalidSymbolError(
    input,
    'expected a form such as S/2020/514, S/RES/2518 (2020), S/PV.8743, S/PRST/2020/5 or A/RES/74/270',
  );
}

function build(parts: Omit<UnSymbol, 'text'>): UnSymbol {
  // `parts` is always a fresh literal: the text is added to it (a spread copy costs more than the parse).
  const symbol = parts as UnSymbol;
  symbol.text = formatSymbol(parts);
  return symbol;
}

/** The canonical text of a parsed symbol. */
export function formatSymbol(s: Omit<UnSymbol, 'text'>): string {
  const tail = s.suffixes.map((x) => `/${x}`).join('');
  switch (s.kind) {
    case 'resolution':
      return `S/RES/${s.number} (${s.year})${tail}`;
    case 'presidential_statement':
      return `S/PRST/${s.year}/${s.number}${tail}`;
    case 'meeting_record':
      return `S/PV.${s.number}${s.resumption ? ` (Resumption ${s.resumption})` : ''}${tail}`;
    case 'ga_resolution':
      return `A/RES/${s.session}/${s.number}${tail}`;
    default:
      return s.year ? `S/${s.year}/${s.number}${tail}` : `S/${s.number}${tail}`;
  }
}

export function tryParseSymbol(input: string): UnSymbol | undefined {
  try {
    return parseSymbol(input);
  } catch (e) {
    if (e instanceof InvalidSymbolError) return undefined;
    throw e;
  }
}

/** The canonical text of a symbol; throws InvalidSymbolError for an invalid one. */
export function normaliseSymbol(input: string): string {
  return parseSymbol(input).text;
}

/** The canonical symbol of Security Council resolution `number` of `year`. */
export function resolutionSymbol(number: number, year: number): string {
  return normaliseSymbol(`S/RES/${number} (${year})`);
}

export interface ResolutionRef {
  number: number;
  year: number;
  symbol: string;
  start: number;
  end: number;
}

/** A resolution named in text, its year when one is written beside the number ("第2518号决议" has none). */
export interface ResolutionItem {
  number: number;
  year: number | undefined;
  start: number;
  end: number;
}

// One item of a list: the number, its year in brackets when written. Read in order over a whole list, so
// the year's digits are consumed with their number and never read as an item of their own.
const ZH_ITEM = /(?<![\d/.])(\d{1,4})(?![\d/.])(?:\s*[(（]\s*(\d{4})\s*[)）])?/g;
// A list of resolutions closed by 号决议 (traditional 號決議): "第 2014(2011)、2051(2012)和2481(2019)号决议",
// "第2505(2020)号和第2534(2020)号决议", traditional texts run together ("2042(2012)2043(2012)號決議"), and
// the year-less "第2518号决议". Between items: 、，, 和 及 以及 与, an ellipsis, or nothing.
const ZH_ITEM_SOURCE = String.raw`(?:第\s*)?\d{1,4}(?:\s*[(（]\s*\d{4}\s*[)）])?`;
const ZH_LIST = new RegExp(
  String.raw`(?<![\d/.])${ZH_ITEM_SOURCE}(?:\s*[号號](?!\s*[决決]))?(?:\s*(?:以及|[、，,和及与與…]+)?\s*${ZH_ITEM_SOURCE}(?:\s*[号號](?!\s*[决決]))?)*\s*[号號]\s*[决決]\s*[议議]`,
  'g',
);
/** Other organs' resolutions ("大会第 2625 号决议"): what stands right before the list. */
const ZH_OTHER_ORGAN =
  /(?:大会|大會|人权理事会|人權理事會|经社理事会|經社理事會|经济及社会理事会|經濟及社會理事會)\s*$/;
const EN_KEYWORD = /\b[Rr]esolutions?\s+(?=\d)/g;
const EN_ITEM = /(\d{1,4})(?![\d/]|\.\d)(?:\s*\((\d{4})\))?/y;
// Between two items: a comma, "and", "as well as", and the paragraphs cited of the item before
// ("resolutions 2216 (2015), para. 3, and 2140 (2014), para. 5").
const EN_BETWEEN =
  /(?:\s*,?\s*(?:operative\s+)?(?:paras?\.|paragraphs?)\s*\d+(?:\s*(?:,|and|to|[–-])\s*\d+(?!\d|\s*\())*)?\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?=\d)/y;
const EN_OTHER_ORGAN = /(?:Assembly|Human Rights Council|Economic and Social Council|draft)\s+$/;

/**
 * Every Security Council resolution named in zh or en text, list items one by one, with or without a year,
 * in order of appearance. Other organs' resolutions (General Assembly, numbered "74/270") are left out.
 */
export function scanResolutionItems(text: string): ResolutionItem[] {
  const found: ResolutionItem[] = [];
  const add = (number: number, year: number | undefined, start: number, end: number) => {
    if (number < 1) return;
    if (year !== undefined && (year < FIRST_YEAR || year > LAST_YEAR)) return;
    found.push({ number, year, start, end });
  };
  if (/[决決]/.test(text)) {
    for (const list of allMatches(ZH_LIST, text)) {
      if (ZH_OTHER_ORGAN.test(text.slice(Math.max(0, list.index - 10), list.index))) continue;
      const items = allMatches(ZH_ITEM, list[0]);
      items.forEach((m, i) => {
        // The first item starts where the list does (第), as a reference to one resolution always has.
        const start = i === 0 ? list.index : list.index + m.index;
        // The last item ends where the list does (号决议), so its span holds the whole reference.
        const end = i === items.length - 1 ? list.index + list[0].length : start + m[0].length;
        add(Number(m[1]), m[2] ? Number(m[2]) : undefined, start, end);
      });
    }
  }
  if (text.includes('esolution')) {
    for (const kw of allMatches(EN_KEYWORD, text)) {
      if (EN_OTHER_ORGAN.test(text.slice(Math.max(0, kw.index - 30), kw.index))) continue;
      let at = kw.index + kw[0].length;
      let first = true;
      let yearOrParagraphsBefore = false;
      for (;;) {
        EN_ITEM.lastIndex = at;
        const m = EN_ITEM.exec(text);
        if (!m) break;
        // "resolution 2625 (XXV)": a General Assembly resolution of the years it numbered them so.
        if (!m[2] && /^\s*\([IVXL]+\)/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8)))
          break;
        // After a resolution with its year, or after cited paragraphs, a number without a year is a
        // paragraph ("paras. 10 and 12"), not the next resolution.
        if (!first && !m[2] && yearOrParagraphsBefore) break;
        add(Number(m[1]), m[2] ? Number(m[2]) : undefined, first ? kw.index : m.index, m.index + m[0].length);
        first = false;
        EN_BETWEEN.lastIndex = m.index + m[0].length;
        const sep = EN_BETWEEN.exec(text);
        if (!sep) break;
        yearOrParagraphsBefore = m[2] !== undefined || /para/i.test(sep[0]);
        at = sep.index + sep[0].length;
      }
    }
  }
  if (text.includes('S/RES/')) {
    for (const m of allMatches(/\bS\/RES\/(\d{1,4})\s*\((\d{4})\)/g, text))
      add(Number(m[1]), Number(m[2]), m.index, m.index + m[0].length);
  }
  return found.sort((a, b) => a.start - b.start).filter((r, i, all) => i === 0 || r.start >= all[i - 1]!.end);
}

/** Finds references to Council resolutions with their year in zh or en text, list items one by one, in order. */
export function scanResolutionRefs(text: string): ResolutionRef[] {
  const out: ResolutionRef[] = [];
  for (const r of scanResolutionItems(text)) {
    if (r.year === undefined) continue;
    const symbol = resolutionRefSymbol(r.number, r.year);
    if (symbol) out.push({ number: r.number, year: r.year, symbol, start: r.start, end: r.end });
  }
  return out;
}

/**
 * What parseSymbol(`S/RES/${number} (${year})`) gives for the digits a reference pattern read: the
 * canonical symbol when the number is positive and the year four digits within FIRST_YEAR–LAST_YEAR. The
 * patterns run over every paragraph and footnote, so the checks are made here without building and
 * re-parsing the text.
 */
function resolutionRefSymbol(number: number, year: number): string | undefined {
  if (number < 1 || year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  return `S/RES/${number} (${year})`;
}

export interface SymbolMention {
  symbol: string;
  kind: SymbolKind;
  start: number;
  end: number;
}

const SYMBOL_IN_TEXT =
  /\b[SA]\/(?:RES\/\d{1,4}\s?\(\d{4}\)|RES\/\d{1,3}\/\d{1,4}|PRST\/\d{4}\/\d{1,3}|PV\.\d{1,5}(?:\s\(Resumption\s\d{1,2}\))?|\d{4}\/\d{1,5}|\d{3,5})(?:\/(?:Add|Corr|Rev|Amend)\.\d+)*/g;

/** Finds document symbols written out in text ("S/2020/514", "S/PV.8743"), canonicalised, in order. */
export function scanSymbols(text: string): SymbolMention[] {
  const out: SymbolMention[] = [];
  // Every symbol has a slash; most texts the pipeline scans (sentences, cells) have none.
  if (!text.includes('/')) return out;
  for (const m of allMatches(SYMBOL_IN_TEXT, text)) {
    const parsed = tryParseSymbol(m[0]);
    if (parsed)
      out.push({ symbol: parsed.text, kind: parsed.kind, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Where a text names a document: a written symbol or a resolution reference ("第2518(2020)号决议"). */
export interface SymbolSpan {
  symbol: string;
  start: number;
  end: number;
}

/**
 * Written symbols and resolution references in a text, in order and without overlaps (a written symbol
 * wins over a reference starting at the same place): what readers see as a link to the document.
 */
export function scanSymbolSpans(text: string): SymbolSpan[] {
  const spans = [...scanSymbols(text), ...scanResolutionRefs(text)].sort((a, b) => a.start - b.start);
  const out: SymbolSpan[] = [];
  for (const s of spans)
    if (out.length === 0 || s.start >= out[out.length - 1]!.end)
      out.push({ symbol: s.symbol, start: s.start, end: s.end });
  return out;
}
