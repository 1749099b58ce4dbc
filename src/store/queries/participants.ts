import type { Db } from '../record.ts';
import type { ParticipantRow } from './rows.ts';
import { inListOrder } from './participant-order.ts';

/** The participants of the meetings, meeting by meeting, as their sources list them (inListOrder). */
export async function participantsOf(db: Db, meetingIds: string[]): Promise<ParticipantRow[]> {
  if (meetingIds.length === 0) return [];
  return inListOrder(
    await db.selectFrom('participant').selectAll().where('meeting_id', 'in', meetingIds).execute(),
  );
}

/** Briefings by the missions (acronyms), with the meeting's date, in date order. */
export async function briefingsOnMissions(
  db: Db,
  missions: string[],
): Promise<(ParticipantRow & { date: string })[]> {
  if (missions.length === 0) return [];
  return db
    .selectFrom('participant')
    .innerJoin('meeting', 'meeting.id', 'participant.meeting_id')
    .selectAll('participant')
    .select('meeting.date')
    .where('participant.mission', 'in', missions)
    .orderBy('meeting.date')
    .orderBy('participant.id')
    .execute();
}
