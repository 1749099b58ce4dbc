/**
 * Stage 8 — recognise entities. Reads: paragraphs (markers removed), footnotes with citations, the
 * year. Writes: what the narrative says about each meeting (a paragraph that opens with a day and
 * month starts a meeting; the paragraphs after it, until the next dated one, continue it): its format,
 * briefers (titles that are the subject of a speaking verb), initiative, chair, topic, adopted
 * resolutions, record letters cited; the claims the summary paragraphs make (how many meetings of which
 * format, where resolutions were announced, the one-line list of who briefed); and positions (sentences
 * attributed to states, by a state-list footnote or by "X代表…" / "the representative of X").
 */
import { scanOfficeMentions, getOffice } from '../../domain/offices.ts';
import { displayName, findState, scanStates, parseStateList } from '../../domain/states.ts';
import { parseDate } from '../entities/dates.ts';
import { scanResolutionMentions } from '../entities/resolutions.ts';
import { readCount } from '../entities/numbers.ts';
import { allMatches } from '../../lib/matches.ts';
import { LEXICON } from './lexicon.ts';
import { roleEn, scanRoles, stateIn, titleAt, type RoleMention } from './roles.ts';
import type {
  Briefer,
  Footnote,
  Lang,
  NarrativeClaims,
  MeetingFormat,
  NarrativeMeeting,
  Paragraph,
  Position,
} from './types.ts';

export interface Recognised {
  meetings: NarrativeMeeting[];
  claims: NarrativeClaims;
  positions: Position[];
}

export function recognise(
  paragraphs: Paragraph[],
  footnotes: Footnote[],
  lang: Lang,
  year: number,
): Recognised {
  const lex = LEXICON[lang];
  const meetings: NarrativeMeeting[] = [];
  const claims: NarrativeClaims = {
    counts: [],
    announcedOpen: null,
    briefers: [],
    briefersParagraph: null,
  };
  const positions: Position[] = [];
  const byNumber = new Map(footnotes.map((f) => [f.number, f]));
  let current: NarrativeMeeting | null = null;

  for (const p of paragraphs) {
    const dated = lex.datedOpening.exec(p.text);
    if (dated) {
      const date = openingDate(dated, lang, year);
      current = meetings.find((m) => m.date === date) ?? null;
      if (!current && date) {
        current = emptyMeeting(date);
        meetings.push(current);
      }
    } else if (lex.yearOpening.test(p.text)) current = null;

    if (current) {
      current.paragraphs.push(p.index);
      readMeetingParagraph(current, p, byNumber, lang, dated !== null);
    } else readSummaryParagraph(claims, p, lang);
    positions.push(...readPositions(p, byNumber, lang, current?.date ?? null));
  }
  return { meetings, claims, positions };
}

function emptyMeeting(date: string): NarrativeMeeting {
  return {
    date,
    paragraphs: [],
    format: null,
    briefers: [],
    initiative: null,
    chair: null,
    chairEn: null,
    topic: null,
    resolutions: [],
    unanimous: false,
    records: [],
  };
}

function openingDate(m: RegExpExecArray, lang: Lang, year: number): string | null {
  if (lang === 'zh') {
    const y = m[1] ? Number(m[1]) : year;
    return parseDate(`${y}年${m[2]}月${m[3]}日`, 'zh') ?? null;
  }
  const y = m[3] ? Number(m[3]) : year;
  return parseDate(`${m[1]} ${m[2]} ${y}`, 'en') ?? null;
}

