import { create } from 'xmlbuilder2';
import { feedDecisions } from '../store/queries/decisions.ts';
import type { FeedFilter } from '../store/queries/filters.ts';
import { agendaItemIdsNumbered } from '../store/queries/items.ts';
import { feedMeetings } from '../store/queries/meetings.ts';
import type { Db } from '../store/record.ts';
import { decisionLabel, MEETING_FORMAT_NAMES, repertoireDate } from '../domain/labels.ts';

/**
 * An Atom feed (RFC 4287) of the newest decisions and videoconferences, newest first. The record keeps
 * no time of day, so entries are dated at midnight UTC of the day of the event.
 */

export interface FeedOptions {
  /** Absolute base URL of the site, e.g. "http://127.0.0.1:8080". */
  baseUrl: string;
  limit?: number;
  /**
   * The list page's filters: a year, an agenda item (its number, of that year when a year is given), a
   * decision kind (decisions only) or a meeting format (meetings of that format only).
   */
  filter?: FeedFilter;
}

/** The query string that asks the feed for these filters ('' when there are none). */
export function feedQuery(f: FeedFilter): string {
  const params = new URLSearchParams();
  for (const key of ['year', 'item', 'kind', 'format'] as const) {
    if (f[key] !== undefined) params.set(key, String(f[key]));
  }
  const q = params.toString();
  return q ? `?${q}` : '';
}

const FORMAT_EN = MEETING_FORMAT_NAMES.en;

function entryId(kind: string, id: string): string {
  return `tag:council-record,2020:${kind}:${encodeURIComponent(id)}`;
}

function pagePath(kind: 'decisions' | 'meetings', id: string): string {
  return `/${kind}/${id.split('/').map(encodeURIComponent).join('/')}`;
}

export async function atomFeed(db: Db, opts: FeedOptions): Promise<string> {
  const limit = opts.limit ?? 50;
  const base = opts.baseUrl.replace(/\/$/, '');
  const f = opts.filter ?? {};
  const from = f.year !== undefined ? `${f.year}-01-01` : undefined;
  const to = f.year !== undefined ? `${f.year + 1}-01-01` : undefined;
  // An item number names an item of a year; without a year, that number in any year.
  const itemIds =
    f.item === undefined
      ? undefined
      : f.year !== undefined
        ? [`${f.year}-${f.item}`]
        : await agendaItemIdsNumbered(db, f.item);
  const span = { from, to, itemIds, limit };
  const decisions = f.format !== undefined ? [] : await feedDecisions(db, { ...span, kind: f.kind });
  const vtcs =
    f.kind !== undefined
      ? []
      : await feedMeetings(db, {
          ...span,
          formats: f.format !== undefined ? [f.format] : ['open_vtc', 'closed_vtc'],
        });

  type Entry = { id: string; date: string; title: string; href: string; summary: string; category: string };
  const entries: Entry[] = [
    ...decisions.map((d) => {
      const votes =
        d.vote_for !== null ? ` (${d.vote_for}-${d.vote_against ?? 0}-${d.vote_abstaining ?? 0})` : '';
      const label = d.symbol ? decisionLabel(d.symbol, 'en') : `Draft ${d.draft_symbol ?? d.id}`;
      return {
        id: entryId('decision', d.id),
        date: d.date!,
        title: `${label}${votes}`,
        href: `${base}${pagePath('decisions', d.id)}`,
        summary:
          `${d.kind.replace(/_/g, ' ')} of ${repertoireDate(d.date!, 'en')}` +
          `${d.adopted === 0 ? ', not adopted' : ''}` +
          `${d.written_procedure_letter ? `; written procedure ${d.written_procedure_letter}` : ''}.`,
        category: 'decision',
      };
    }),
    ...vtcs.map((m) => ({
      id: entryId('meeting', m.id),
      date: m.date,
      title: `${FORMAT_EN[m.format]}: ${m.item_en ?? m.topic ?? m.item_zh ?? m.title_en ?? m.title_zh ?? m.id}`,
      href: `${base}${pagePath('meetings', m.id)}`,
      summary: `${FORMAT_EN[m.format]} of ${repertoireDate(m.date, 'en')}${m.record_symbol ? `, recorded in ${m.record_symbol}` : ''}.`,
      category: 'videoconference',
    })),
  ]
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id))
    .slice(0, limit);

  const updated = entries[0] ? `${entries[0].date}T00:00:00Z` : '1970-01-01T00:00:00Z';
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const feed = doc.ele('http://www.w3.org/2005/Atom', 'feed');
  const self = `${base}/feed.atom${feedQuery(f)}`;
  feed.ele('id').txt(self);
  feed.ele('title').txt('council-record: new decisions and videoconferences of the Security Council');
  feed.ele('updated').txt(updated);
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: self });
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: `${base}/` });
  feed.ele('author').ele('name').txt('council-record');
  feed.ele('rights').txt('UN documents and data © United Nations; reuse with attribution.');
  for (const e of entries) {
    const entry = feed.ele('entry');
    entry.ele('id').txt(e.id);
    entry.ele('title').txt(e.title);
    entry.ele('updated').txt(`${e.date}T00:00:00Z`);
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: e.href });
    entry.ele('category', { term: e.category });
    entry.ele('summary').txt(e.summary);
  }
  return doc.end({ prettyPrint: true });
}
