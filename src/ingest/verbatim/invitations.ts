/**
 * Stage 5, invitations: reads the President's turns and writes the rule 37 invitations (states, as ISO3)
 * and the rule 39 invitations (briefers: name and the office as printed), and the other invitations
 * "in accordance with … the previous practice" (the observer States of Palestine and the Holy See).
 *   "In accordance with rule 37 of the Council's provisional rules of procedure, I invite the
 *    representatives of A, B and C to participate in this meeting."
 *   "In accordance with rule 39 …, I invite the following briefers to participate in this meeting:
 *    Ms. X, Under-Secretary-General for …, and Mr. Y, …"
 */
import { findState } from '../../domain/states.ts';
import type { Finding, Invitee, Turn } from './types.ts';

export interface Invitations {
  rule37: string[];
  rule39: Invitee[];
  other: { role: string }[];
}

const RULE37 =
  /rule 37 of the Council[’']s provisional rules of procedure,? I (?:also )?invite the representatives? of (.+?),? to participate in (?:this|the) meeting/g;
const RULE39 =
  /rule 39 of the Council[’']s provisional rules of procedure,? I (?:also )?invite (the following(?: briefers?)? to participate in (?:this|the) meeting:?\s*)?/g;
const TO_PARTICIPATE = /,? to participate in (?:this|the) meeting/;
const OTHER =
  /I propose that the Council invite the (.+?),? to participate in the meeting,? in accordance with the provisional rules of procedure and the previous practice/g;

const HONORIFIC = String.raw`(?:(?:His|Her) (?:Excellency|Royal Highness|Majesty|Eminence|Holiness)\s+)?(?:Mr|Mrs|Ms|Miss|Dr|Dame|Sir|Lord|Lady|Baroness|Archbishop|Cardinal|Bishop|Monsignor|Sheikh|Prince|Princess|General|Ambassador|Professor|Judge)\.?`;
const ITEM_START = new RegExp(
  String.raw`(?:,|;)\s+(?:and\s+)?(?=${HONORIFIC}\s)|\s+and\s+(?=${HONORIFIC}\s)`,
);

export function readInvitations(turns: Turn[], findings: Finding[]): Invitations {
  const rule37: string[] = [];
  const rule39: Invitee[] = [];
  const other: { role: string }[] = [];
  for (const t of turns) {
    if (t.name !== 'The President') continue;
    const text = t.text.replace(/\s+/g, ' ');
    for (const m of text.matchAll(RULE37)) {
      for (const printed of splitStates(m[1]!)) {
        const iso3 = findState(printed, 'en');
        if (iso3) {
          if (!rule37.includes(iso3)) rule37.push(iso3);
        } else
          findings.push({
            severity: 'warning',
            code: 'rule37-unknown-state',
            message: `rule 37 invitation of "${printed}", not a state name we know`,
            where: `page ${t.page}`,
          });
      }
    }
    for (const m of text.matchAll(RULE39)) {
      const rest = text.slice(m.index + m[0].length);
      // "I invite the following …: LIST." ends at the sentence; "I invite LIST to participate …" before it.
      const end = m[1] ? sentenceEnd(rest) : (TO_PARTICIPATE.exec(rest)?.index ?? sentenceEnd(rest));
      for (const item of rest.slice(0, end).split(ITEM_START)) {
        const invitee = parseInvitee(item);
        if (invitee) rule39.push(invitee);
      }
    }
    for (const m of text.matchAll(OTHER)) other.push({ role: m[1]!.trim() });
  }
  return { rule37, rule39, other };
}

/** Where the sentence ends: a full stop before a capital or the end, not the stop of "Mr." or "St.". */
function sentenceEnd(text: string): number {
  for (const m of text.matchAll(/\.(?=\s+[A-Z“"]|\s*$)/g)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (!/(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|No|[A-Z])$/.test(before)) return m.index;
  }
  return text.length;
}

/** "Afghanistan, Albania, the Plurinational State of Bolivia and Yemen" → names; "and" only at the end. */
function splitStates(list: string): string[] {
  const parts = list.split(/\s*,\s*/);
  const last = parts.pop()!;
  const tail = last.split(/\s+and\s+/);
  // "Trinidad and Tobago" as the last name: keep the "and" when the split halves are not both states.
  if (tail.length === 2 && !(findState(tail[0]!, 'en') && findState(tail[1]!, 'en')) && findState(last, 'en'))
    parts.push(last);
  else parts.push(...tail);
  return parts.map((p) => p.replace(/^and\s+/, '').trim()).filter(Boolean);
}

/** "Her Excellency Mrs. Mary Robinson, Chair of The Elders" → name without the style, role as printed. */
function parseInvitee(item: string): Invitee | undefined {
  const clean = item
    .replace(/^(?:and\s+)/, '')
    .replace(/[.;,\s]+$/, '')
    .trim();
  if (!clean) return undefined;
  const comma = clean.indexOf(',');
  const rawName = comma < 0 ? clean : clean.slice(0, comma);
  const role = comma < 0 ? null : clean.slice(comma + 1).trim() || null;
  const name = rawName
    .replace(/^(?:His|Her) (?:Excellency|Royal Highness|Majesty|Eminence|Holiness)\s+/, '')
    .trim();
  return { name, role };
}
