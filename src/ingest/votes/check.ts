import { isRealDate } from '../../domain/dates.ts';
import { isPermanent } from '../../domain/membership.ts';
import type { MemberVote } from '../../store/record.ts';
import type { Refusal, SheetBlock } from './sheet.ts';

/**
 * Stage: vote blocks → blocks matched to the record's decisions, or refusals. The meeting tables are the
 * reference: a block is matched by its resolution or draft symbol to a decision the tables hold, and its
 * date, outcome, members and counts are checked against that decision. Nothing is forced: what does not
 * agree is refused (and reported), or kept as a conflict beside the record's value.
 */

/** The decision as the record holds it (from the meeting tables and veto lists). */
export interface RecordDecision {
  id: string;
  kind: string;
  date: string | null;
  adopted: number | null;
  vote_for: number | null;
  vote_against: number | null;
  vote_abstaining: number | null;
  meeting_id: string | null;
}

export interface MatchedBlock {
  block: SheetBlock;
  decision: RecordDecision;
  votes: MemberVote[];
  /** The sheet's date, when it is a real date that differs from the record's (kept as a conflict). */
  sheetDate: string | null;
  /** The sheet's date is the record's with day and month swapped (the sheet's known defect, days 1–12). */
  dateSwapped: boolean;
  /** The sheet's meeting record when it names another meeting than the record's (kept as a conflict). */
  otherMeeting: string | null;
}

export interface CheckResult {
  matched: MatchedBlock[];
  refusals: Refusal[];
  /** Blocks taken with a caveat (the sheet's date or meeting differs from the tables; a block short of members). */
  warnings: Refusal[];
}

export interface RecordLookup {
  decision(block: SheetBlock): RecordDecision | undefined;
  /** The Council's members on a date, or undefined when the membership reference does not cover it. */
  members(date: string): string[] | undefined;
}

function isoOf(text: string): { y: number; m: number; d: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d) ? { y, m: mo, d } : undefined;
}

/** True when `sheet` is `record` with its day and month swapped (both 1–12, not equal). */
export function isDayMonthSwap(sheet: string, record: string): boolean {
  const a = isoOf(sheet);
  const b = isoOf(record);
  return !!a && !!b && a.y === b.y && a.m === b.d && a.d === b.m && a.m !== a.d;
}

const meetingNumber = (id: string | null) => /^S\/PV\.(\d+)/.exec(id ?? '')?.[1];

function counts(votes: MemberVote[]): Record<MemberVote['vote'], number> {
  const c = { Y: 0, N: 0, A: 0, X: 0 };
  for (const v of votes) c[v.vote] += 1;
  return c;
}