function readMeetingParagraph(
  meeting: NarrativeMeeting,
  p: Paragraph,
  byNumber: Map<number, Footnote>,
  lang: Lang,
  opening: boolean,
): void {
  const lex = LEXICON[lang];
  // Each pattern is run only while what it reads is still unknown: the first paragraph that gives it wins.
  if (opening && meeting.format === null) {
    const first = firstSentence(p.text, lang);
    if (lex.closedVtc.test(first)) meeting.format = 'closed_vtc';
    else if (lex.openVtc.test(first)) meeting.format = 'open_vtc';
  }
  const initiative = meeting.initiative ? null : lex.initiative.exec(p.text);
  if (initiative) {
    meeting.initiative =
      findState(initiative[1]!.trim(), lang) ?? scanStates(initiative[1]!, lang)[0] ?? null;
  }
  const chair = meeting.chair ? null : lex.chair.exec(p.text);
  if (chair) {
    meeting.chair = chair[1]!.trim();
    meeting.chairEn = chairInEnglish(meeting.chair, lang);
  }
  const topic = meeting.topic || !opening ? null : lex.topic.exec(p.text);
  if (topic) meeting.topic = topic[1]!.trim();
  if (!meeting.unanimous && lex.unanimous.test(p.text)) meeting.unanimous = true;
  for (const r of scanResolutionMentions(p.text, lang, true)) {
    const before = p.text.slice(Math.max(0, r.start - 14), r.start);
    if (/通过了?\s*$|adopted\s*$/i.test(before) && !meeting.resolutions.includes(r.symbol)) {
      meeting.resolutions.push(r.symbol);
    }
  }
  for (const n of p.footnotes) {
    const f = byNumber.get(n);
    if (!f || !lex.see.test(f.text)) continue;
    for (const c of f.cites)
      if (/^S\/\d{4}\/\d+$/.test(c.symbol) && !meeting.records.includes(c.symbol))
        meeting.records.push(c.symbol);
  }
  for (const b of readBriefers(p, lang)) {
    const listed = meeting.briefers.find((x) => sameBriefer(x, b));
    if (!listed) meeting.briefers.push(b);
    // A later paragraph may say what the first did not; paragraphs that disagree leave it unknown.
    else if (b.gender && listed.gender === undefined && !genderDoubted.has(listed)) listed.gender = b.gender;
    else if (b.gender && listed.gender !== b.gender) {
      delete listed.gender;
      genderDoubted.add(listed);
    }
  }
}

/** "德国联邦国防部长" → "Federal Minister of Defence of Germany". */
function chairInEnglish(chair: string, lang: Lang): string | null {
  if (lang === 'en') return chair;
  const office = scanOfficeMentions(chair, lang)[0];
  const state = scanStates(chair, lang)[0];
  const title = office ? getOffice(office.key)?.en : undefined;
  if (!title) return null;
  const federal = /联邦/.test(chair) ? 'Federal ' : '';
  return state ? `${federal}${title} of ${displayName(state, 'en')}` : `${federal}${title}`;
}

/** Briefers whose paragraphs disagree on their gender. */
const genderDoubted = new WeakSet<Briefer>();

/** Two mentions are one person: same office and mission, or the later one is a short form of the earlier. */
function sameBriefer(a: Briefer, b: Briefer): boolean {
  if (a.office === b.office && a.mission === b.mission && a.state === b.state) return true;
  const shortForm = withoutArticle(b.role);
  return (
    shortForm.length >= 2 &&
    withoutArticle(a.role).includes(shortForm) &&
    (b.mission === null || b.mission === a.mission)
  );
}

function withoutArticle(role: string): string {
  return role.replace(/^the\s+/i, '');
}

const PRONOUN_OR_GROUP = /^(?:他|她|其|安理会|Council|He|She|They)/;
const CLAUSE_END: Record<Lang, RegExp> = { zh: /[。；]/g, en: /\.\s+/g };
const SENTENCE_END: Record<Lang, RegExp> = { zh: /[。！？]/, en: /\.(?:\s|$)/ };
const NOT_SUBJECT = /^的|^'s|^’s|^\s*主持/;

/** A briefer and where its title stands in the paragraph. */
type PlacedBriefer = Briefer & { at: number };

