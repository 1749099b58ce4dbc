import type { Store } from '../../../store/db.ts';
import { html, listOrEmpty, orEmpty, table, type Html } from '../html.ts';
import { page } from '../layout.ts';
import {
  officeName,
  ownLang,
  recordText,
  timeEl,
  sourceKindText,
  stateName,
  urls,
  yearNav,
  type View,
} from '../format.ts';
import { isLang } from '../../../domain/vocabulary.ts';
import { isLabelKey } from '../lang.ts';

/** What a source's facts are ("会议" / "meetings"); a type the dictionaries do not know, as it is. */
const entityName = (v: View, type: string) => {
  const key = `entity.${type}`;
  return isLabelKey(key) ? v.t(key) : type;
};

/** A source's language by name ("中文" / "Chinese"); a code the record does not know, as it is. */
const langName = (v: View, lang: string | null) => (isLang(lang) ? v.t(`lang.${lang}`) : (lang ?? ''));
import { getOffice } from '../../../domain/offices.ts';
import { yearStats } from '../../../stats/year.ts';
import { cachedFragment } from '../../../search/cache.ts';
import {
  agreementMatrixChart,
  chartFigure,
  decisionsByKindChart,
  meetingsPerMonthChart,
  vetoesPerDecadeChart,
} from '../../../publish/charts/index.ts';
import { trusted } from '../html.ts';
import {
  agendaItemsOfYear,
  listSources,
  refusalsOf,
  sourceCounts,
  sourceRow,
  yearSpan,
  yearsWithItems,
} from '../../../store/queries/index.ts';

export async function itemsPage(store: Store, v: View, year: number | undefined): Promise<string> {
  // Items come from Repertoire sections, which lag the meetings: list and open on the years that have them.
  const years = await yearsWithItems(store.db);
  const chosen = year ?? years[years.length - 1];
  const items = chosen !== undefined ? await agendaItemsOfYear(store.db, chosen) : [];
  const body = html`<h1>
      ${chosen !== undefined ? v.t('items.ofYear', { year: chosen }) : v.t('nav.items')}
    </h1>
    ${yearNav(v, years, chosen, (y) => urls.items(y))}
    ${listOrEmpty(
      items,
      v.t('items.none'),
      (i) =>
        html`<a href="${urls.item(i.id)}"
            >${i.number !== null ? `${i.number}. ` : ''}${recordText(v, i.title_zh, i.title_en)}</a
          >
          <span class="muted">${v.t(`category.${i.category}`)}</span>`,
    )}`;
  return page(v, {
    title: v.t('nav.items'),
    body,
    crumbs: [],
    feed: { year: chosen },
  });
}

export async function sourcesPage(store: Store, v: View): Promise<string> {
  const rows = await listSources(store.db);
  const body = html`<h1>${v.t('nav.sources')}</h1>
    <p>${v.t('sources.lede')}</p>
    ${orEmpty(rows, v.t('common.none'), (rows) =>
      table({
        scroll: false,
        rows,
        columns: [
          {
            head: v.t('sources.id'),
            cell: (s) => html`<a href="${urls.source(s.id)}"><code>${s.id}</code></a>`,
          },
          { head: v.t('table.title'), cell: (s) => ownLang(v, s.title) },
          { head: v.t('sources.kind'), cell: (s) => sourceKindText(v, s.kind) },
          { head: v.t('sources.lang'), cell: (s) => langName(v, s.lang) },
        ],
      }),
    )}`;
  return page(v, { title: v.t('nav.sources'), body, crumbs: [] });
}

