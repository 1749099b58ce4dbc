/**
 * Stage 6, decisions: reads the paragraphs in order and writes the decisions taken at the meeting, each
 * with the page it was announced on:
 *   - a draft resolution put to the vote (its symbol from "document S/2020/27, which contains the text of a
 *     draft resolution" or "the draft resolution contained in document …"), the "In favour: … Against: …
 *     Abstaining: …" lists (every member's vote), the tally ("The result of the voting is as follows: …",
 *     "The draft resolution received 15 votes in favour") and the outcome ("adopted … as resolution
 *     2505 (2020)" or "has not been adopted");
 *   - an amendment voted on (kind `amendment`; oral when it has no symbol);
 *   - a procedural vote (on the provisional agenda);
 *   - a presidential statement ("… under the symbol S/PRST/2020/1").
 * The lists and the tally must agree: a difference is an error finding, and the printed tally is kept.
 */
import { findState } from '../../domain/states.ts';
import { resolutionSymbol } from '../../domain/symbols.ts';
import { countValue } from './words.ts';
import type { VoteTally } from '../../domain/proven-votes.ts';
import type { DecisionKind, Finding, Paragraph, VerbatimDecision, VoteValue } from './types.ts';

export interface Decision extends VerbatimDecision {
  adopted: boolean | null;
}

const LIST_HEAD = /^(In favour|Against|Abstaining|Abstention|Abstentions)\s*:\s*/;
const LIST_VALUE: Record<string, VoteValue> = {
  'In favour': 'Y',
  Against: 'N',
  Abstaining: 'A',
  Abstention: 'A',
  Abstentions: 'A',
};
const DRAFT =
  /(?:draft resolution (?:contained )?in document|document) (S\/\d{4}\/\d{1,5}(?:\/Rev\.\d+)?)(?:,? which contains the text of a draft resolution)?/g;
const DRAFT_SAYS =
  /which contains the text of a draft resolution|draft resolution (?:contained )?in document/;
const AMENDMENT_DOC = /amendments? contained in document (S\/\d{4}\/\d{1,5})/;
const ORAL_AMENDMENT = /\b(?:vote|voting) (?:first )?on the (?:oral )?(?:draft )?amendment/;
const PROCEDURAL =
  /\b(?:vote on|put to the vote) the (?:adoption of the )?provisional agenda\b|\bprovisional agenda to the vote\b/;
const RESULT =
  /(?:result of the voting (?:is|was) as follows|(?:draft resolution|amendment|provisional agenda) received)/;
const ADOPTED_AS = /has been adopted(?:,? unanimously,?| unanimously)? as resolution (\d{1,4}) \((\d{4})\)/;
const NOT_ADOPTED = /has not been adopted/;
const ADOPTED = /(?:amendment|provisional agenda) has been adopted/;
const PRST = /under the symbol (S\/PRST\/\d{4}\/\d{1,3})/;

export function readDecisions(paragraphs: Paragraph[], members: string[], findings: Finding[]): Decision[] {
  const decisions: Decision[] = [];
  let draft: string | null = null;
  let kind: DecisionKind = 'resolution';
  let lists: { value: VoteValue; text: string }[] = [];
  let listOpen: VoteValue | null = null;
  let tally: VoteTally | null = null;
  const reset = () => {
    lists = [];
    listOpen = null;
    tally = null;
    kind = 'resolution';
  };

  for (const p of paragraphs) {
    const text = p.text.replace(/\s+/g, ' ').trim();
    // The vote lists: a heading ("In favour:") then states, on its line or the lines below.
    const head = LIST_HEAD.exec(text);
    if (head || (listOpen && looksLikeStates(text))) {
      // Collected as text and parsed when the decision closes: a name may break across paragraphs.
      for (const part of splitListHeads(text)) {
        if (part.value) listOpen = part.value;
        if (!listOpen) continue;
        let list = lists.find((l) => l.value === listOpen);
        if (!list) lists.push((list = { value: listOpen, text: '' }));
        list.text = `${list.text} ${part.text}`.trim();
      }
      continue;
    }
    listOpen = null;
    if (AMENDMENT_DOC.test(text)) {
      kind = 'amendment';
      draft = AMENDMENT_DOC.exec(text)![1]!;
    } else if (ORAL_AMENDMENT.test(text)) {
      kind = 'amendment';
      draft = null;
    } else if (PROCEDURAL.test(text)) {
      kind = 'procedural';
      draft = null;
    } else if (DRAFT_SAYS.test(text)) {
      const found = [...text.matchAll(DRAFT)].filter(
        (m) => DRAFT_SAYS.test(m[0]) || /draft resolution/.test(m[0]),
      );
      if (found.length > 0) draft = found[found.length - 1]![1]!;
    }
    if (RESULT.test(text)) tally = parseTally(text.slice(RESULT.exec(text)!.index));
    const adoptedAs = ADOPTED_AS.exec(text);
    const prst = PRST.exec(text);
    if (adoptedAs || NOT_ADOPTED.test(text) || (ADOPTED.test(text) && kind !== 'resolution')) {
      const adopted = !NOT_ADOPTED.test(text);
      const decisionKind: DecisionKind =
        kind === 'resolution' ? (adoptedAs ? 'resolution' : 'draft_not_adopted') : kind;
      decisions.push(
        closeDecision({
          kind: decisionKind,
          symbol: adoptedAs ? resolutionSymbol(Number(adoptedAs[1]), Number(adoptedAs[2])) : null,
          draft: kind === 'procedural' ? null : draft,
          adopted,
          lists,
          tally,
          page: p.page,
          members,
          findings,
        }),
      );
      reset();
      if (decisionKind !== 'amendment') draft = null;
    } else if (prst) {
      decisions.push({
        kind: 'presidential_statement',
        symbol: prst[1]!,
        draft: null,
        vote: null,
        votes: {},
        adopted: true,
        page: p.page,
      });
    }
  }
  return decisions;
}