/** Titles that are the subject of a speaking verb, in order of appearance. */
export function readBriefers(p: Paragraph, lang: Lang): Briefer[] {
  const text = p.text;
  const roles = scanRoles(text, lang, LEXICON[lang].speechVerb);
  const out: PlacedBriefer[] = [];
  const mentions: { at: number; b: PlacedBriefer }[] = [];
  const seenGroups = new Set<number>();
  for (const r of roles) {
    if (seenGroups.has(r.group)) continue;
    const group = roles.filter((x) => x.group === r.group);
    const end = Math.max(...group.map((x) => x.end));
    if (!isSubject(text, lang, r.start, end)) continue;
    seenGroups.add(r.group);
    for (const x of group) mentions.push({ at: x.start, b: addBriefer(out, x, p.index, text, lang) });
  }
  // Titles no office list knows, at the start of a clause and followed by a speaking verb.
  for (const at of clauseStarts(text, lang)) {
    const rest = text.slice(at).replace(LEXICON[lang].datedOpening, '');
    const offset = at + (text.length - at - rest.length);
    if (PRONOUN_OR_GROUP.test(rest.trim())) continue;
    if (roles.some((r) => r.start >= offset && r.start <= offset + 1)) continue;
    const t = titleAt(text, offset, lang);
    if (t && isSubject(text, lang, t.start, t.end))
      mentions.push({ at: t.start, b: addBriefer(out, t, p.index, text, lang) });
  }
  readGenders(text, lang, mentions);
  return out.sort((a, b) => a.at - b.at).map(({ at: _at, ...b }) => b);
}

const SENTENCES: Record<Lang, RegExp> = { zh: /[。！？]/g, en: /\.(?:\s|$)/g };
/** A sentence that opens with "she"/"he" (not 他们 "they"), after a linking word at most. */
const PRONOUN: Record<Lang, RegExp> = {
  zh: /^(?:此外|另外|同时)?[，,]?\s*([他她])(?!们)/,
  en: /^(?:(?:In addition|Furthermore|Moreover|Finally),\s*)?(He|She)\b/,
};

/**
 * A briefer's gender, when the text gives it: the sentence right after the one whose only briefer is the
 * subject (or a run of such sentences) opens with 她/She or 他/He. Left unset when no pronoun follows, when
 * the sentence names two briefers, or when the text says both.
 */
function readGenders(text: string, lang: Lang, mentions: { at: number; b: PlacedBriefer }[]): void {
  const said = new Map<PlacedBriefer, Set<'female' | 'male'>>();
  let antecedent: PlacedBriefer | null = null;
  let start = 0;
  const ends = [...allMatches(SENTENCES[lang], text)].map((m) => m.index + m[0].length);
  for (const end of [...ends, text.length]) {
    if (end <= start) continue;
    const pronoun = PRONOUN[lang].exec(text.slice(start, end).trimStart());
    if (pronoun && antecedent) {
      const g = pronoun[1] === '她' || pronoun[1] === 'She' ? 'female' : 'male';
      said.set(antecedent, new Set([...(said.get(antecedent) ?? []), g]));
    }
    const subjects = [...new Set(mentions.filter((m) => m.at >= start && m.at < end).map((m) => m.b))];
    if (subjects.length === 1) antecedent = subjects[0]!;
    else if (subjects.length > 1 || !pronoun) antecedent = null;
    start = end;
  }
  for (const [b, genders] of said) if (genders.size === 1) b.gender = [...genders][0]!;
}

function clauseStarts(text: string, lang: Lang): number[] {
  const starts = [0];
  for (const m of allMatches(CLAUSE_END[lang], text)) starts.push(m.index + m[0].length);
  return starts;
}

/** Where the sentence going on at `from` ends. */
function sentenceEnd(text: string, lang: Lang, from: number): number {
  const rest = text.slice(from);
  const m = SENTENCE_END[lang].exec(rest);
  return from + (m ? m.index : rest.length);
}

/** A title from `start` to `end` opens its clause and a speaking verb follows it in the sentence. */
function isSubject(text: string, lang: Lang, start: number, end: number): boolean {
  if (!opensClause(text, lang, start)) return false;
  if (NOT_SUBJECT.test(text.slice(end, end + 2))) return false;
  return LEXICON[lang].speechVerb.test(text.slice(end, sentenceEnd(text, lang, end)));
}

function opensClause(text: string, lang: Lang, start: number): boolean {
  const lex = LEXICON[lang];
  if (lex.clauseStart.test(lastCharacters(withoutTrailingArticle(text.slice(0, start))))) return true;
  const before = text
    .slice(0, start)
    .replace(lex.datedOpening, '')
    .replace(/^\s*(?:the\s+)?/i, '');
  // Nothing but spacing before the title (the trimmed text would be empty).
  return !/\S/.test(before);
}

