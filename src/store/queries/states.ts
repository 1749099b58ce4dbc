import { listMissions } from '../../domain/missions.ts';
import { isPermanent, termsOf, type Term } from '../../domain/membership.ts';
import {
  getState as referenceState,
  listStates as referenceStates,
  type StateRecord,
} from '../../domain/states.ts';
import type { Db } from '../record.ts';
import type { StateFilter } from './filters.ts';
import { meetingsLedBy } from './meetings.ts';
import { briefingsOnMissions } from './participants.ts';
import { positionsOfState } from './positions.ts';
import { voteCountsOf, votesByState } from './votes.ts';
import { pageWindow, toPage, type Page } from './paging.ts';
import {
  toMeeting,
  toParticipant,
  toPosition,
  type MeetingSummary,
  type Participant,
  type Position,
} from './rows.ts';

export interface StateListRow {
  iso3: string;
  nameZh: string;
  nameEn: string;
  permanent: boolean;
  terms: { start: string; end: string | null; seat: Term['seat'] }[];
}

function row(s: StateRecord): StateListRow {
  return {
    iso3: s.iso3,
    nameZh: s.displayZh,
    nameEn: s.displayEn,
    permanent: isPermanent(s.iso3),
    terms: termsOf(s.iso3).map((t) => ({ start: t.start, end: t.end, seat: t.seat })),
  };
}

function satIn(r: StateListRow, year: number): boolean {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return r.terms.some((t) => t.start <= to && (t.end === null || t.end >= from));
}

/** States of the reference list (members and observers) by English name; with a year, the Council's members then. */
export function listStates(filter: StateFilter = {}): Page<StateListRow> {
  const win = pageWindow(filter);
  let rows = referenceStates().map(row);
  if (filter.year !== undefined) {
    const year = filter.year;
    rows = rows.filter((r) => satIn(r, year));
  }
  rows.sort((a, b) => a.nameEn.localeCompare(b.nameEn, 'en'));
  return toPage(rows.slice(win.offset, win.offset + win.pageSize), rows.length, win);
}

export interface StateVote {
  decisionId: string;
  symbol: string | null;
  date: string | null;
  vote: 'Y' | 'N' | 'A' | 'X';
}

export interface StateProfile extends StateListRow {
  formalZh: string;
  formalEn: string;
  votes: StateVote[];
  voteCounts: Record<'Y' | 'N' | 'A' | 'X', number>;
  positions: Position[];
  /** Meetings it initiated, presided or chaired. */
  initiatives: MeetingSummary[];
  chaired: MeetingSummary[];
  presided: MeetingSummary[];
  /** Briefings by missions deployed on its territory. */
  missionBriefings: (Participant & { meetingId: string; date: string })[];
}

/** A state's record on the Council; undefined when the code is not in the reference list. */
export async function getStateProfile(db: Db, iso3: string): Promise<StateProfile | undefined> {
  const code = iso3.toUpperCase();
  const ref = referenceState(code);
  if (!ref) return undefined;
  const missions = listMissions()
    .filter((m) => m.state === code)
    .map((m) => m.acronym);
  const [votes, voteCounts, positions, meetings, briefings] = await Promise.all([
    votesByState(db, code),
    voteCountsOf(db, code),
    positionsOfState(db, code),
    meetingsLedBy(db, code),
    briefingsOnMissions(db, missions),
  ]);
  return {
    ...row(ref),
    formalZh: ref.formalZh,
    formalEn: ref.formalEn,
    votes: votes.items.map((v) => ({
      decisionId: v.decisionId,
      symbol: v.symbol,
      date: v.date,
      vote: v.vote,
    })),
    voteCounts,
    positions: positions.map(toPosition),
    initiatives: meetings.filter((m) => m.initiative === code).map(toMeeting),
    chaired: meetings.filter((m) => m.chair === code).map(toMeeting),
    presided: meetings.filter((m) => m.presidency === code).map(toMeeting),
    missionBriefings: briefings.map((b) => ({ ...toParticipant(b), meetingId: b.meeting_id, date: b.date })),
  };
}
