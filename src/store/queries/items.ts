import type { Db } from '../record.ts';
import type { ItemFilter } from './filters.ts';
import { fetchPage, pageWindow, toPage, type Page } from './paging.ts';
import { toAgendaItem, type AgendaItemRef, type AgendaItemRow } from './rows.ts';
import type { Lang } from '../../domain/vocabulary.ts';

export interface ItemListRow extends AgendaItemRef {
  meetings: number;
  decisions: number;
  /** Languages in which a Repertoire section for the item is stored. */
  sections: Lang[];
}

export function agendaItemId(year: number, number: number): string {
  return `${year}-${number}`;
}

/** The years for which the record holds agenda items, oldest first. */
export async function yearsWithItems(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('agenda_item').select('year').distinct().orderBy('year').execute();
  return rows.map((r) => Number(r.year));
}

/** Reads an agenda item as users name it: its number ("23") or its id ("2020-23"); null if neither. */
export function parseAgendaItemRef(text: string): { year?: number; number: number } | null {
  const m = /^(?:(\d{4})-)?(\d{1,4})$/.exec(text.trim());
  if (!m || Number(m[2]) < 1) return null;
  return m[1] === undefined ? { number: Number(m[2]) } : { year: Number(m[1]), number: Number(m[2]) };
}

/** How many rows of a table each of the agenda items has (items with none are absent). */
async function countByItem(
  db: Db,
  table: 'meeting' | 'decision',
  ids: string[],
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom(table)
    .select(['agenda_item_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agenda_item_id', 'in', ids)
    .groupBy('agenda_item_id')
    .execute();
  return new Map(rows.map((r) => [r.agenda_item_id as string, Number(r.n)]));
}

async function describe(db: Db, items: AgendaItemRef[]): Promise<ItemListRow[]> {
  const ids = items.map((i) => i.id);
  if (ids.length === 0) return [];
  const [m, d] = await Promise.all([countByItem(db, 'meeting', ids), countByItem(db, 'decision', ids)]);
  const sections = await db
    .selectFrom('section')
    .select(['agenda_item_id', 'lang'])
    .where('agenda_item_id', 'in', ids)
    .orderBy('lang', 'desc')
    .execute();
  return items.map((i) => ({
    ...i,
    meetings: m.get(i.id) ?? 0,
    decisions: d.get(i.id) ?? 0,
    sections: [...new Set(sections.filter((s) => s.agenda_item_id === i.id).map((s) => s.lang))],
  }));
}

/** Agenda items by year then number, with how many meetings and decisions the record holds for each. */
export async function listItems(db: Db, filter: ItemFilter = {}): Promise<Page<ItemListRow>> {
  const win = pageWindow(filter);
  let base = db.selectFrom('agenda_item');
  if (filter.year !== undefined) base = base.where('year', '=', filter.year);
  const { rows, total } = await fetchPage(base, win, (q) =>
    q.selectAll().orderBy('year', 'desc').orderBy('number').orderBy('id'),
  );
  return toPage(await describe(db, rows.map(toAgendaItem)), total, win);
}

export async function getItem(db: Db, year: number, number: number): Promise<ItemListRow | undefined> {
  const row = await db
    .selectFrom('agenda_item')
    .selectAll()
    .where('year', '=', year)
    .where('number', '=', number)
    .orderBy('id')
    .executeTakeFirst();
  if (!row) return undefined;
  return (await describe(db, [toAgendaItem(row)]))[0];
}

// ---- stored rows, for the web pages (which lay the columns out themselves) ----

export function agendaItemRow(db: Db, id: string): Promise<AgendaItemRow | undefined> {
  return db.selectFrom('agenda_item').selectAll().where('id', '=', id).executeTakeFirst();
}

export function agendaItemsOfYear(db: Db, year: number): Promise<AgendaItemRow[]> {
  return db.selectFrom('agenda_item').selectAll().where('year', '=', year).orderBy('number').execute();
}

/** Agenda items whose Repertoire text is in the record (the sections a reader can open whole). */
export async function itemsWithSections(db: Db): Promise<(AgendaItemRow & { langs: string })[]> {
  const rows = await db
    .selectFrom('agenda_item')
    .innerJoin('section', 'section.agenda_item_id', 'agenda_item.id')
    .selectAll('agenda_item')
    .select('section.lang')
    .orderBy('agenda_item.year', 'desc')
    .orderBy('agenda_item.number')
    .execute();
  const byId = new Map<string, AgendaItemRow & { langs: string }>();
  for (const r of rows) {
    const { lang, ...item } = r;
    const seen = byId.get(item.id);
    if (seen) seen.langs = [...new Set([...seen.langs.split(','), lang])].sort().join(',');
    else byId.set(item.id, { ...item, langs: lang });
  }
  return [...byId.values()];
}

/** The ids of the items with this number, in any year. */
export async function agendaItemIdsNumbered(db: Db, number: number): Promise<string[]> {
  return (await db.selectFrom('agenda_item').select('id').where('number', '=', number).execute()).map(
    (r) => r.id,
  );
}
