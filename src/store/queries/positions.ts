import type { Db } from '../record.ts';
import type { PositionRow } from './rows.ts';
import type { Lang } from '../../domain/vocabulary.ts';

type PositionText = {
  summary: string;
  lang: Lang;
  paragraph_id: string | null;
  footnote_id: string | null;
};

/**
 * Each edition's own text of the positions: the zh and en editions share a position (one row, the first
 * edition's text), and each edition's summary, paragraph and footnote are in position_text.
 */
export async function positionTexts(
  db: Db,
  positionIds: string[],
  lang: Lang,
): Promise<Map<string, PositionText>> {
  if (positionIds.length === 0) return new Map();
  const texts = await db
    .selectFrom('position_text')
    .select(['position_id', 'summary', 'lang', 'paragraph_id', 'footnote_id'])
    .where('lang', '=', lang)
    .where('position_id', 'in', positionIds)
    .execute();
  return new Map(texts.map(({ position_id, ...t }) => [position_id, t]));
}

/** Positions stated at the meetings or under the agenda item; with a language, as that edition states them. */
export async function positionsOf(
  db: Db,
  by: { meetingIds?: string[]; itemId?: string; lang?: Lang },
): Promise<PositionRow[]> {
  const ids = by.meetingIds ?? [];
  if (ids.length === 0 && !by.itemId) return [];
  const rows = await db
    .selectFrom('position')
    .selectAll()
    .where((eb) => {
      const ors = [];
      if (ids.length > 0) ors.push(eb('meeting_id', 'in', ids));
      if (by.itemId) ors.push(eb('agenda_item_id', '=', by.itemId));
      return eb.or(ors);
    })
    .orderBy('id')
    .execute();
  if (!by.lang) return rows;
  const texts = await positionTexts(
    db,
    rows.map((r) => r.id),
    by.lang,
  );
  return rows.map((r) => ({ ...r, ...texts.get(r.id) }));
}

/** Positions whose `states` JSON array names the state (ISO3 codes are quoted in it). */
export function positionsOfState(db: Db, iso3: string): Promise<PositionRow[]> {
  return db
    .selectFrom('position')
    .selectAll()
    .where('states', 'like', `%"${iso3.replace(/[^A-Z]/g, '')}"%`)
    .orderBy('id')
    .execute();
}
