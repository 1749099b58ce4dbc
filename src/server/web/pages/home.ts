import type { Store } from '../../../store/db.ts';
import { DECISION_KINDS, MEETING_FORMATS } from '../../../domain/vocabulary.ts';
import { cachedFragment } from '../../../search/cache.ts';
import { html, list, listOrEmpty, section, table, type Html } from '../html.ts';
import type { LabelKey } from '../i18n/en.ts';
import { page } from '../layout.ts';
import { decisionLink, fmtDate, formatBadge, recordText, tally, urls, type View } from '../format.ts';
import {
  countsByYear,
  itemsWithSections,
  recentDecisions,
  recentVtcs,
} from '../../../store/queries/index.ts';

const RECENT_YEARS = 5;

/** A count linking to the records it counts; a zero is plain text, there being nothing to open. */
function cell(n: number, href: string) {
  return n > 0 ? html`<a href="${href}">${n}</a>` : html`<span class="muted">0</span>`;
}

export async function homePage(store: Store, v: View): Promise<string> {
  // Counts over the whole record: computed once per version of the record (search/cache.ts).
  const body = await cachedFragment(store, `home ${v.lang}`, () => homeBody(store, v));
  return page(v, {
    title: v.t('home.title'),
    body,
    json: '/api',
    feed: {},
  });
}

async function homeBody(store: Store, v: View): Promise<Html> {
  const [counts, decisions, vtcs, sections] = await Promise.all([
    countsByYear(store.db),
    recentDecisions(store.db, 8),
    recentVtcs(store.db, 8),
    itemsWithSections(store.db),
  ]);
  const years = [...new Set([...counts.meetings.map((r) => r.year), ...counts.decisions.map((r) => r.year)])]
    .filter((y) => y !== '')
    .sort();
  const m = (year: string, format: string) =>
    counts.meetings.find((r) => r.year === year && r.format === format)?.n ?? 0;
  const d = (year: string, kind: string) =>
    counts.decisions.find((r) => r.year === year && r.kind === kind)?.n ?? 0;
  const usedFormats = MEETING_FORMATS.filter((f) => counts.meetings.some((r) => r.format === f));
  const usedKinds = DECISION_KINDS.filter((k) => counts.decisions.some((r) => r.kind === k));
  // The veto lists reach back to 1946; the years the meeting tables cover come first, the rest fold away.
  const recent = years.filter((y) => Number(y) >= Number(years[years.length - 1] ?? 0) - RECENT_YEARS + 1);
  const earlier = years.filter((y) => !recent.includes(y));
  const countsTable = (rows: string[], caption: string) =>
    table({
      className: 'counts',
      caption,
      rows,
      columns: [
        {
          head: v.t('common.year'),
          rowHead: true,
          cell: (y) => html`<a href="${urls.search({ year: y })}">${y}</a>`,
        },
        ...usedFormats.map((f) => ({
          head: v.t(`format.${f}` as LabelKey),
          cell: (y: string) => cell(m(y, f), urls.search({ year: y, format: f })),
        })),
        ...usedKinds.map((k) => ({
          head: v.t(`kind.${k}` as LabelKey),
          cell: (y: string) => cell(d(y, k), urls.search({ year: y, kind: k, type: 'decisions' })),
        })),
      ],
    });

  const body = html`<h1>${v.t('home.title')}</h1>
    <p class="lede">${v.t('home.lede')}</p>
    ${
      sections.length > 0
        ? section(
            'sections',
            v.t('home.sections'),
            list(
              sections,
              (i) =>
                html`<a href="${urls.item(i.id)}"
                    >${i.number !== null ? `${i.number}. ` : ''}${recordText(v, i.title_zh, i.title_en)}
                    (${i.year})</a
                  >
                  <span class="muted"
                    >${i.langs
                      .split(',')
                      .map((l) => v.t(l === 'zh' ? 'lang.zh' : 'lang.en'))
                      .join(' · ')}</span
                  >`,
            ),
          )
        : html``
    }
    ${
      years.length === 0
        ? html`<p class="empty">${v.t('home.empty')}</p>`
        : section(
            'counts',
            v.t('home.counts'),
            html`${countsTable(recent, v.t('home.countsCaption'))}
            ${
              earlier.length > 0
                ? html`<details>
                    <summary>
                      ${v.t('home.earlierYears', { from: earlier[0]!, to: earlier[earlier.length - 1]! })}
                    </summary>
                    ${countsTable(earlier, v.t('home.countsCaption'))}
                  </details>`
                : html``
            }`,
          )
    }
    <div class="columns">
      ${section(
        'recent-d',
        v.t('home.recentDecisions'),
        listOrEmpty(
          decisions,
          v.t('common.none'),
          (dd) =>
            html`${decisionLink(v, dd)}
              <span class="muted"
                >${fmtDate(dd.date, v.lang)}${tally(dd) ? html` · ${tally(dd)}` : html``}</span
              >`,
        ),
      )}
      ${section(
        'recent-v',
        v.t('home.recentVtcs'),
        listOrEmpty(
          vtcs,
          v.t('common.none'),
          (mm) =>
            html`<a href="${urls.meeting(mm.id)}">${fmtDate(mm.date, v.lang)}</a> ${formatBadge(v, mm.format)}
              <span class="muted">${mm.record_symbol ?? ''}</span><br /><span class="small"
                >${recordText(v, mm.title_zh, mm.title_en)}</span
              >`,
        ),
      )}
    </div>`;
  return body;
}