export async function sourcePage(store: Store, v: View, id: string): Promise<string | undefined> {
  const s = await sourceRow(store.db, id);
  if (!s) return undefined;
  const [counts, refused] = await Promise.all([sourceCounts(store.db, id), refusalsOf(store.db, id)]);
  const shown = refused.rows.length;
  const notInRecord = refused.byReason.find((r) => r.reason === 'not_in_record')?.n ?? 0;
  const web = /^https?:\/\//.test(s.uri);
  const body = html`<h1>${ownLang(v, s.title ?? s.id)}</h1>
    <dl class="facts">
      <dt>${v.t('sources.id')}</dt>
      <dd><code>${s.id}</code></dd>
      <dt>${v.t('sources.kind')}</dt>
      <dd>${sourceKindText(v, s.kind)}</dd>
      <dt>${v.t('sources.uri')}</dt>
      <dd>
        ${web ? html`<a class="ext" href="${s.uri}" rel="external">${s.uri}</a>` : html`<code>${s.uri}</code>`}
      </dd>
      ${
        s.lang
          ? html`<dt>${v.t('sources.lang')}</dt>
              <dd>${langName(v, s.lang)}</dd>`
          : html``
      }
      <dt>SHA-256</dt>
      <dd><code class="hash">${s.sha256}</code></dd>
      <dt>${v.t('sources.imported')}</dt>
      <dd>${timeEl(v, s.imported_at)}</dd>
    </dl>
    <h2>${v.t('sources.facts')}</h2>
    ${
      counts.length === 0
        ? html`<p class="empty">${v.t('common.none')}</p>`
        : html`<ul class="plain">
            ${counts.map((c) => html`<li>${entityName(v, c.entity_type)}: ${c.n}</li>`)}
          </ul>`
    }
    ${
      refused.total === 0
        ? html``
        : html`<section aria-labelledby="refused-h">
            <h2 id="refused-h">${v.t('sources.refused')}</h2>
            <p>${v.t('sources.refusedLede')}</p>
            ${table({
              className: 'refused-summary',
              scroll: false,
              rows: refused.byReason,
              columns: [
                { head: v.t('sources.reason'), rowHead: true, cell: (r) => html`<code>${r.reason}</code>` },
                { head: v.t('sources.count'), cell: (r) => r.n },
              ],
            })}
            ${table({
              className: 'refused',
              rows: refused.rows,
              columns: [
                { head: v.t('sources.reason'), cell: (r) => html`<code>${r.reason}</code>` },
                { head: v.t('sources.where'), cell: (r) => r.locator },
                { head: v.t('sources.subject'), cell: (r) => r.subject ?? '' },
                { head: v.t('sources.message'), cell: (r) => html`<span lang="en">${r.message}</span>` },
              ],
            })}
            ${
              refused.total - notInRecord > shown
                ? html`<p class="small">
                    ${v.t('sources.refusedMore', { n: refused.total - notInRecord - shown })}
                  </p>`
                : html``
            }
          </section>`
    }`;
  return page(v, {
    title: s.title ?? s.id,
    body,
    crumbs: [{ href: '/sources', text: v.t('nav.sources') }],
  });
}

/** The year's figures (src/stats), each with what it counts and whether its sources are complete. */
const FIGURES = [
  ['meetings', 'fig.meetings'],
  ['videoconferences', 'fig.videoconferences'],
  ['resolutions', 'fig.resolutions'],
  ['presidentialStatements', 'fig.presidentialStatements'],
  ['agendaItems', 'fig.agendaItems'],
  ['draftsNotAdopted', 'fig.draftsNotAdopted'],
  ['vetoedDrafts', 'fig.vetoedDrafts'],
  ['vetoesCast', 'fig.vetoesCast'],
  ['writtenProcedure', 'fig.writtenProcedure'],
  ['unanimity', 'fig.unanimity'],
  ['briefers', 'fig.briefers'],
] as const;

function breakdownText(v: View, b: Record<string, number> | undefined): Html {
  if (!b) return html``;
  const parts = Object.entries(b).map(([k, n]) => {
    const key = `breakdown.${k}`;
    const name = /^[A-Z]{3}$/.test(k)
      ? stateName(k, v.lang)
      : getOffice(k)
        ? officeName(v, k)
        : isLabelKey(key)
          ? v.t(key)
          : k;
    return `${name}: ${n}`;
  });
  return html`<br /><span class="small">${parts.join(v.lang === 'zh' ? '；' : '; ')}</span>`;
}

export async function statsPage(
  store: Store,
  v: View,
  year: number | undefined,
  range: { from?: string | undefined; to?: string | undefined } = {},
): Promise<string> {
  // Figures and charts over the record: computed once per version of the record (search/cache.ts).
  const body = await cachedFragment(
    store,
    `stats ${v.lang} ${year ?? ''} ${range.from ?? ''} ${range.to ?? ''}`,
    () => statsBody(store, v, year, range),
  );
  return page(v, { title: v.t('nav.stats'), body, crumbs: [] });
}

