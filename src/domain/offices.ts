import { readReferenceFile, referenceFile } from './reference/files.ts';
import { allMatches } from '../lib/matches.ts';
import { foldNames, normaliseWidth, toSimplified } from './chinese.ts';
import { anyMarked, NeedleIndex, type Mention } from './needles.ts';
import type { Lang } from './vocabulary.ts';

export interface OfficeRecord {
  /** Stable key stored in participants.office. */
  key: string;
  en: string;
  /** English variants beside `en`. */
  enOther: string[];
  zh: string[];
  /** Regular expressions for titles with a variable part (负责南苏丹问题秘书长特别代表兼南苏丹特派团团长). */
  patternsZh: string[];
}

export interface OfficeMention extends Mention {
  key: string;
}

/** The built offices.json (src/domain/reference/): built from data/reference/curated at first use. */
export const OFFICES_FILE = 'offices.json';

interface Index {
  all: OfficeRecord[];
  byKey: Map<string, OfficeRecord>;
  names: { zh: Map<string, string>; en: Map<string, string> };
  /** Folded titles. */
  needles: { zh: NeedleIndex<Needle>; en: NeedleIndex<Needle> };
  patterns: { re: RegExp; key: string }[];
}

interface Needle {
  folded: string;
  key: string;
}

let index: Index | undefined;

/** Text as titles are looked up in it: see foldNames; English is also lower-cased. */
function foldTitles(text: string, lang: Lang): string {
  return lang === 'zh' ? foldNames(text) : normaliseWidth(text).toLowerCase();
}

function nameKey(text: string, lang: Lang): string {
  const w = normaliseWidth(text)
    .replace(/\s+/g, lang === 'zh' ? '' : ' ')
    .trim();
  return lang === 'zh' ? toSimplified(w) : w.toLowerCase().replace(/^the /, '');
}

function load(): Index {
  if (index) return index;
  const all = readReferenceFile<{ offices: OfficeRecord[] }>(referenceFile(OFFICES_FILE)).offices;
  const idx: Index = {
    all,
    byKey: new Map(all.map((o) => [o.key, o])),
    names: { zh: new Map(), en: new Map() },
    needles: { zh: new NeedleIndex(), en: new NeedleIndex() },
    patterns: [],
  };
  for (const o of all) {
    for (const [lang, names] of [
      ['zh', o.zh],
      ['en', [o.en, ...o.enOther]],
    ] as const) {
      for (const name of names) {
        idx.names[lang].set(nameKey(name, lang), o.key);
        const folded = foldTitles(name, lang);
        if (folded) idx.needles[lang].add({ folded, key: o.key });
      }
    }
    for (const p of o.patternsZh) idx.patterns.push({ re: new RegExp(p, 'g'), key: o.key });
  }
  index = idx;
  return idx;
}

export function listOffices(): OfficeRecord[] {
  return load().all;
}

export function getOffice(key: string): OfficeRecord | undefined {
  return load().byKey.get(key);
}

/** The office key for a title (exact title, or a Chinese title matching one of the patterns). */
export function findOffice(text: string, lang: Lang): string | undefined {
  const idx = load();
  const hit = idx.names[lang].get(nameKey(text, lang));
  if (hit || lang === 'en') return hit;
  const folded = foldTitles(text.trim(), 'zh');
  for (const p of idx.patterns) {
    const re = new RegExp(`^(?:${p.re.source})$`);
    if (re.test(folded)) return p.key;
  }
  return undefined;
}

/** A-Z, a-z, 0-9 or a hyphen: an English title is not read inside a longer word. */
function isLatinAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at); // NaN outside the text: not Latin
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}

/** Where a fixed title is looked for: no room past the next pattern title, and whole words in English. */
interface TitleScan {
  folded: string;
  room: number;
  english: boolean;
}

function acceptTitle(c: Needle, at: number, scan: TitleScan): boolean {
  return c.folded.length <= scan.room && (!scan.english || !isLatinAt(scan.folded, at + c.folded.length));
}

/**
 * Every title in free text, left to right. Pattern titles are found first; then fixed titles, longest
 * first, so 主管和平行动副秘书长 is one office, not 副秘书长 or 秘书长. `folded`: the text as
 * `foldTitles` gives it, when the caller has it already.
 */
export function scanOfficeMentions(
  text: string,
  lang: Lang,
  folded = foldTitles(text, lang),
): OfficeMention[] {
  const idx = load();
  const found: OfficeMention[] = [];
  // Positions taken by pattern titles (allocated only when a pattern matched).
  let taken: Uint8Array | undefined;
  if (lang === 'zh') {
    for (const p of idx.patterns) {
      for (const m of allMatches(p.re, folded)) {
        const start = m.index;
        const end = start + m[0].length;
        taken ??= new Uint8Array(text.length);
        if (anyMarked(taken, start, end)) continue;
        taken.fill(1, start, end);
        found.push({ key: p.key, start, end, text: text.slice(start, end) });
      }
    }
  }
  const needles = idx.needles[lang];
  const english = lang === 'en';
  const scan: TitleScan = { folded, room: Infinity, english };
  // The next position taken by a pattern title (-1: none ahead); a title may not run into one.
  let nextTaken = taken ? taken.indexOf(1) : -1;
  for (let i = 0; i < folded.length;) {
    // An English title starts a word; a Chinese one may start anywhere.
    if ((taken && taken[i]) || (english && isLatinAt(folded, i - 1)) || !needles.mayStartAt(folded, i)) {
      i++;
      continue;
    }
    const at = i;
    if (taken && nextTaken >= 0 && nextTaken < at) nextTaken = taken.indexOf(1, at);
    scan.room = nextTaken < 0 ? Infinity : nextTaken - at;
    const n = needles.longestAt(folded, at, acceptTitle, scan);
    if (n) {
      found.push({
        key: n.key,
        start: i,
        end: i + n.folded.length,
        text: text.slice(i, i + n.folded.length),
      });
      i += n.folded.length;
    } else i++;
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Office keys in order of first appearance. */
export function scanOffices(text: string, lang: Lang): string[] {
  return [...new Set(scanOfficeMentions(text, lang).map((m) => m.key))];
}
