import { readReferenceFile, referenceFile } from './reference/files.ts';
import { foldNames, hasHan, normaliseWidth } from './chinese.ts';
import { nameKey } from './names.ts';
import type { Lang } from './vocabulary.ts';
import { missionSpans } from './missions.ts';
import type { Span } from './needles.ts';
import { anyMarked, NeedleIndex } from './needles.ts';
import { NON_ASCII } from './symbols.ts';

export { nameKey };
export type StateKind = 'member' | 'observer' | 'historical';

export interface StateRecord {
  iso3: string;
  m49: string | null;
  kind: StateKind;
  shortEn: string;
  formalEn: string;
  shortZh: string;
  formalZh: string;
  /** Short name without UNTERM's sorting article: "Niger", not "Niger (the)". */
  displayEn: string;
  displayZh: string;
  aliasesEn: string[];
  aliasesZh: string[];
  successor?: string;
  note?: string;
  /** Names the seat's holder bore until a date (the Republic of China to 25 October 1971), oldest first. */
  namesUntil?: { until: string; en: string; zh: string; source: string }[];
}

export interface StatesFile {
  generatedFrom: string[];
  states: StateRecord[];
}

export interface StateMention extends Span {
  iso3: string;
  text: string;
}

/** The built states.json (src/domain/reference/): built from ../shared at first use. */
export const STATES_FILE = 'states.json';

