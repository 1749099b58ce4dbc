import type { Db } from '../record.ts';
import { provenanceOf } from './provenance.ts';

export interface BrieferAppearance {
  participantId: string;
  meetingId: string;
  date: string;
  format: string;
  recordSymbol: string | null;
  agendaItemId: string | null;
  roleZh: string | null;
  roleEn: string | null;
  name: string | null;
  gender: 'female' | 'male' | null;
  /** The sources that name the briefer at this meeting, with where. */
  sources: { sourceId: string; locator: string }[];
}

/**
 * Every appearance of a briefer, in date order. A briefer is known by office and, for mission posts,
 * mission (the record keeps no names unless a source gives them); `mission` null asks for the office alone.
 */
export async function brieferAppearances(
  db: Db,
  office: string,
  mission: string | null,
): Promise<BrieferAppearance[]> {
  const rows = await db
    .selectFrom('participant')
    .innerJoin('meeting', 'meeting.id', 'participant.meeting_id')
    .selectAll('participant')
    .select(['meeting.date', 'meeting.format', 'meeting.record_symbol', 'meeting.agenda_item_id'])
    .where('participant.kind', '=', 'briefer')
    .where('participant.office', '=', office)
    .where((eb) =>
      mission === null ? eb('participant.mission', 'is', null) : eb('participant.mission', '=', mission),
    )
    .orderBy('meeting.date')
    .orderBy('participant.id')
    .execute();
  const prov = await provenanceOf(
    db,
    rows.map((r) => ({ type: 'participant' as const, id: r.id })),
  );
  return rows.map((r) => ({
    participantId: r.id,
    meetingId: r.meeting_id,
    date: r.date,
    format: r.format,
    recordSymbol: r.record_symbol,
    agendaItemId: r.agenda_item_id,
    roleZh: r.role_zh,
    roleEn: r.role_en,
    name: r.name,
    gender: r.gender,
    sources: prov
      .filter((p) => p.entityId === r.id)
      .map((p) => ({ sourceId: p.sourceId, locator: p.locator })),
  }));
}

/** Every briefing with its meeting's date, format and item, by date, meeting, then participant id. */
export function allBriefings(db: Db) {
  return db
    .selectFrom('participant as p')
    .innerJoin('meeting as m', 'm.id', 'p.meeting_id')
    .selectAll('p')
    .select(['m.date', 'm.format', 'm.agenda_item_id'])
    .where('p.kind', '=', 'briefer')
    .orderBy('m.date')
    .orderBy('p.meeting_id')
    .orderBy('p.id')
    .execute();
}