/** The text without a "the"/"The" and the spacing after it at its end (as /(?:the|The)\s+$/ would remove). */
function withoutTrailingArticle(text: string): string {
  const end = text.trimEnd().length;
  if (end === text.length || end < 3) return text;
  const word = text.slice(end - 3, end);
  return word === 'the' || word === 'The' ? text.slice(0, end - 3) : text;
}

/**
 * The end of a text as far as the clause boundary can reach (a mark of a few characters at most, then
 * spacing, anchored at the end): the pattern would otherwise be tried at every character before each title.
 */
function lastCharacters(text: string): string {
  const end = text.trimEnd().length;
  return end > CLAUSE_MARK_REACH ? text.slice(end - CLAUSE_MARK_REACH) : text;
}

const CLAUSE_MARK_REACH = 8;

/** Adds the briefer a title names, unless it is one already listed; returns the listed one. */
function addBriefer(
  out: PlacedBriefer[],
  r: RoleMention,
  paragraph: number,
  text: string,
  lang: Lang,
): PlacedBriefer {
  const b = {
    at: r.start,
    role: r.text,
    roleEn: roleEn(r),
    office: r.office,
    mission: r.mission,
    state: null as string | null,
    kind: r.kind,
    paragraph,
  } as PlacedBriefer;
  const listed = out.find((x) => sameBriefer(x, b));
  if (listed) return listed;
  // A civil-society speaker's state is named in the sentence ("…在介绍刚果民主共和国的人权状况时指出").
  if (r.kind === 'civil_society')
    b.state = stateIn(text.slice(r.end, sentenceEnd(text, lang, r.end)), lang) ?? stateIn(r.text, lang);
  const same = out.find((x) => sameBriefer(x, b));
  if (same) return same;
  out.push(b);
  return b;
}

function firstSentence(text: string, lang: Lang): string {
  const m = (lang === 'zh' ? /[。]/ : /\.(?:\s|$)/).exec(text);
  return m ? text.slice(0, m.index + 1) : text;
}

function addCount(claims: NarrativeClaims, count: string, formats: MeetingFormat[], at: number): void {
  const n = readCount(count);
  if (n !== undefined) claims.counts.push({ n, formats, paragraph: at });
}

function readSummaryParagraph(claims: NarrativeClaims, p: Paragraph, lang: Lang): void {
  const lex = LEXICON[lang];
  // As for meetings, each claim is read from the first paragraph that makes it.
  const ofMeetings = claims.counts.some((c) => c.formats.includes('meeting'));
  const ofVtcs = claims.counts.some((c) => !c.formats.includes('meeting'));
  const vtcs = ofVtcs ? null : lex.count.exec(p.text);
  if (vtcs) {
    const formats: MeetingFormat[] = !vtcs[2]
      ? ['open_vtc', 'closed_vtc']
      : [/非|closed/i.test(vtcs[2]) ? 'closed_vtc' : 'open_vtc'];
    addCount(claims, vtcs[1]!, formats, p.index);
  }
  const meetings = ofMeetings ? null : lex.meetingCount.exec(p.text);
  // "held no meetings" has no number: it claims 0.
  if (meetings) addCount(claims, meetings[1] ?? '0', ['meeting'], p.index);
  const announced = claims.announcedOpen ? null : lex.announcedOpen.exec(p.text);
  if (announced && !/非|closed/i.test(announced[1]!)) {
    const upTo = announced.index + announced[0].length;
    const resolutions = [
      ...new Set(scanResolutionMentions(p.text.slice(0, upTo), lang, true).map((r) => r.symbol)),
    ];
    claims.announcedOpen = { resolutions, paragraph: p.index };
  }
  if (claims.briefersParagraph !== null) return;
  const times = p.text.includes(lex.briefedTimesWord) ? lex.briefedTimes.exec(p.text) : null;
  const once = lex.briefedOnceList.exec(p.text);
  if (times || once) {
    claims.briefersParagraph = p.index;
    if (times) {
      const roleText = (times[1] ?? times[3])!;
      const n = readCount(times[2] ?? times[4]!) ?? 1;
      for (const r of scanRoles(roleText, lang))
        claims.briefers.push({ briefer: toBriefer(r, roleText, 0, p.index, lang), times: n });
    }
    if (once) {
      const list = once[1]!;
      const roles = scanRoles(list, lang);
      roles.forEach((r, i) => {
        const from = i === 0 ? 0 : roles[i - 1]!.end;
        claims.briefers.push({ briefer: toBriefer(r, list, from, p.index, lang), times: 1 });
      });
    }
  }
}