function splitListHeads(text: string): { value: VoteValue | null; text: string }[] {
  const out: { value: VoteValue | null; text: string }[] = [];
  const re = /(In favour|Against|Abstaining|Abstentions?)\s*:/g;
  let last = 0;
  let value: VoteValue | null = null;
  for (const m of text.matchAll(re)) {
    if (m.index > last || value) out.push({ value, text: text.slice(last, m.index) });
    value = LIST_VALUE[m[1]!]!;
    last = m.index + m[0].length;
  }
  out.push({ value, text: text.slice(last) });
  return out.filter((p) => p.value !== null || p.text.trim() !== '');
}

/** A line of a vote list: comma-separated state names, most of which we know. */
function looksLikeStates(text: string): boolean {
  const parts = text.split(/\s*,\s*/).filter(Boolean);
  if (parts.length === 0 || text.length > 600 || /[:.;]$/.test(text)) return false;
  const known = parts.filter((s) => findState(s, 'en')).length;
  return known >= Math.max(1, Math.ceil(parts.length / 2));
}

/**
 * "Belgium, China, Dominican Republic, … Viet Nam": the lists use commas only. A name broken over two
 * lines of the list ("Russian" / "Federation") was rejoined by the paragraph stage; a name broken at a
 * comma of the list ("United Kingdom of Great Britain and Northern Ireland" is one name) is retried
 * joined to its neighbour.
 */
function parseStateList(text: string, page: number, findings: Finding[]): string[] {
  const parts = text
    .split(/\s*,\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const iso3 = findState(parts[i]!, 'en');
    if (iso3) {
      out.push(iso3);
      continue;
    }
    const joined = i + 1 < parts.length ? findState(`${parts[i]!}, ${parts[i + 1]!}`, 'en') : undefined;
    if (joined) {
      out.push(joined);
      i++;
      continue;
    }
    findings.push({
      severity: 'error',
      code: 'vote-unknown-state',
      message: `"${parts[i]}" in a vote list is not a state name we know`,
      where: `page ${page}`,
    });
  }
  return out;
}

/** "13 votes in favour, 2 against and no abstentions" / "15 votes in favour" (nothing else said: 0). */
export function parseTally(text: string): VoteTally | null {
  const n = String.raw`(\d{1,2}|none|no|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)`;
  const forM = new RegExp(String.raw`${n} votes? in favour`, 'i').exec(text);
  if (!forM) return null;
  const against = new RegExp(String.raw`${n} (?:votes? )?against`, 'i').exec(text);
  const abst = new RegExp(String.raw`${n} abstentions?`, 'i').exec(text);
  return {
    for: countValue(forM[1]!) ?? 0,
    against: against ? (countValue(against[1]!) ?? 0) : 0,
    abstaining: abst ? (countValue(abst[1]!) ?? 0) : 0,
  };
}

function closeDecision(a: {
  kind: DecisionKind;
  symbol: string | null;
  draft: string | null;
  adopted: boolean;
  lists: { value: VoteValue; text: string }[];
  tally: VoteTally | null;
  page: number;
  members: string[];
  findings: Finding[];
}): Decision {
  const votes: Record<string, VoteValue> = {};
  const where = `page ${a.page}: ${a.symbol ?? a.draft ?? a.kind}`;
  for (const list of a.lists)
    for (const s of parseStateList(list.text, a.page, a.findings)) {
      if (votes[s] && votes[s] !== list.value)
        a.findings.push({
          severity: 'error',
          code: 'vote-twice',
          message: `${s} is listed as ${votes[s]} and as ${list.value}`,
          where,
        });
      votes[s] = list.value;
      if (a.members.length > 0 && !a.members.includes(s))
        a.findings.push({
          severity: 'error',
          code: 'vote-not-member',
          message: `${s} votes but is not among the members on the cover`,
          where,
        });
    }
  const counted: VoteTally = { for: 0, against: 0, abstaining: 0 };
  for (const v of Object.values(votes))
    counted[v === 'Y' ? 'for' : v === 'N' ? 'against' : 'abstaining'] += 1;
  const hasLists = a.lists.some((l) => l.text !== '');
  if (a.tally && hasLists) {
    const t = a.tally;
    if (t.for !== counted.for || t.against !== counted.against || t.abstaining !== counted.abstaining)
      a.findings.push({
        severity: 'error',
        code: 'tally-mismatch',
        message: `the announced result ${t.for}-${t.against}-${t.abstaining} differs from the lists ${counted.for}-${counted.against}-${counted.abstaining}`,
        where,
      });
  } else if (!a.tally && hasLists) {
    a.findings.push({
      severity: 'warning',
      code: 'tally-missing',
      message: 'no announced result of the voting; the tally is counted from the lists',
      where,
    });
  }
  if (hasLists && a.members.length > 0) {
    const missing = a.members.filter((m) => !votes[m]);
    if (missing.length > 0)
      a.findings.push({
        severity: 'warning',
        code: 'member-not-voting',
        message: `no vote listed for ${missing.join(', ')} (absent or not participating?)`,
        where,
      });
  }
  return {
    kind: a.kind,
    symbol: a.symbol,
    draft: a.draft,
    vote: a.tally ?? (hasLists ? counted : null),
    votes,
    adopted: a.adopted,
    page: a.page,
  };
}
