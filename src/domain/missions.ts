import { readReferenceFile, referenceFile } from './reference/files.ts';
import { foldNames, normaliseWidth, toSimplified } from './chinese.ts';
import { NeedleIndex, type Mention, type Span } from './needles.ts';

export interface MissionRecord {
  acronym: string;
  kind: 'peacekeeping' | 'special_political' | 'support';
  en: string;
  zh: string;
  /** Other full Chinese names in use (e.g. 联合国南苏丹特派团 beside 联合国南苏丹共和国特派团). */
  zhOther: string[];
  /** Short forms used after first mention in UN Chinese texts (马里稳定团). */
  zhShort: string[];
  /** Traditional-character forms of the Chinese names. */
  zhTraditional: string[];
  /** Other official English names (UNMHA: "…to Support the Hodeidah Agreement" beside "…Hudaydah…"). */
  enOther?: string[];
  state: string | null;
  start: number | null;
  end: number | null;
  note?: string;
}

export interface MissionMention extends Mention {
  acronym: string;
}

/** The built missions.json (src/domain/reference/): built from data/reference/curated at first use. */
export const MISSIONS_FILE = 'missions.json';

interface Index {
  all: MissionRecord[];
  byKey: Map<string, string>;
  /** Folded names and acronyms. */
  needles: NeedleIndex<Needle>;
  /** English full names, lower-cased (texts capitalise "to support" or "to Support"), with "UN" for "United Nations". */
  english: NeedleIndex<Needle>;
}

interface Needle {
  folded: string;
  acronym: string;
  latin: boolean;
}

let index: Index | undefined;

function key(name: string): string {
  return toSimplified(normaliseWidth(name)).replace(/\s+/g, ' ').trim().toLowerCase();
}

function load(): Index {
  if (index) return index;
  const all = readReferenceFile<{ missions: MissionRecord[] }>(referenceFile(MISSIONS_FILE)).missions;
  const byKey = new Map<string, string>();
  const needles = new NeedleIndex<Needle>();
  const english = new NeedleIndex<Needle>();
  for (const m of all) {
    for (const name of [m.en, ...(m.enOther ?? [])]) {
      byKey.set(key(name), m.acronym);
      const lower = lowerLatin(name);
      english.add({ folded: lower, acronym: m.acronym, latin: true });
      if (lower.startsWith('united nations '))
        english.add({
          folded: `un ${lower.slice('united nations '.length)}`,
          acronym: m.acronym,
          latin: true,
        });
    }
    for (const name of [m.acronym, m.en, m.zh, ...m.zhOther, ...m.zhShort, ...m.zhTraditional]) {
      byKey.set(key(name), m.acronym);
      if (name === m.en) continue; // English full names are in the English index.
      const folded = foldNames(name);
      if (folded) needles.add({ folded, acronym: m.acronym, latin: /^[A-Za-z]+$/.test(name) });
    }
  }
  index = { all, byKey, needles, english };
  return index;
}

export function listMissions(): MissionRecord[] {
  return load().all;
}

export function getMission(acronym: string): MissionRecord | undefined {
  return load().all.find((m) => m.acronym === acronym);
}

/** Acronym of a mission named by its acronym, English or Chinese name (full or short, either script). */
export function findMission(name: string): string | undefined {
  return load().byKey.get(key(name));
}

/** A-Z lower-cased, one character for one, so offsets hold. */
function lowerLatin(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** A-Z, a-z or 0-9: an acronym is not read inside a longer word ("UNAMID" is not "UNAMI"). */
function isLatinAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at); // NaN outside the text: not Latin
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** An acronym or an English name is a whole word: UNAMID is not read as UNAMI. */
function acceptName(c: Needle, at: number, end: number, folded: string): boolean {
  return !c.latin || (!isLatinAt(folded, at - 1) && !isLatinAt(folded, end));
}

/**
 * Every mission name or acronym in free text, left to right, longest first. `folded`: the text as
 * foldNames gives it, when the caller has it already.
 */
export function scanMissionMentions(text: string, folded = foldNames(text)): MissionMention[] {
  const { needles, english } = load();
  const out: MissionMention[] = [];
  // English full names are looked for only in text with a word that could begin one.
  const lower = /\b(?:United|UN|African|Office)\b/i.test(folded) ? lowerLatin(folded) : undefined;
  for (let i = 0; i < folded.length;) {
    const m =
      (lower && english.mayStartAt(lower, i) && !isLatinAt(lower, i - 1)
        ? english.longestMatchAt(lower, i, acceptName, lower)
        : undefined) ??
      (needles.mayStartAt(folded, i) ? needles.longestMatchAt(folded, i, acceptName, folded) : undefined);
    if (m) {
      out.push({ acronym: m.needle.acronym, start: i, end: m.end, text: text.slice(i, m.end) });
      i = m.end;
    } else i++;
  }
  return out;
}

/** Acronyms of the missions named in free text, in order of first appearance. */
export function scanMissions(text: string): string[] {
  return [...new Set(scanMissionMentions(text).map((m) => m.acronym))];
}

/** Where mission names sit in the text, so that other scanners can skip them. */
export function missionSpans(text: string, folded?: string): Span[] {
  return scanMissionMentions(text, folded).map(({ start, end }) => ({ start, end }));
}
