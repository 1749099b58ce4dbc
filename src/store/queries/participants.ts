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

/** The ids of the participants of the meetings of a period (dates inclusive), in no particular order. */
export async function participantIdsBetween(db: Db, from: string, to: string): Promise<string[]> {
  return (
    await db
      .selectFrom('participant')
      .innerJoin('meeting', 'meeting.id', 'participant.meeting_id')
      .select('participant.id')
      .where('meeting.date', '>=', from)
      .where('meeting.date', '<=', to)
      .execute()
  ).map((p) => p.id);
}

/** The briefers of the meetings of a period (dates inclusive), in no particular order. */
export function briefersBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('participant')
    .innerJoin('meeting', 'meeting.id', 'participant.meeting_id')
    .select(['participant.id', 'participant.office', 'participant.gender', 'participant.organisation'])
    .where('participant.kind', '=', 'briefer')
    .where('meeting.date', '>=', from)
    .where('meeting.date', '<=', to)
    .execute();
}