/** Per-character folding for scanning free text; keeps offsets (one char in, one char out). */
function foldForScan(text: string, lang: Lang): string {
  if (lang === 'zh') return foldNames(text);
  const w = normaliseWidth(text);
  // Most English text is ASCII, where folding is lower-casing (and ` is an apostrophe).
  if (!NON_ASCII.test(w)) return w.toLowerCase().replace(/`/g, "'");
  // Otherwise code unit by code unit (never the whole string's toLowerCase, which can change lengths).
  return w.replace(TO_FOLD, foldUnit);
}

/** The code units foldForScan changes: capitals, the backtick and everything outside ASCII. */
const TO_FOLD = /[A-Z`]|[\u0080-\uffff]/g;

function foldUnit(unit: string): string {
  if (unit === '`') return "'";
  return unit < '\x80' ? unit.toLowerCase() : foldChar(unit);
}

const foldedChars = new Map<string, string>();

/** One character without its diacritics, lower-cased when that keeps it one character; quotes → '. */
function foldChar(ch: string): string {
  let out = foldedChars.get(ch);
  if (out === undefined) {
    const base = ch.normalize('NFD')[0] ?? ch;
    const lower = base.toLowerCase();
    out = /[‘’`´]/.test(base) ? "'" : lower.length === 1 ? lower : base;
    foldedChars.set(ch, out);
  }
  return out;
}

interface Needle {
  folded: string;
  iso3: string;
  /** All-capital forms (US, UK, DRC) only match with the same case in free text, so "us" is not the USA. */
  exactCase?: string;
}

interface Index {
  all: StateRecord[];
  byIso3: Map<string, StateRecord>;
  byKey: { zh: Map<string, string>; en: Map<string, string> };
  needles: { zh: NeedleIndex<Needle>; en: NeedleIndex<Needle> };
}

let index: Index | undefined;
let loadedFrom: string | undefined;

/** Points the module at another states.json (tests, build script); drops the cached index. */
export function useStatesFile(path: string): void {
  loadedFrom = path;
  index = undefined;
}

function load(): Index {
  if (index) return index;
  const file = readReferenceFile<StatesFile>(loadedFrom ?? referenceFile(STATES_FILE));
  const byIso3 = new Map<string, StateRecord>();
  const byKey = { zh: new Map<string, string>(), en: new Map<string, string>() };
  const needles = { zh: new NeedleIndex<Needle>(), en: new NeedleIndex<Needle>() };
  const added = new Set<string>();
  for (const s of file.states) {
    byIso3.set(s.iso3, s);
    const names: Record<Lang, string[]> = {
      en: [s.displayEn, s.shortEn, s.formalEn, ...s.aliasesEn],
      zh: [s.displayZh, s.shortZh, s.formalZh, ...s.aliasesZh],
    };
    for (const lang of ['en', 'zh'] as const) {
      const seen = new Set<string>();
      for (const raw of names[lang]) {
        // Chinese text is simplified before lookup, so one simplified form per name is enough; this also
        // keeps start-up fast (each OpenCC call costs).
        const name = lang === 'zh' ? simplifiedOnce(raw) : raw;
        if (!name || seen.has(name)) continue;
        seen.add(name);
        const key = lang === 'zh' ? name.replace(/[*\s]/g, '').toLowerCase() : nameKey(name, lang);
        if (key && !byKey[lang].has(key)) byKey[lang].set(key, s.iso3);
        addNeedle(needles[lang], added, name, s.iso3, lang);
        if (lang === 'en' && /^the /i.test(name)) addNeedle(needles.en, added, name.slice(4), s.iso3, lang);
      }
    }
  }
  index = { all: file.states, byIso3, byKey, needles };
  return index;
}

const simplifiedCache = new Map<string, string>();

/** Simplified, width-normalised form of a Chinese name, keeping its length when OpenCC would change it. */
function simplifiedOnce(name: string): string {
  let s = simplifiedCache.get(name);
  if (s === undefined) {
    s = foldNames(name);
    simplifiedCache.set(name, s);
  }
  return s;
}

function addNeedle(
  needles: NeedleIndex<Needle>,
  added: Set<string>,
  name: string,
  iso3: string,
  lang: Lang,
): void {
  const clean = name
    .replace(/\s*\*+$/, '')
    .replace(/\s*\(the\)$/, '')
    .trim();
  if (!clean) return;
  // Chinese names arrive already simplified and width-normalised (simplifiedOnce).
  const folded = lang === 'zh' ? clean : foldForScan(clean, lang);
  const seen = `${lang} ${iso3} ${folded}`;
  if (added.has(seen)) return;
  added.add(seen);
  const needle: Needle = { folded, iso3 };
  if (lang === 'en' && /^[A-Z][A-Z.]+$/.test(clean)) needle.exactCase = clean;
  needles.add(needle);
}

export function getState(iso3: string): StateRecord | undefined {
  return load().byIso3.get(iso3);
}

/** The state, or an error naming the code and where it came from. */
export function requireState(iso3: string, where: string): StateRecord {
  const s = getState(iso3);
  if (!s)
    throw new Error(
      `${where}: unknown state code "${iso3}" (expected an ISO 3166 alpha-3 code of the reference states)`,
    );
  return s;
}

/** ISO3 code for a state name in Chinese or English (any alias, traditional or simplified); undefined if unknown. */
export function findState(name: string, lang?: Lang): string | undefined {
  const l = lang ?? (hasHan(name) ? 'zh' : 'en');
  const other: Lang = l === 'zh' ? 'en' : 'zh';
  const idx = load();
  // A name given with the wrong language tag (an English name in a Chinese field) still resolves.
  return idx.byKey[l].get(nameKey(name, l)) ?? idx.byKey[other].get(nameKey(name, other));
}

export function findStateOrThrow(name: string, where: string): string {
  const iso3 = findState(name);
  if (!iso3) throw new Error(`${where}: unknown state name "${name}"`);
  return iso3;
}

export function listStates(kinds: StateKind[] = ['member', 'observer']): StateRecord[] {
  return load().all.filter((s) => kinds.includes(s.kind));
}

/**
 * The name of the state holding a seat on a date: CHN is the Republic of China to 25 October 1971 (same
 * key, other name); SUN is its own record (the Union of Soviet Socialist Republics). Otherwise displayName.
 */
export function displayNameOn(iso3: string, date: string, lang: Lang): string {
  const former = requireState(iso3, 'displayNameOn').namesUntil?.find((n) => date <= n.until);
  return former ? former[lang] : displayName(iso3, lang);
}

export function displayName(iso3: string, lang: Lang): string {
  const s = requireState(iso3, 'displayName');
  return lang === 'zh' ? s.displayZh : s.displayEn;
}

const WORD = /[\p{L}\p{N}]/u;
/** Whether each UTF-16 code unit is a letter or digit: 0 not yet known, 1 no, 2 yes. */
const wordUnits = new Uint8Array(0x10000);

/** A letter or digit at `at` (false outside the text): English names match whole words only. */
function isWordAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (Number.isNaN(code)) return false;
  if (code < 0x80)
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  if (wordUnits[code] === 0) wordUnits[code] = WORD.test(text[at]!) ? 2 : 1;
  return wordUnits[code] === 2;
}

/** A text being scanned: its folded form, where names are looked up, and the text itself. */
interface ScanText {
  folded: string;
  original: string;
}

/** An English name is a whole word, and an all-capital one (US) is written so. */
function acceptEnglish(n: Needle, at: number, end: number, text: ScanText): boolean {
  if (isWordAt(text.folded, end)) return false;
  return !n.exactCase || text.original.slice(at, end) === n.exactCase;
}

/**
 * The longest state name starting at `at` in folded text, if any, and where it ends: a name may run over a
 * line break ("United Kingdom of Great↵Britain and Northern Ireland"), see NeedleIndex.longestMatchAt.
 */
function matchAt(
  needles: NeedleIndex<Needle>,
  text: ScanText,
  at: number,
  lang: Lang,
): { needle: Needle; end: number } | undefined {
  if (lang === 'zh')
    return needles.mayStartAt(text.folded, at) ? needles.longestMatchAt(text.folded, at) : undefined;
  // Inside a word first: the test that turns away most positions of English text.
  if (isWordAt(text.folded, at - 1) || !needles.mayStartAt(text.folded, at)) return undefined;
  return needles.longestMatchAt(text.folded, at, acceptEnglish, text);
}

export interface ScanOptions {
  /** Spans of the text to leave out (e.g. names of missions or offices found by the caller). */
  ignore?: Span[];
  /** Mask peace-operation names first, so 南苏丹 in 南苏丹特派团 is not a mention of South Sudan. Default true. */
  maskMissions?: boolean;
}

/** Every state name in free text, longest match first, left to right, with offsets into the input. */
export function scanStateMentions(text: string, lang: Lang, options: ScanOptions = {}): StateMention[] {
  return findStateMentions(text, lang, options, Infinity);
}

/** The first state named in free text (scanStateMentions' first), without reading on past it. */
export function firstStateMention(
  text: string,
  lang: Lang,
  options: ScanOptions = {},
): StateMention | undefined {
  return findStateMentions(text, lang, options, 1)[0];
}

function findStateMentions(text: string, lang: Lang, options: ScanOptions, limit: number): StateMention[] {
  const folded = foldForScan(text, lang);
  // Chinese text is folded for missions as for states: the one fold serves both.
  const missions =
    options.maskMissions === false ? [] : missionSpans(text, lang === 'zh' ? folded : undefined);
  const spans = [...(options.ignore ?? []), ...missions];
  // Most texts name no mission: then nothing is blocked and no mask is needed.
  let blocked: Uint8Array | undefined;
  if (spans.length > 0) {
    blocked = new Uint8Array(text.length);
    for (const s of spans) blocked.fill(1, s.start, s.end);
  }
  const needles = load().needles[lang];
  const scan: ScanText = { folded, original: text };
  const out: StateMention[] = [];
  for (let i = 0; i < folded.length;) {
    if (blocked && blocked[i]) {
      i++;
      continue;
    }
    const m = matchAt(needles, scan, i, lang);
    const end = m ? m.end : i;
    if (m && !(blocked && anyMarked(blocked, i, end))) {
      out.push({ iso3: m.needle.iso3, start: i, end, text: text.slice(i, end) });
      if (out.length === limit) break;
      i = end;
    } else i++;
  }
  return out;
}

/** ISO3 codes of the states named in free text, in order of first appearance. */
export function scanStates(text: string, lang: Lang, options: ScanOptions = {}): string[] {
  return [...new Set(scanStateMentions(text, lang, options).map((m) => m.iso3))];
}

// Longest separators first so 以及 is not read as 以 + 及.
const SEPARATORS: Record<Lang, RegExp> = {
  zh: /^(?:以及|[、，,;；和及与]|\s)+/,
  en: /^(?:\s|,|;|&|\band\b|\bas well as\b)+/i,
};
/** The characters a separator can start with, spacing aside. */
const SEPARATOR_STARTS: Record<Lang, string> = { zh: '以、，,;；和及与', en: ',;&aA' };
const SPACE = /\s/;

/** The separator at `at` in folded text, if any; the pattern is tried only where one can start. */
function separatorAt(folded: string, at: number, lang: Lang): string | undefined {
  const c = folded[at];
  if (c === undefined || !(SEPARATOR_STARTS[lang].includes(c) || SPACE.test(c))) return undefined;
  return SEPARATORS[lang].exec(folded.slice(at))?.[0];
}
const TRAILING = /[。.；;:：\s]+$/;

export interface StateList {
  states: string[];
  /** Pieces of the list that are not state names, as written. */
  unknown: string[];
}

/**
 * Reads a list of states such as "中国、圣文森特和格林纳丁斯和印度" or "China, France and Viet Nam". Names
 * are matched before separators, so a 和 or "and" inside a name does not split it.
 */
export function parseStateList(text: string, lang: Lang): StateList {
  const body = text.replace(TRAILING, '');
  const folded = foldForScan(body, lang);
  const needles = load().needles[lang];
  const scan: ScanText = { folded, original: body };
  const states: string[] = [];
  const unknown: string[] = [];
  let i = 0;
  while (i < body.length) {
    const sep = separatorAt(folded, i, lang);
    if (sep) {
      i += sep.length;
      continue;
    }
    const m = matchAt(needles, scan, i, lang);
    const end = m ? m.end : -1;
    if (m && (end === folded.length || separatorAt(folded, end, lang) !== undefined)) {
      if (!states.includes(m.needle.iso3)) states.push(m.needle.iso3);
      i = end;
      continue;
    }
    // Not a name: the unknown piece runs to the next separator that is followed by a known name (or a
    // comma-like separator), so "火星和美国" reports 火星 and still reads 美国.
    let j = i + 1;
    for (; j < body.length; j++) {
      const s = separatorAt(folded, j, lang);
      if (!s) continue;
      if (/[、，,;；]/.test(s)) break;
      if (matchAt(needles, scan, j + s.length, lang)) break;
    }
    unknown.push(body.slice(i, j).trim());
    i = j;
  }
  return { states, unknown };
}

/** Like parseStateList, but an unknown name is an error quoting it. */
export function splitStateList(text: string, lang: Lang, where = 'state list'): string[] {
  const { states, unknown } = parseStateList(text, lang);
  if (unknown.length > 0) {
    throw new Error(
      `${where}: unknown state name${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in "${text}"`,
    );
  }
  return states;
}
