/**
 * Titles of people in narrative text: offices (主管和平行动副秘书长), mission posts written with their
 * mission (马里稳定团部队指挥官; "马里稳定团和南苏丹特派团部队指挥官" gives each mission the post;
 * "the Force Commanders of MINUSMA and UNMISS"), titles naming their mission (…兼南苏丹特派团团长),
 * and other people's titles (“荷花”集团主席…) as civil society. Used by recognise.ts for briefers.
 */
import { foldNames } from '../../domain/chinese.ts';
import { getOffice, listOffices, scanOfficeMentions, type OfficeMention } from '../../domain/offices.ts';
import { scanMissionMentions, type MissionMention } from '../../domain/missions.ts';
import type { Span } from '../../domain/needles.ts';
import { displayName, firstStateMention, parseStateList } from '../../domain/states.ts';
import { allMatches } from '../../lib/matches.ts';
import { LEXICON } from './lexicon.ts';
import type { Briefer, Lang } from './types.ts';

export interface RoleMention {
  start: number;
  end: number;
  text: string;
  office: string | null;
  mission: string | null;
  kind: Briefer['kind'];
  /** Index of the first role of a coordinated group ("A和B部队指挥官"): the group is one subject. */
  group: number;
}

/** Posts that exist once per mission, so they are written together with it. */
const MISSION_POSTS = new Set(['force-commander', 'deputy-force-commander', 'police-commissioner']);
const CONNECTOR: Record<Lang, RegExp> = {
  zh: /^\s*(?:以及|和|、|及|与)\s*$/,
  en: /^\s*(?:,|and|, and)\s*(?:the\s+)?$/,
};
const PAREN = /^\s*[(（][^()（）]{1,20}[)）]/;
const EN_POSTS = /\b(Deputy Force Commanders?|Force Commanders?|Police Commissioners?)\s+of\s+(?:the\s+)?/g;
/** "the United Nations Mission in South Sudan (" before the acronym a text gives in brackets. */
const EN_FULL_NAME_THEN_PAREN = /^(?:the\s+)?United Nations[^()]{0,160}\($/;
const EN_SRSG =
  /\b(?:Deputy\s+)?Special Representative of the Secretary-General(?:\s+(?:for|on|in)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?(\s+and\s+Head\s+of\s+(?:the\s+)?(?:[A-Z]{4,9}|Mission))?/g;
const EN_CIVIL =
  /\b(?:an?\s+)?representatives?\s+of\s+(?:an?\s+|the\s+)?(?:non-governmental organization|civil society organization|civil-society organization|NGO)(?:\s+from\s+[^,.;]+?)?(?=[,.;]|$)/g;
const EN_POST_KEY: Record<string, string> = {
  'deputy force commander': 'deputy-force-commander',
  'force commander': 'force-commander',
  'police commissioner': 'police-commissioner',
};

let hints: Record<Lang, RegExp> | undefined;

/**
 * A sentence can hold a title only if it holds the head word of one: the last two characters of a Chinese
 * office name (秘书长, 指挥官 → 挥官, 专员, 代表…) or an English title word. Built from the office list, so a
 * new office is covered; the scanners of the domain modules then run on those sentences only.
 */
function titleHints(): Record<Lang, RegExp> {
  if (hints) return hints;
  const zh = new Set(['主席', '主任', '干事', '调员', '专员', '顾问', '责人', '始人', '代表', '团长']);
  const en = new Set([
    'Secretary-General',
    'Commander',
    'Commissioner',
    'Representative',
    'representative',
    'Adviser',
    'Envoy',
    'Coordinator',
    'Director',
    'Chair',
    'Chairperson',
    'President',
    'Minister',
    'Head',
    'Founder',
  ]);
  for (const o of listOffices()) {
    for (const name of o.zh) if (name.length >= 2) zh.add(name.slice(-2));
    for (const p of o.patternsZh) {
      const tail = /(\p{Script=Han}{2})$/u.exec(p);
      if (tail) zh.add(tail[1]!);
    }
    for (const name of [o.en, ...o.enOther]) {
      if (![...en].some((w) => name.includes(w))) en.add(name.split(/\s+/).at(-1)!);
    }
  }
  const alt = (words: Set<string>) =>
    [...words].map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|');
  hints = { zh: new RegExp(alt(zh)), en: new RegExp(alt(en)) };
  return hints;
}

const SENTENCE: Record<Lang, RegExp> = { zh: /[^。；！？]+[。；！？]?/g, en: /[^.;!?]+(?:[.;!?]+|$)/g };

/**
 * Roles in a text, scanning only the sentences that can hold a title (and, when `onlyIf` is given, match
 * it too: a briefer is the subject of a speaking verb, so sentences without one are skipped).
 */
export function scanRoles(text: string, lang: Lang, onlyIf?: RegExp): RoleMention[] {
  const hint = titleHints()[lang];
  const out: RoleMention[] = [];
  let groupBase = 0;
  for (const m of allMatches(SENTENCE[lang], text)) {
    // The verb first: it turns away more sentences than the title words and is the cheaper test.
    if ((onlyIf && !onlyIf.test(m[0])) || !hint.test(m[0])) continue;
    const roles = scanRolesIn(m[0], lang);
    // The roles are this call's own objects: moved to the paragraph's offsets in place.
    for (const r of roles) {
      r.start += m.index;
      r.end += m.index;
      r.group += groupBase;
      out.push(r);
    }
    groupBase += roles.length + 1;
  }
  return out;
}

/** The roles read so far in a sentence and the spans they take. */
interface Found {
  roles: RoleMention[];
  /** Few per sentence: a list is cheaper than a mask the length of the text. */
  taken: Span[];
}

/** A role not given a group of its own gets a new one. */
function take(found: Found, r: Omit<RoleMention, 'group'> & { group?: number }): void {
  found.taken.push({ start: r.start, end: r.end });
  r.group ??= found.roles.length;
  found.roles.push(r as RoleMention);
}

function scanRolesIn(text: string, lang: Lang): RoleMention[] {
  // Chinese titles are looked up in the same fold as missions.
  const folded = lang === 'zh' ? foldNames(text) : undefined;
  const offices = scanOfficeMentions(text, lang, folded);
  // Every role holds an office's title but the English ones read by pattern: without either, no mission scan.
  if (offices.length === 0 && (lang === 'zh' || !EN_ROLE_WORDS.some((w) => text.includes(w)))) return [];
  const missions = scanMissionMentions(text, folded);
  const found: Found = { roles: [], taken: [] };
  if (lang === 'en') {
    takeEnPosts(text, missions, found);
    takeEnSrsg(text, found);
    takeEnCivilSociety(text, found);
  }
  takeMissionPosts(text, lang, missions, offices, found);
  takeOffices(missions, offices, found);
  const { roles } = found;
  roles.sort((a, b) => a.start - b.start);
  groupCoordinated(text, lang, roles);
  return roles;
}

/** What the English role patterns (EN_POSTS, EN_SRSG, EN_CIVIL) cannot match without. */
const EN_ROLE_WORDS = [
  'Force Commander',
  'Police Commissioner',
  'Special Representative of the Secretary-General',
  'representative',
];

/** "the Police Commissioners of BINUH, MINUSCA and MINUSMA" */
function takeEnPosts(text: string, missions: MissionMention[], found: Found): void {
  if (!text.includes('Force Commander') && !text.includes('Police Commissioner')) return;
  for (const m of allMatches(EN_POSTS, text)) {
    const key = EN_POST_KEY[m[1]!.toLowerCase().replace(/s$/, '')]!;
    let pos = m.index + m[0].length;
    const group = found.roles.length;
    for (const ms of missions.filter((x) => x.start >= pos)) {
      const gap = text.slice(pos, ms.start);
      if (ms.start !== pos && !CONNECTOR.en.test(gap) && !EN_FULL_NAME_THEN_PAREN.test(gap)) break;
      take(found, {
        start: m.index,
        end: ms.end,
        text: `${m[1]!.replace(/s$/, '')} of ${ms.text}`,
        office: key,
        mission: ms.acronym,
        kind: 'official',
        group,
      });
      found.taken.push({ start: m.index, end: ms.end });
      pos = ms.end + (text[ms.end] === ')' ? 1 : 0);
      const paren = PAREN.exec(text.slice(pos));
      if (paren) pos += paren[0].length;
    }
  }
}

function takeEnSrsg(text: string, found: Found): void {
  if (!text.includes('Special Representative of the Secretary-General')) return;
  for (const m of allMatches(EN_SRSG, text)) {
    if (anyTaken(found.taken, m.index, m.index + 1)) continue;
    const mission = scanMissionMentions(m[0])[0]?.acronym ?? null;
    take(found, {
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      office: /^Deputy/.test(m[0]) ? 'dsrsg' : m[1] ? 'srsg-head-of-mission' : 'srsg',
      mission,
      kind: 'official',
    });
  }
}

function takeEnCivilSociety(text: string, found: Found): void {
  if (!text.includes('representative')) return;
  for (const m of allMatches(EN_CIVIL, text)) {
    if (anyTaken(found.taken, m.index, m.index + 1)) continue;
    take(found, {
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      office: 'civil-society-representative',
      mission: null,
      kind: 'civil_society',
    });
  }
}

/** Mission followed by its post, possibly as a coordinated list of missions sharing one post. */
function takeMissionPosts(
  text: string,
  lang: Lang,
  missions: MissionMention[],
  offices: OfficeMention[],
  found: Found,
): void {
  for (let i = 0; i < missions.length; i++) {
    const first = missions[i]!;
    if (anyTaken(found.taken, first.start, first.start + 1)) continue;
    const chain: MissionMention[] = [first];
    let pos = afterParen(text, first.end);
    for (;;) {
      const gap = /^\s?/.exec(text.slice(pos))![0].length;
      const post = offices.find((o) => o.start === pos + gap && MISSION_POSTS.has(o.key));
      if (post) {
        const group = found.roles.length;
        for (const c of chain) {
          take(found, {
            start: c.start,
            end: c === chain.at(-1) ? post.end : c.end,
            text: `${c.text}${lang === 'en' ? ' ' : ''}${post.text}`,
            office: post.key,
            mission: c.acronym,
            kind: 'official',
            group,
          });
        }
        found.taken.push({ start: first.start, end: post.end });
        break;
      }
      const next = missions.find((m) => m.start >= pos);
      if (!next || !CONNECTOR[lang].test(text.slice(pos, next.start))) break;
      chain.push(next);
      pos = afterParen(text, next.end);
    }
  }
}

/** Past the bracketed short name that may follow a mission's name: "联合国马里多层面综合稳定团(马里稳定团)". */
function afterParen(text: string, pos: number): number {
  const paren = PAREN.exec(text.slice(pos));
  return paren ? pos + paren[0].length : pos;
}

function takeOffices(missions: MissionMention[], offices: OfficeMention[], found: Found): void {
  for (const o of offices) {
    if (anyTaken(found.taken, o.start, o.end)) continue;
    const mission = missions.find((m) => m.start >= o.start && m.end <= o.end)?.acronym ?? null;
    take(found, {
      start: o.start,
      end: o.end,
      text: o.text,
      office: o.key,
      mission,
      kind: o.key === 'civil-society-representative' ? 'civil_society' : 'official',
    });
  }
}

/**
 * Coordinated subjects ("A和B部队指挥官以及C副指挥官", "the Force Commanders of X and Y and the Deputy Force
 * Commander of Z") are one group: the verb that follows the last applies to all.
 */
function groupCoordinated(text: string, lang: Lang, roles: RoleMention[]): void {
  for (let i = 1; i < roles.length; i++) {
    const prev = roles[i - 1]!;
    const cur = roles[i]!;
    if (
      cur.group !== prev.group &&
      cur.start >= prev.end &&
      CONNECTOR[lang].test(text.slice(prev.end, cur.start))
    ) {
      const old = cur.group;
      for (const r of roles) if (r.group === old) r.group = prev.group;
    }
  }
}

function anyTaken(taken: Span[], start: number, end: number): boolean {
  return start < end && taken.some((s) => s.start < end && start < s.end);
}

/** A title at the start of a clause that no office list knows: “荷花”集团主席…, taken as civil society. */
export function titleAt(text: string, at: number, lang: Lang): RoleMention | undefined {
  const m = LEXICON[lang].personTitle.exec(text.slice(at));
  if (!m) return undefined;
  const title = m[1]!;
  const start = at + m[0].indexOf(title);
  // "中国和俄罗斯联邦代表" is a state's representative: a speaker, not a briefer.
  const bare = title.replace(/代表$/, '').replace(/^(?:the\s+)?representatives?\s+of\s+/i, '');
  if (bare !== title && parseStateList(bare, lang).unknown.length === 0) return undefined;
  if (/安理会|Council|members?\b|发言者|speakers?/i.test(title)) return undefined;
  return {
    start,
    end: start + title.length,
    text: title,
    office: 'civil-society-representative',
    mission: null,
    kind: 'civil_society',
    group: -1,
  };
}

/** The English reading of a role: "Force Commander, MINUSMA". */
export function roleEn(r: Pick<RoleMention, 'office' | 'mission' | 'kind'>): string | null {
  const office = r.office ? (getOffice(r.office)?.en ?? null) : null;
  if (!office) return null;
  return r.mission && MISSION_POSTS.has(r.office ?? '')
    ? `${office}, ${r.mission}`
    : r.mission
      ? `${office} (${r.mission})`
      : office;
}

/** The first state named in `text` from `from` on (mission names are not states). */
export function stateIn(text: string, lang: Lang): string | null {
  return firstStateMention(text, lang)?.iso3 ?? null;
}

export function stateNameEn(iso3: string | null): string | null {
  return iso3 ? displayName(iso3, 'en') : null;
}
