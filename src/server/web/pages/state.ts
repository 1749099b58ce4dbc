import type { Store } from '../../../store/db.ts';
import { termsOf, isPermanent } from '../../../domain/membership.ts';
import { listMissions } from '../../../domain/missions.ts';
import { getState } from '../../../domain/states.ts';
import { html, listOrEmpty, section, table, trusted, type Html } from '../html.ts';
import { chartFigure, memberPatternChart } from '../../../publish/charts/index.ts';
import { page } from '../layout.ts';
import {
  fmtDate,
  formatBadge,
  missionName,
  participantLine,
  recordText,
  urls,
  type View,
  positionsSection,
  atMeeting,
  meetingDateLink,
} from '../format.ts';
import {
  briefingsOnMissions,
  meetingsByIds,
  meetingsLedBy,
  positionsOfState,
  votesByState,
  type Page,
  type StateVoteRow,
} from '../../../store/queries/index.ts';

/** Votes per page of the state page (a permanent member has cast thousands since 1946). */
const VOTES_PAGE_SIZE = 50;

/** Links to the other pages of the votes table, kept on the table's heading. */
function votesPager(v: View, iso3: string, votes: Page<StateVoteRow>): Html {
  if (votes.pages <= 1) return html``;
  const link = (n: number) => `${urls.state(iso3)}?page=${n}#votes-h`;
  return html`<nav class="pager" aria-label="${v.t('search.pages')}">
    ${votes.page > 1 ? html`<a href="${link(votes.page - 1)}" rel="prev">${v.t('search.prev')}</a>` : html``}
    <span>${v.t('search.pageOf', { page: votes.page, pages: votes.pages })}</span>
    ${votes.page < votes.pages ? html`<a href="${link(votes.page + 1)}" rel="next">${v.t('search.next')}</a>` : html``}
  </nav>`;
}

export async function statePage(
  store: Store,
  v: View,
  iso3: string,
  opts: { page?: number | undefined } = {},
): Promise<string | undefined> {
  const s = getState(iso3);
  if (!s) return undefined;
  const missions = listMissions().filter((m) => m.state === iso3);
  const name = v.lang === 'zh' ? s.displayZh : s.displayEn;
  const [votes, positions, led, briefings, pattern] = await Promise.all([
    votesByState(store.db, iso3, {
      order: 'desc',
      page: { page: opts.page ?? 1, pageSize: VOTES_PAGE_SIZE },
    }),
    positionsOfState(store.db, iso3),
    meetingsLedBy(store.db, iso3),
    briefingsOnMissions(
      store.db,
      missions.map((m) => m.acronym),
    ),
    memberPatternChart(store.db, iso3, name, v.lang),
  ]);
  const positionMeetings = new Map(
    (
      await meetingsByIds(
        store.db,
        positions.flatMap((p) => (p.meeting_id ? [p.meeting_id] : [])),
      )
    ).map((m) => [m.id, m]),
  );
  const terms = termsOf(iso3);
  const otherName = v.lang === 'zh' ? s.displayEn : s.displayZh;

  const body = html`<h1>
      ${name} <span class="muted" lang="${v.lang === 'zh' ? 'en' : 'zh-Hans'}">${otherName}</span>
    </h1>
    <p class="meta">
      ISO 3166:
      ${s.iso3}${s.m49 ? html` · M49: ${s.m49}` : html``}${isPermanent(iso3) ? html` · <strong>${v.t('state.permanent')}</strong>` : html``}
    </p>
    ${section(
      'terms',
      v.t('state.terms'),
      listOrEmpty(
        terms,
        v.t('state.noTerms'),
        (t) =>
          html`${fmtDate(t.start, v.lang)} – ${t.end ? fmtDate(t.end, v.lang) : v.t('state.ongoing')} ·
          ${v.t(`seat.${t.seat}`)}`,
      ),
    )}
    <section aria-labelledby="votes-h">
      <h2 id="votes-h">${v.t('state.votes')}</h2>
      ${
        votes.total === 0
          ? html`<p class="empty">${v.t('state.noVotes')}</p>`
          : html`${votesPager(v, iso3, votes)}
            ${table({
              scroll: false,
              caption: v.t('state.votesCaption', { state: name }),
              rows: votes.items,
              columns: [
                { head: v.t('meeting.date'), cell: (x) => fmtDate(x.date, v.lang) },
                {
                  head: v.t('decision.symbol'),
                  cell: (x) =>
                    html`<a href="${urls.decision(x.decisionId)}"
                      >${x.symbol ?? x.draftSymbol ?? x.decisionId}</a
                    >`,
                },
                {
                  head: v.t('vote.vote'),
                  cellClass: (x) => `vote-${x.vote}`,
                  cell: (x) => v.t(`vote.${x.vote}`),
                },
              ],
            })}`
      }
    </section>
    ${
      pattern.data.length === 0
        ? html``
        : html`<section aria-labelledby="pattern-h" class="chart-section">
            <h2 id="pattern-h">${v.t('state.pattern')}</h2>
            <p class="chart-note">${v.t('state.patternNote')}</p>
            ${trusted(chartFigure(pattern))}
          </section>`
    }
    ${positionsSection(v, positions, v.t('state.noPositions'), (p) => {
      const m = p.meeting_id ? positionMeetings.get(p.meeting_id) : undefined;
      return html`${atMeeting(v, m)}${
        p.agenda_item_id
          ? html` ·
              <a href="${urls.item(p.agenda_item_id)}">${v.t('state.item', { item: p.agenda_item_id })}</a>`
          : html``
      }`;
    })}
    ${section(
      'led',
      v.t('state.initiatives'),
      listOrEmpty(
        led,
        v.t('state.noInitiatives'),
        (m) =>
          html`${meetingDateLink(v, m)} ${formatBadge(v, m.format)}
            ${[
              m.initiative === iso3 ? v.t('meeting.initiative') : '',
              m.chair === iso3 ? v.t('meeting.chair') : '',
              m.presidency === iso3 ? v.t('meeting.presidency') : '',
            ]
              .filter(Boolean)
              .join(' · ')}<br /><span class="small">${recordText(v, m.title_zh, m.title_en)}</span>`,
      ),
    )}
    ${section(
      'missions',
      v.t('state.missions'),
      html`${missions.length > 0 ? html`<p>${missions.map((m, i) => html`${i > 0 ? ', ' : ''}${missionName(v, m.acronym)} (${m.acronym})`)}</p>` : html``}
      ${listOrEmpty(
        briefings,
        v.t('state.noBriefings'),
        (b) =>
          html`<a href="${urls.meeting(b.meeting_id)}">${fmtDate(b.date, v.lang)}</a>:
            ${participantLine(v, b)}`,
      )}`,
    )}`;
  return page(v, {
    title: name,
    body,
    crumbs: [],
    json: `/api/states/${iso3}`,
  });
}