async function statsBody(
  store: Store,
  v: View,
  year: number | undefined,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<Html> {
  const span = await yearSpan(store.db);
  // Every year since the Council's first (1946) has its page: a year the sources do not cover says so.
  const years = span
    ? Array.from(
        { length: span.last - Math.min(1946, span.first) + 1 },
        (_, i) => Math.min(1946, span.first) + i,
      )
    : [];
  const chosen = year ?? years[years.length - 1];
  const stats = chosen !== undefined ? await yearStats(store, chosen) : undefined;
  // The agreement matrix takes any period (?from=&to=); by default the chosen year.
  const from = range.from ?? (chosen !== undefined ? `${chosen}-01-01` : undefined);
  const to = range.to ?? (chosen !== undefined ? `${chosen}-12-31` : undefined);
  const first = years[0];
  const last = years[years.length - 1];
  const charts =
    chosen !== undefined
      ? await Promise.all([
          meetingsPerMonthChart(store.db, chosen, v.lang),
          agreementMatrixChart(store.db, from!, to!, v.lang),
          // Over the whole record: resolutions (and other decisions) every year since the first, vetoes by decade.
          decisionsByKindChart(store.db, Math.max(first!, last! - 80), last!, v.lang),
          vetoesPerDecadeChart(store.db, v.lang),
        ])
      : [];
  const body = html`<h1>
      ${chosen !== undefined ? v.t('stats.titleYear', { year: chosen }) : v.t('nav.stats')}
    </h1>
    ${yearNav(v, years, chosen, (y) => urls.stats(y))}
    ${
      stats
        ? html`<section aria-labelledby="figures-h">
            <h2 id="figures-h">${v.t('stats.figures')}</h2>
            ${table({
              className: 'figures',
              caption: v.t('stats.figuresCaption', { year: stats.year }),
              rows: FIGURES,
              columns: [
                { head: v.t('stats.figure'), rowHead: true, cell: ([, label]) => v.t(label) },
                {
                  head: v.t('stats.count'),
                  cell: ([key]) => {
                    const f = stats[key];
                    const rate =
                      key === 'unanimity' && stats.unanimity.rate !== null
                        ? ` (${Math.round(stats.unanimity.rate * 100)}%)`
                        : '';
                    return f.value === null
                      ? html`<span class="not-in-sources">${v.t('stats.notInSources')}</span><br /><span
                            class="small"
                            >${v.t('stats.missing')}: <span lang="en">${f.missing ?? ''}</span></span
                          >`
                      : html`${f.value}${rate}${breakdownText(v, 'breakdown' in f ? f.breakdown : key === 'briefers' ? stats.briefers.byOffice : undefined)}${
                          f.missing
                            ? html`<br /><span class="small"
                                  >${v.t('stats.missing')}: <span lang="en">${f.missing}</span></span
                                >`
                            : html``
                        }`;
                  },
                },
                {
                  head: v.t('stats.complete'),
                  cell: ([key]) => (stats[key].complete ? v.t('stats.yes') : v.t('stats.partial')),
                },
                { head: v.t('stats.note'), cell: ([key]) => html`<span lang="en">${stats[key].note}</span>` },
              ],
            })}
          </section>`
        : html`<p class="empty">${v.t('common.none')}</p>`
    }
    ${charts.map((c) => html`<section class="chart-section">${trusted(chartFigure(c))}</section>`)}`;
  return body;
}

export function errorPage(
  v: View,
  status: 400 | 403 | 404 | 500,
  opts: { message?: string; suggestions?: { href: string; text: string }[]; query?: string } = {},
): string {
  const title = v.t(`error.${status}`);
  const body = html`<h1>${title}</h1>
    <p>${v.t(`error.${status}.explain`)}</p>
    ${opts.message ? html`<p class="error-detail"><code>${opts.message}</code></p>` : html``}
    ${
      opts.suggestions && opts.suggestions.length > 0
        ? html`<h2>${v.t('error.suggestions')}</h2>
            <ul>
              ${opts.suggestions.map((s) => html`<li><a href="${s.href}">${s.text}</a></li>`)}
            </ul>`
        : html``
    }
    <form method="get" action="/search" role="search" aria-label="${v.t('search.title')}">
      <label for="e-q">${v.t('search.label')}</label>
      <input id="e-q" name="q" type="search" value="${opts.query ?? ''}" />
      <button type="submit">${v.t('search.submit')}</button>
    </form>
    <p><a href="/">${v.t('error.home')}</a></p>`;
  return page(v, { title, body });
}
