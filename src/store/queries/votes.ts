import { isPermanent } from '../../domain/membership.ts';
import { displayNameOn, getState } from '../../domain/states.ts';
import type { Db } from '../record.ts';
import { fetchPage, pageWindow, toPage, type Page, type PageRequest } from './paging.ts';
import type { DecisionRow } from './rows.ts';

export interface MemberVoteRow {
  state: string;
  /** The name of the seat's holder on the day of the decision (CHN: the Republic of China to 1971). */
  name: { en: string; zh: string } | null;
  vote: 'Y' | 'N' | 'A' | 'X';
  permanent: boolean;
  /** 'recorded': a source gives the vote (sourceId); 'tally': proven from the tally and the other known votes. */
  basis: 'recorded' | 'tally' | null;
  sourceId: string | null;
}

/** A state's names on a day, as pages, exports and the API give them; null for a code not in the list. */
export function namesOn(iso3: string, date: string | null): { en: string; zh: string } | null {
  const s = getState(iso3);
  if (!s) return null;
  if (!date) return { en: s.displayEn, zh: s.displayZh };
  return { en: displayNameOn(iso3, date, 'en'), zh: displayNameOn(iso3, date, 'zh') };
}

/** Every member's vote on one decision, permanent members first, then by code. */
export async function votesOf(db: Db, decisionId: string): Promise<MemberVoteRow[]> {
  const rows = await db
    .selectFrom('vote')
    .innerJoin('decision', 'decision.id', 'vote.decision_id')
    .select(['vote.state', 'vote.vote', 'vote.basis', 'vote.source_id', 'decision.date'])
    .where('vote.decision_id', '=', decisionId)
    .execute();
  return rows
    .map((r) => ({
      state: r.state,
      name: namesOn(r.state, r.date),
      vote: r.vote,
      permanent: isPermanent(r.state),
      basis: r.basis,
      sourceId: r.source_id,
    }))
    .sort((a, b) => Number(b.permanent) - Number(a.permanent) || a.state.localeCompare(b.state));
}

/** A state's vote with the decision it was cast on. */
export interface StateVoteRow {
  decisionId: string;
  state: string;
  vote: 'Y' | 'N' | 'A' | 'X';
  basis: 'recorded' | 'tally' | null;
  sourceId: string | null;
  date: string | null;
  kind: DecisionRow['kind'];
  symbol: string | null;
  draftSymbol: string | null;
  title: string | null;
}

/**
 * A state's votes by decision date (newest first with `order: 'desc'`), the decision's id breaking ties;
 * with a page request, that page of them and the total.
 */
export async function votesByState(
  db: Db,
  iso3: string,
  opts: { order?: 'asc' | 'desc'; page?: PageRequest } = {},
): Promise<Page<StateVoteRow>> {
  const base = db
    .selectFrom('vote')
    .innerJoin('decision', 'decision.id', 'vote.decision_id')
    .where('vote.state', '=', iso3);
  const ordered = (q: typeof base) =>
    q
      .select([
        'vote.decision_id',
        'vote.state',
        'vote.vote',
        'vote.basis',
        'vote.source_id',
        'decision.date',
        'decision.kind',
        'decision.symbol',
        'decision.draft_symbol',
        'decision.title',
      ])
      .orderBy('decision.date', opts.order ?? 'asc')
      .orderBy('vote.decision_id');
  const win = opts.page ? pageWindow(opts.page) : undefined;
  const { rows, total } = win
    ? await fetchPage(base, win, ordered)
    : await ordered(base)
        .execute()
        .then((all) => ({ rows: all, total: all.length }));
  const items = rows.map((r) => ({
    decisionId: r.decision_id,
    state: r.state,
    vote: r.vote,
    basis: r.basis,
    sourceId: r.source_id,
    date: r.date,
    kind: r.kind,
    symbol: r.symbol,
    draftSymbol: r.draft_symbol,
    title: r.title,
  }));
  return toPage(items, total, win ?? { page: 1, pageSize: Math.max(1, rows.length) });
}

/** How many times a state voted each way, over all its recorded votes. */
export async function voteCountsOf(db: Db, iso3: string): Promise<Record<'Y' | 'N' | 'A' | 'X', number>> {
  const rows = await db
    .selectFrom('vote')
    .select(['vote', (eb) => eb.fn.countAll<number>().as('n')])
    .where('state', '=', iso3)
    .groupBy('vote')
    .execute();
  const out = { Y: 0, N: 0, A: 0, X: 0 };
  for (const r of rows) out[r.vote] = Number(r.n);
  return out;
}

/** Every member's vote with its decision's symbol and date, by decision date, decision, then state. */
export function allVotes(db: Db) {
  return db
    .selectFrom('vote as v')
    .innerJoin('decision as d', 'd.id', 'v.decision_id')
    .select(['v.decision_id', 'd.symbol', 'd.date', 'v.state', 'v.vote', 'v.basis', 'v.source_id'])
    .orderBy('d.date')
    .orderBy('v.decision_id')
    .orderBy('v.state')
    .execute();
}

/** Every stored vote, by decision then state. */
export function votesByDecision(db: Db) {
  return db.selectFrom('vote').selectAll().orderBy('decision_id').orderBy('state').execute();
}

/**
 * The votes cast on these decisions, read by the decisions' ids 500 at a time (a join on a period's dates
 * would let SQLite scan every vote of the history).
 */
export async function votesOnDecisions(
  db: Db,
  ids: string[],
): Promise<{ decision_id: string; state: string; vote: 'Y' | 'N' | 'A' | 'X'; basis: string | null }[]> {
  const votes: { decision_id: string; state: string; vote: 'Y' | 'N' | 'A' | 'X'; basis: string | null }[] =
    [];
  for (let i = 0; i < ids.length; i += 500)
    votes.push(
      ...(await db
        .selectFrom('vote')
        .select(['decision_id', 'state', 'vote', 'basis'])
        .where('decision_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return votes;
}

/** A state's votes with their decision's date, tally and vetoers (in no particular order). */
export function stateVotesWithTallies(db: Db, iso3: string) {
  return db
    .selectFrom('vote as v')
    .innerJoin('decision as d', 'd.id', 'v.decision_id')
    .select(['d.id', 'd.date', 'v.vote', 'd.vote_for', 'd.vote_against', 'd.vote_abstaining', 'd.vetoed_by'])
    .where('v.state', '=', iso3)
    .execute();
}

/** Every vote (the state's own among them) on the decisions a state voted on (in no particular order). */
export function votesBeside(
  db: Db,
  iso3: string,
): Promise<{ decision_id: string; vote: 'Y' | 'N' | 'A' | 'X' }[]> {
  return db
    .selectFrom('vote as v')
    .innerJoin('vote as mine', 'mine.decision_id', 'v.decision_id')
    .select(['v.decision_id', 'v.vote'])
    .where('mine.state', '=', iso3)
    .execute();
}