function checkOne(block: SheetBlock, lookup: RecordLookup, out: CheckResult): MatchedBlock | undefined {
  const subject = block.resolution ?? block.draft;
  const locator = `ID ${block.id} (lines ${block.lines[0]}–${block.lines.at(-1)})`;
  const refuse = (reason: Refusal['reason'], message: string) => {
    out.refusals.push({ reason, locator, line: block.lines[0] ?? null, subject, message });
    return undefined;
  };
  const warn = (reason: Refusal['reason'], message: string) =>
    out.warnings.push({ reason, locator, line: block.lines[0] ?? null, subject, message });
  const decision = lookup.decision(block);
  if (!decision || !decision.date)
    return refuse(
      'not_in_record',
      `${subject} is not a decision of the record's meeting tables (import the UN Library table of ${block.date.slice(0, 4) || 'its year'} first)`,
    );
  const adopted = /^adopted/i.test(block.outcome);
  const notAdopted = /^not adopted/i.test(block.outcome);
  if ((adopted && decision.adopted === 0) || (notAdopted && decision.adopted === 1))
    return refuse(
      'outcome_contradicts_record',
      `the sheet says "${block.outcome}" but the meeting tables record ${decision.id} as ${decision.adopted ? 'adopted' : 'not adopted'}`,
    );
  const c = counts(block.votes);
  if (/unanimously/i.test(block.outcome) && c.N + c.A > 0)
    return refuse(
      'outcome_label_contradicts_votes',
      `labelled "${block.outcome}" but its rows carry ${c.N} "No" and ${c.A} "Abstain"`,
    );
  if (/veto/i.test(block.outcome) && !block.votes.some((v) => v.vote === 'N' && isPermanent(v.state)))
    return refuse(
      'outcome_label_contradicts_votes',
      `labelled "${block.outcome}" but no permanent member votes "No"`,
    );
  const seen = new Set<string>();
  for (const v of block.votes) {
    if (seen.has(v.state))
      return refuse('duplicate_vote', `${v.state} (${v.name}) votes twice, line ${v.line}`);
    seen.add(v.state);
  }
  const date = decision.date;
  const members = lookup.members(date);
  if (!members)
    return refuse(
      'not_on_council',
      `the Council's membership on ${date} is not recorded: no vote can be checked`,
    );
  const outsiders = block.votes.filter((v) => !members.includes(v.state));
  if (outsiders.length > 0) {
    for (const v of outsiders)
      out.refusals.push({
        reason: 'not_on_council',
        locator: `line ${v.line}`,
        line: v.line,
        subject,
        message: `${v.name} (${v.state}) was not a member of the Council on ${date}`,
      });
    return refuse(
      'block_lists_non_members',
      `${outsiders.length} of the block's ${block.votes.length} votes are by states not on the Council on ${date}: the block is not this vote's, none of its votes taken`,
    );
  }
  const tally = { Y: decision.vote_for, N: decision.vote_against, A: decision.vote_abstaining };
  const over = (['Y', 'N', 'A'] as const).filter((k) => tally[k] !== null && c[k] > tally[k]!);
  const complete = block.votes.length >= members.length;
  const differs = (['Y', 'N', 'A'] as const).filter((k) => tally[k] !== null && c[k] !== tally[k]);
  if (over.length > 0 || (complete && differs.length > 0))
    return refuse(
      'tally_mismatch',
      `the block gives ${c.Y}-${c.N}-${c.A} but the meeting tables record ${tally.Y ?? '?'}-${tally.N ?? '?'}-${tally.A ?? '?'} for ${decision.id}`,
    );
  if (!complete)
    warn(
      'tally_mismatch',
      `the block gives the votes of ${block.votes.length} of the ${members.length} members; the others stay not recorded`,
    );
  let sheetDate: string | null = null;
  let dateSwapped = false;
  if (block.date !== date) {
    if (!isoOf(block.date)) {
      warn('bad_date', `date "${block.date}" is not a date; the meeting tables' ${date} stands`);
    } else {
      sheetDate = block.date;
      dateSwapped = isDayMonthSwap(block.date, date);
      if (!dateSwapped)
        warn(
          'bad_date',
          `the sheet dates it ${block.date}, the meeting tables ${date}: the tables' date stands, the sheet's is kept as a conflict`,
        );
    }
  }
  const sheetNumber = meetingNumber(block.meeting);
  const otherMeeting =
    sheetNumber && decision.meeting_id && sheetNumber !== meetingNumber(decision.meeting_id)
      ? block.meeting
      : null;
  return {
    block,
    decision,
    votes: block.votes.map((v) => ({ state: v.state, vote: v.vote })),
    sheetDate,
    dateSwapped,
    otherMeeting,
  };
}

/**
 * Checks every block; then, where two blocks of the sheet land on the same decision (the sheet lists some
 * drafts twice), identical copies count once and copies that disagree are all refused.
 */
export function checkBlocks(blocks: SheetBlock[], lookup: RecordLookup): CheckResult {
  const out: CheckResult = { matched: [], refusals: [], warnings: [] };
  const byDecision = new Map<string, MatchedBlock[]>();
  for (const b of blocks) {
    const m = checkOne(b, lookup, out);
    if (!m) continue;
    const list = byDecision.get(m.decision.id) ?? [];
    list.push(m);
    byDecision.set(m.decision.id, list);
  }
  const key = (m: MatchedBlock) =>
    m.votes
      .map((v) => `${v.state}=${v.vote}`)
      .sort()
      .join(',');
  for (const [id, list] of byDecision) {
    if (new Set(list.map(key)).size === 1) {
      out.matched.push(list[0]!);
      continue;
    }
    for (const m of list)
      out.refusals.push({
        reason: 'conflicting_copies',
        locator: `ID ${m.block.id} (lines ${m.block.lines[0]}–${m.block.lines.at(-1)})`,
        line: m.block.lines[0] ?? null,
        subject: id,
        message: `the sheet gives ${id} ${list.length} times (IDs ${list.map((x) => x.block.id).join(', ')}) with different votes: none taken`,
      });
  }
  return out;
}
