import type { Store } from '../../../store/db.ts';
import { MEETING_FORMATS, DECISION_KINDS } from '../../../store/queries/filters.ts';
import { html, orEmpty, section, type Html, type Part } from '../html.ts';
import { field } from '../forms.ts';
import type { LabelKey } from '../i18n/en.ts';
import { page } from '../layout.ts';
import {
  decisionLabel,
  fmtDate,
  formatBadge,
  ownLang,
  recordText,
  tally,
  urls,
  type View,
} from '../format.ts';
import {
  filterDecisions,
  filterMeetings,
  isVetoed,
  yearsInRecord,
  type DecisionSearch,
  type MeetingSearch,
} from '../../../store/queries/index.ts';
import { cachedSearch } from '../../../search/cache.ts';
import type { Facets, SearchResult } from '../../../search/search.ts';
import { QueryError } from '../../../search/query.ts';
import { trusted } from '../html.ts';
import { BadRequest } from '../errors.ts';

export interface SearchParams {
  q?: string | undefined;
  year?: number | undefined;
  item?: number | undefined;
  format?: (typeof MEETING_FORMATS)[number] | undefined;
  kind?: (typeof DECISION_KINDS)[number] | undefined;
  type?: 'all' | 'meetings' | 'decisions' | undefined;
  /** '1': only vetoed drafts; '0': only decisions not vetoed. */
  vetoed?: '0' | '1' | undefined;
  page?: number | undefined;
}

const PAGE_SIZE = 25;
const HITS = 20;

/**
 * The search engine's snippet is record text it has escaped, with matches in <mark>. It is shown as markup
 * only when that holds (no other tag, no stray angle bracket); otherwise it is escaped like any text.
 */
export function snippetHtml(snippet: string): Html {
  const bare = snippet.replace(/<\/?mark>/g, '');
  return /[<>]/.test(bare) ? html`${snippet}` : trusted(snippet);
}

const KIND_LABELS = {
  paragraph: 'hit.paragraph',
  footnote: 'hit.footnote',
  meeting: 'hit.meeting',
  briefer: 'hit.briefer',
  decision: 'hit.decision',
} as const;

/**
 * A search URL that keeps the reader's filters named in `keep` (in that order, which is the order of the
 * query string) with `change` applied.
 */
function searchLink(
  p: SearchParams,
  keep: readonly (keyof SearchParams)[],
  change: Partial<SearchParams>,
): string {
  return urls.search({ ...Object.fromEntries(keep.map((k) => [k, p[k]])), ...change });
}

function hitsHtml(v: View, r: SearchResult, p: SearchParams): Html {
  const current = p.page ?? 1;
  const link = (n: number) =>
    searchLink(p, ['q', 'year', 'item', 'format', 'kind', 'type', 'vetoed'], { page: n });
  return html`<section aria-labelledby="hits-h">
    <h2 id="hits-h">${v.t('search.hits', { n: r.facets ? r.facets.total : r.count })}</h2>
    ${r.facets ? facetsHtml(v, r.facets, p) : html``}
    ${r.matched === 'or' && r.hits.length > 0 ? html`<p class="note">${v.t('search.anyWord')}</p>` : html``}
    ${
      r.hits.length === 0
        ? html`<p class="empty">${v.t('search.noResults')}</p>`
        : html`<ol class="hits" start="${(current - 1) * HITS + 1}">
            ${r.hits.map(
              (h) =>
                html`<li>
                  <a href="${h.link}">${ownLang(v, h.title)}</a>
                  <span class="muted"
                    >${v.t(KIND_LABELS[h.kind as keyof typeof KIND_LABELS] ?? 'hit.paragraph')}${h.date ? ` · ${fmtDate(h.date, v.lang)}` : ''}</span
                  ><br /><span
                    class="snippet"
                    ${h.lang === 'zh' || h.lang === 'en' ? html` lang="${h.lang === 'zh' ? 'zh-Hans' : 'en'}"` : html``}
                    >${snippetHtml(h.snippet)}</span
                  >
                </li>`,
            )}
          </ol>`
    }
    ${current > 1 || r.more ? html`<nav class="pager" aria-label="${v.t('search.pages')}">${current > 1 ? html`<a href="${link(current - 1)}" rel="prev">${v.t('search.prev')}</a>` : html``}${r.more ? html` <a href="${link(current + 1)}" rel="next">${v.t('search.next')}</a>` : html``}</nav>` : html``}
  </section>`;
}

