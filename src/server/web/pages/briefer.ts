import type { Store } from '../../../store/db.ts';
import { getOffice } from '../../../domain/offices.ts';
import { brieferAppearances } from '../../../store/queries/briefers.ts';
import { html, orEmpty, table } from '../html.ts';
import { page } from '../layout.ts';
import { fmtDate, missionName, officeName, ownLang, recordText, urls, type View } from '../format.ts';

/** Every appearance of a briefer (an office, and a mission for mission posts); undefined for an unknown office. */
export async function brieferPage(
  store: Store,
  v: View,
  office: string,
  mission: string | null,
): Promise<string | undefined> {
  if (!getOffice(office)) return undefined;
  const rows = await brieferAppearances(store.db, office, mission);
  const title = html`${officeName(v, office)}${mission ? html`, ${missionName(v, mission)}` : html``}`;
  const body = html`<h1>${title}</h1>
    <p class="meta">${v.t('briefer.about')}</p>
    ${orEmpty(rows, v.t('briefer.none'), (rows) =>
      table({
        caption: v.t('briefer.appearances', { n: String(rows.length) }),
        rows,
        columns: [
          { head: v.t('meeting.date'), cell: (r) => fmtDate(r.date, v.lang) },
          {
            head: v.t('briefer.meeting'),
            cell: (r) =>
              html`<a href="${urls.meeting(r.meetingId)}">${r.recordSymbol ?? r.meetingId}</a>${
                  r.agendaItemId
                    ? html` · <a href="${urls.item(r.agendaItemId)}">${r.agendaItemId}</a>`
                    : html``
                }`,
          },
          {
            head: v.t('briefer.role'),
            cell: (r) =>
              html`${r.name ? html`${ownLang(v, r.name, 'strong')} · ` : html``}${recordText(v, r.roleZh, r.roleEn)}`,
          },
          {
            head: v.t('briefer.gender'),
            cell: (r) => (r.gender ? v.t(`gender.${r.gender}`) : v.t('gender.unknown')),
          },
          {
            head: v.t('briefer.sources'),
            cellClass: () => 'small',
            cell: (r) =>
              r.sources.map(
                (s, i) =>
                  html`${i > 0 ? '; ' : ''}<a href="${urls.source(s.sourceId)}">${s.sourceId}</a>
                    (${s.locator})`,
              ),
          },
        ],
      }),
    )}`;
  return page(v, {
    title: `${officeName(v, office)}${mission ? `, ${mission}` : ''}`,
    body,
    crumbs: [],
  });
}