function toBriefer(r: RoleMention, text: string, from: number, paragraph: number, lang: Lang): Briefer {
  // In a list the state of a civil-society speaker is written just before the title: 刚果民主共和国一个非政府组织的代表.
  const state = r.kind === 'civil_society' ? stateIn(text.slice(from, r.end), lang) : null;
  return {
    role: r.text,
    roleEn: roleEn(r),
    office: r.office,
    mission: r.mission,
    state,
    kind: r.kind,
    paragraph,
  };
}

interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Sentences (with their spans) of a paragraph. */
export function sentences(text: string, lang: Lang): Sentence[] {
  const out: Sentence[] = [];
  const re = lang === 'zh' ? /[^。！？]+[。！？]?/g : /[^.!?]+(?:[.!?]+(?=\s+[A-Z“"(]|$)|$)/g;
  let carry = -1;
  for (const m of text.matchAll(re)) {
    const start = carry >= 0 ? carry : m.index;
    const end = m.index + m[0].length;
    // An English abbreviation ("para.", "No.") does not end a sentence.
    if (lang === 'en' && /\b(?:paras?|No|Nos|Mr|Ms|Dr|St|e\.g|i\.e)\.$/.test(m[0].trim())) {
      carry = start;
      continue;
    }
    carry = -1;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    out.push({ text: raw.trim(), start: start + lead, end });
  }
  return out;
}

const REPRESENTATIVE: Record<Lang, RegExp> = {
  zh: /(?:^|[。；，])\s*([^。；，]{2,60}?)代表(?=[^。；，]{0,3}(?:强调|指出|表示|认为|呼吁|代表|发言|说))/g,
  en: /\b[Tt]he representatives? of ((?:the\s+)?[A-Z][^.;]{1,200}?)(?=,?\s+(?:stressed|noted|said|stated|called|emphasized|underlined|highlighted|speaking|on behalf|requested))/g,
};

/** The word REPRESENTATIVE cannot match without: most paragraphs lack it and are spared the pattern. */
const REPRESENTATIVE_WORD: Record<Lang, string> = { zh: '代表', en: 'representative' };

function readPositions(
  p: Paragraph,
  byNumber: Map<number, Footnote>,
  lang: Lang,
  meeting: string | null,
): Position[] {
  const out: Position[] = [];
  // Split only when some sentence is attributed to states (most paragraphs have none).
  let sents: Sentence[] | undefined;
  for (const mk of p.markers) {
    const f = byNumber.get(mk.number);
    if (!f || f.states.length === 0 || f.cites.length > 0) continue;
    sents ??= sentences(p.text, lang);
    const s = [...sents].reverse().find((x) => x.start < mk.offset) ?? sents[0];
    if (s) addPosition(out, f.states, s.text, f.number, p.index, meeting);
  }
  if (p.text.includes(REPRESENTATIVE_WORD[lang])) {
    for (const m of allMatches(REPRESENTATIVE[lang], p.text)) {
      const list = parseStateList(m[1]!.trim(), lang);
      if (list.states.length === 0 || list.unknown.length > 0) continue;
      const at = m.index + m[0].indexOf(m[1]!);
      sents ??= sentences(p.text, lang);
      const s = sents.find((x) => x.start <= at && at < x.end);
      if (s) addPosition(out, list.states, s.text, null, p.index, meeting);
    }
  }
  return out.sort((a, b) => p.text.indexOf(a.text) - p.text.indexOf(b.text));
}

/** A sentence attributed to states; a sentence attributed twice is one position with both lists. */
function addPosition(
  out: Position[],
  states: string[],
  text: string,
  footnote: number | null,
  paragraph: number,
  meeting: string | null,
): void {
  if (states.length === 0) return;
  const same = out.find((x) => x.text === text);
  if (same) {
    for (const s of states) if (!same.states.includes(s)) same.states.push(s);
    same.footnote ??= footnote;
    return;
  }
  out.push({ states: [...states], text, paragraph, footnote, meeting });
}