/** Counts of the matches per year, meeting format and decision kind, each a link that applies the filter. */
function facetsHtml(v: View, f: Facets, p: SearchParams): Html {
  // A facet narrows the search, vetoed or not.
  const link = (extra: Partial<SearchParams>) =>
    searchLink(p, ['q', 'year', 'item', 'format', 'kind', 'type'], extra);
  const groups: [string, [string, number, string][]][] = [
    [
      v.t('common.year'),
      Object.entries(f.year)
        .sort(([a], [b]) => Number(b) - Number(a))
        .map(([y, n]) => [y, n, link({ year: Number(y), page: 1 })]),
    ],
    [
      v.t('meeting.format'),
      MEETING_FORMATS.filter((x) => f.format[x]).map((x) => [
        v.t(`format.${x}`),
        f.format[x]!,
        link({ format: x, page: 1 }),
      ]),
    ],
    [
      v.t('decision.kind'),
      DECISION_KINDS.filter((x) => f.decisionKind[x]).map((x) => [
        v.t(`kind.${x}` as LabelKey),
        f.decisionKind[x]!,
        link({ kind: x, page: 1 }),
      ]),
    ],
  ];
  return html`<dl class="facets">
    ${groups
      .filter(([, items]) => items.length > 0)
      .map(
        ([label, items]) =>
          html`<dt>${label}</dt>
            <dd>
              ${items.map(([text, n, href], i) => html`${i > 0 ? ' · ' : ''}<a href="${href}">${text}</a> (${n})`)}
            </dd>`,
      )}
  </dl>`;
}

function pager(v: View, p: SearchParams, total: number, which: 'meetings' | 'decisions'): Html {
  const current = p.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages <= 1) return html``;
  const link = (n: number) =>
    searchLink(p, ['q', 'year', 'item', 'format', 'kind', 'vetoed'], { type: which, page: n });
  return html`<nav class="pager" aria-label="${v.t('search.pages')}">
    ${current > 1 ? html`<a href="${link(current - 1)}" rel="prev">${v.t('search.prev')}</a>` : html``}
    <span>${v.t('search.pageOf', { page: current, pages })}</span>
    ${current < pages ? html`<a href="${link(current + 1)}" rel="next">${v.t('search.next')}</a>` : html``}
  </nav>`;
}

