/**
 * Who took part in a letter's videoconference, and its speeches (stage 4). Reads: a letter's items, the
 * Council's membership on its date, the reference States and offices, the NameResolver. Writes: the
 * participants (President, members, invited States, briefers with the office the covering letter gives
 * them, organisations) and one speech per briefing or statement of the annexes. The covering letter
 * itself is not a speech: it is where the briefers' offices are read ("the briefings provided by
 * Mr. Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations; …").
 */
import type { Insertable } from 'kysely';
import { isMemberOn } from '../../domain/membership.ts';
import { findOffice } from '../../domain/offices.ts';
import { findState, nameKey } from '../../domain/states.ts';
import type { ParticipantTable } from '../../store/tables/core.ts';
import { scanRoles } from '../repertoire/roles.ts';
import { splitTitle, type NameResolver, type ResolvedName } from './names.ts';
import type { LetterItem, VtcLetter } from './parse.ts';

export type ParticipantRow = Omit<Insertable<ParticipantTable>, 'id' | 'meeting_id'>;

export interface Statement {
  item: LetterItem;
  /** "The President", the normalised name, or the State or organisation as printed when no name is. */
  speaker: string;
  state: string | null;
  organisation: string | null;
}

export interface LetterPeople {
  participants: ParticipantRow[];
  statements: Statement[];
  /** Names kept as printed, and countries that are neither a State nor a known organisation name. */
  unresolved: { item: LetterItem; what: string }[];
}

/** The CSV's "UN" is the United Nations (Secretariat, agencies); other organisations are named in full. */
const ORGANISATIONS: Record<string, string> = { UN: 'United Nations', EU: 'European Union' };

/** A State as printed, allowing for the OCR's dropped article ("Saint Vincent and Grenadines"). */
export function stateOf(country: string | null): string | null {
  if (!country) return null;
  return findState(country, 'en') ?? findState(country.replace(/ and (?!the )/, ' and the '), 'en') ?? null;
}

export function isCoveringLetter(item: LetterItem): boolean {
  return item.type === 'president' && /^I have the honour/i.test(item.content);
}

/** The briefers the covering letter names, with their offices as written. */
export function briefersOf(body: string): { name: string; role: string }[] {
  const m =
    /briefings? (?:provided |delivered |given )?by (.+?)(?:,? as well as |,? and (?:of )?the statements|,? and statements| \(see annex|$)/s.exec(
      body,
    );
  if (!m) return [];
  const out: { name: string; role: string }[] = [];
  for (let part of m[1]!.split(/;\s*|,? and by /)) {
    part = part.replace(/^(?:and|by)\s+/, '').trim();
    const comma = part.indexOf(',');
    if (comma < 0) continue;
    if (/^the /i.test(part)) {
      // "the Under-Secretary-General for Humanitarian Affairs …, Mark Lowcock"
      const last = part.lastIndexOf(',');
      out.push({ name: part.slice(last + 1).trim(), role: part.slice(4, last).trim() });
    } else out.push({ name: part.slice(0, comma).trim(), role: part.slice(comma + 1).trim() });
  }
  return out.filter((b) => /^\p{Lu}/u.test(splitTitle(b.name).rest) && b.name.split(/\s+/).length <= 7);
}

/**
 * The office (and the mission of a mission post) of a briefer's title as the covering letter writes it:
 * the title itself ("Under-Secretary-General for Peace Operations"), or the one mission post the
 * Repertoire's reader finds in it ("Force Commander of the United Nations Mission in South Sudan":
 * force-commander, UNMISS). Anything less certain gives neither: the merge with other sources rests on it.
 */
export function officeOf(role: string): { office: string | null; mission: string | null } {
  const office = findOffice(role, 'en');
  if (office) return { office, mission: null };
  const roles = scanRoles(role, 'en');
  const post = roles.length === 1 && roles[0]!.office && roles[0]!.mission ? roles[0]! : undefined;
  return { office: post?.office ?? null, mission: post?.mission ?? null };
}

const surname = (name: string) => nameKey(splitTitle(name).rest, 'en').split(' ').pop() ?? '';

export function lettersPeople(letter: VtcLetter, names: NameResolver): LetterPeople {
  const participants: ParticipantRow[] = [];
  const statements: Statement[] = [];
  const unresolved: LetterPeople['unresolved'] = [];
  const seen = new Set<string>();
  const body = letter.items
    .filter(isCoveringLetter)
    .map((i) => i.content)
    .join(' ');
  const briefers = briefersOf(body);
  const base = {
    role_zh: null,
    role_en: null,
    office: null,
    organisation: null,
    mission: null,
    gender: null,
    state: null,
    name: null,
    name_printed: null,
    name_check: null,
  } as const;
  const add = (key: string, row: Partial<ParticipantRow> & Pick<ParticipantRow, 'kind'>) => {
    if (seen.has(key)) return;
    seen.add(key);
    participants.push({ ...base, ...row, ordinal: participants.length });
  };
  const resolve = (item: LetterItem, state: string | null): ResolvedName | null => {
    if (!item.speaker) return null;
    const r = names.resolve(item.speaker, state, letter.date);
    if (r.check === 'unresolved') unresolved.push({ item, what: `name "${item.speaker}"` });
    return r;
  };
  const named = (r: ResolvedName | null) =>
    r ? { name: r.name, name_printed: r.printed, name_check: r.check } : {};

  for (const item of letter.items) {
    const state = stateOf(item.country);
    const organisation = state ? null : (ORGANISATIONS[item.country ?? ''] ?? item.country);
    const r = resolve(item, state);
    if (item.type === 'president') {
      add('chair', { kind: 'chair', role_en: 'President', state, ...named(r) });
      if (isCoveringLetter(item)) continue;
      statements.push({ item, speaker: 'The President', state, organisation: null });
      continue;
    }
    const speaker = r?.name ?? item.country ?? 'unknown';
    if (item.type === 'guest' || !state) {
      const b = item.speaker ? briefers.find((x) => surname(x.name) === surname(item.speaker!)) : undefined;
      if (!state && !organisation) unresolved.push({ item, what: 'speaker without State or organisation' });
      add(`briefer:${r?.name ?? speaker}:${state ?? organisation}`, {
        kind: item.type === 'guest' ? 'briefer' : 'speaker',
        role_en: b?.role ?? null,
        ...(b ? officeOf(b.role) : {}),
        organisation,
        state,
        ...named(r),
      });
    } else {
      const member = isMemberOn(state, letter.date);
      add(`state:${state}`, { kind: member ? 'member' : 'invited', state, ...named(r) });
    }
    statements.push({ item, speaker, state, organisation });
  }
  return { participants, statements, unresolved };
}
