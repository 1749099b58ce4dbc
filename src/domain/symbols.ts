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

/** Each with a piece of text it cannot match without: most texts hold none, and a search for it is cheap. */
const RESOLUTION_REF_PATTERNS: { needs: string; re: RegExp }[] = [
  // 第 2518(2020)号决议 / 第2518（2020）号决议 / 第 2518 (2020) 号决议
  { needs: '第', re: /第\s*(\d{1,4})\s*[(（]\s*(\d{4})\s*[)）]\s*[号號]\s*[决決]\s*[议議]/g },
  // resolution 2518 (2020), resolutions 2518 (2020)
  { needs: 'esolution', re: /\b[Rr]esolutions?\s+(\d{1,4})\s*\((\d{4})\)/g },
  // S/RES/2518 (2020), S/RES/2518(2020)
  { needs: 'S/RES/', re: /\bS\/RES\/(\d{1,4})\s*\((\d{4})\)/g },
];

/** Finds references to Council resolutions in zh or en text, in order of appearance. */
export function scanResolutionRefs(text: string): ResolutionRef[] {
  const found: ResolutionRef[] = [];
  for (const { needs, re } of RESOLUTION_REF_PATTERNS) {
    if (!text.includes(needs)) continue;
    for (const m of allMatches(re, text)) {
      const number = Number(m[1]);
      const year = Number(m[2]);
      const symbol = resolutionRefSymbol(number, year);
      if (!symbol) continue;
      found.push({ number, year, symbol, start: m.index, end: m.index + m[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start).filter((r, i, all) => i === 0 || r.start >= all[i - 1]!.end);
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
