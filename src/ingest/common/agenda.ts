import { agendaTitles, topicKey } from '../../domain/agenda-titles.ts';
import type { Db } from '../../store/record.ts';

interface Item {
  id: string;
  year: number;
  title_en: string | null;
  title_zh: string | null;
}

/** Finds the agenda item (id `${year}-${number}`) a topic names, among the items the record holds. */
export class AgendaMatcher {
  private constructor(private readonly byYear: Map<number, Item[]>) {}

  static async load(db: Db): Promise<AgendaMatcher> {
    const rows = await db.selectFrom('agenda_item').select(['id', 'year', 'title_en', 'title_zh']).execute();
    const byYear = new Map<number, Item[]>();
    for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
    return new AgendaMatcher(byYear);
  }

  match(topic: string | null, year: number): string | null {
    if (!topic) return null;
    const key = topicKey(topic);
    const zh = agendaTitles(topic)?.zh;
    const hit = (this.byYear.get(year) ?? []).find(
      (i) =>
        (i.title_en !== null && topicKey(i.title_en) === key) ||
        (zh !== undefined && i.title_zh !== null && i.title_zh.replace(/\s+/g, '') === zh),
    );
    return hit?.id ?? null;
  }
}