export async function searchPage(store: Store, v: View, p: SearchParams): Promise<string> {
  const type = p.type ?? 'all';
  const filter: MeetingSearch & DecisionSearch = {
    q: p.q?.trim() || undefined,
    year: p.year,
    item: p.item,
    format: p.format,
    kind: p.kind,
    vetoed: p.vetoed,
    page: p.page ?? 1,
    pageSize: PAGE_SIZE,
  };
  const [meetings, decisions, years] = await Promise.all([
    type !== 'decisions' && !p.kind && !p.vetoed
      ? filterMeetings(store.db, filter)
      : Promise.resolve({ rows: [], total: 0 }),
    type !== 'meetings' ? filterDecisions(store.db, filter) : Promise.resolve({ rows: [], total: 0 }),
    yearsInRecord(store.db),
  ]);
  let hits: SearchResult | undefined;
  if (filter.q) {
    try {
      hits = await cachedSearch(store, {
        q: filter.q,
        year: p.year,
        item:
          p.item !== undefined ? (p.year !== undefined ? `${p.year}-${p.item}` : String(p.item)) : undefined,
        format: p.format,
        decisionKind: p.kind,
        limit: HITS,
        offset: Math.min(((p.page ?? 1) - 1) * HITS, 1000),
        facets: true,
      });
    } catch (e) {
      if (e instanceof QueryError) throw new BadRequest(e.message);
      throw e;
    }
  }
  const any = [p.q, p.year, p.item, p.format, p.kind, p.vetoed].some((x) => x !== undefined && x !== '');
  const option = (value: string, text: string, selected: boolean) =>
    html`<option value="${value}" ${selected ? html` selected` : html``}>${text}</option>`;
  const select = (name: string, options: Part) =>
    html`<select id="f-${name}" name="${name}">
      ${options}
    </select>`;

  const body = html`<h1>${v.t('search.title')}</h1>
    <form class="filter" method="get" action="/search" role="search" aria-label="${v.t('search.title')}">
      ${field('f-q', v.t('search.text'), html`<input id="f-q" name="q" type="search" value="${p.q ?? ''}" />`)}
      ${field(
        'f-year',
        v.t('common.year'),
        select(
          'year',
          html`${option('', v.t('search.any'), p.year === undefined)}${years.map((y) => option(String(y), String(y), p.year === y))}`,
        ),
      )}
      ${field(
        'f-item',
        v.t('search.item'),
        html`<input
          id="f-item"
          name="item"
          type="number"
          min="1"
          inputmode="numeric"
          value="${p.item ?? ''}"
        />`,
      )}
      ${field(
        'f-format',
        v.t('meeting.format'),
        select(
          'format',
          html`${option('', v.t('search.any'), !p.format)}${MEETING_FORMATS.map((f) => option(f, v.t(`format.${f}`), p.format === f))}`,
        ),
      )}
      ${field(
        'f-kind',
        v.t('decision.kind'),
        select(
          'kind',
          html`${option('', v.t('search.any'), !p.kind)}${DECISION_KINDS.map((k) => option(k, v.t(`kind.${k}` as LabelKey), p.kind === k))}`,
        ),
      )}
      <div>
        <label for="f-vetoed">
          <input
            id="f-vetoed"
            name="vetoed"
            type="checkbox"
            value="1"
            ${p.vetoed === '1' ? html` checked` : html``}
          />
          ${v.t('search.vetoed')}
        </label>
      </div>
      ${field(
        'f-type',
        v.t('search.show'),
        select(
          'type',
          (['all', 'meetings', 'decisions'] as const).map((t) =>
            option(t, v.t(`search.type.${t}`), type === t),
          ),
        ),
      )}
      <div>
        <button type="submit">${v.t('search.submit')}</button> <a href="/search">${v.t('search.reset')}</a>
      </div>
    </form>
    ${!any ? html`<p class="note">${v.t('search.hint')}</p>` : html``} ${hits ? hitsHtml(v, hits, p) : html``}
    ${
      type !== 'decisions' && !p.kind && !p.vetoed
        ? resultList(
            v,
            'rm',
            v.t(filter.q ? 'search.meetingsNamed' : 'search.meetings', { n: meetings.total }),
            meetings.rows,
            (m) =>
              html`<a href="${urls.meeting(m.id)}"
                  >${fmtDate(m.date, v.lang)}${m.record_symbol ? ` · ${m.record_symbol}` : ''}</a
                >
                ${formatBadge(v, m.format)}${
                  m.agenda_item_id
                    ? html` ·
                        <a href="${urls.item(m.agenda_item_id)}"
                          >${v.t('state.item', { item: m.agenda_item_id })}</a
                        >`
                    : html``
                }<br /><span class="small">${recordText(v, m.title_zh, m.title_en)}</span>`,
            pager(v, p, meetings.total, 'meetings'),
          )
        : html``
    }
    ${
      type !== 'meetings'
        ? resultList(
            v,
            'rd',
            v.t(filter.q ? 'search.decisionsNamed' : 'search.decisions', { n: decisions.total }),
            decisions.rows,
            (d) =>
              html`<a href="${urls.decision(d.id)}">${decisionLabel(v, d)}</a>${
                  isVetoed(d)
                    ? html` <span class="badge badge-vetoed">${v.t('decision.vetoed')}</span>`
                    : html``
                }
                <span class="muted"
                  >${d.symbol && d.symbol !== decisionLabel(v, d) ? d.symbol : ''}
                  ${fmtDate(d.date, v.lang)}${tally(d) ? ` · ${tally(d)}` : ''}</span
                >`,
            pager(v, p, decisions.total, 'decisions'),
          )
        : html``
    }`;
  return page(v, {
    title: v.t('search.title'),
    body,
    feed: { year: p.year, item: p.item, kind: p.kind, format: p.format },
  });
}

/** A list of filtered meetings or decisions under its heading, with its pager. */
function resultList<R>(
  v: View,
  id: string,
  heading: string,
  rows: readonly R[],
  entry: (row: R) => Html,
  pagerHtml: Html,
): Html {
  return section(id, heading, [
    orEmpty(
      rows,
      v.t('search.noResults'),
      (rows) =>
        html`<ul class="plain results">
          ${rows.map((r) => html`<li>${entry(r)}</li>`)}
        </ul>`,
    ),
    pagerHtml,
  ]);
}
