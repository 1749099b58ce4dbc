import type { Store } from '../../../store/db.ts';
import { getOffice } from '../../../domain/offices.ts';
import { brieferAppearances } from '../../../store/queries/briefers.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { fmtDate, missionName, officeName, recordText, urls, type View } from '../format.ts';

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
    ${
      rows.length === 0
        ? html`<p class="empty">${v.t('briefer.none')}</p>`
        : html`<div class="table-scroll">
            <table>
              <caption>
                ${v.t('briefer.appearances', { n: String(rows.length) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${v.t('meeting.date')}</th>
                  <th scope="col">${v.t('briefer.meeting')}</th>
                  <th scope="col">${v.t('briefer.role')}</th>
                  <th scope="col">${v.t('briefer.gender')}</th>
                  <th scope="col">${v.t('briefer.sources')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) =>
                    html`<tr>
                      <td>${fmtDate(r.date, v.lang)}</td>
                      <td>
                        <a href="${urls.meeting(r.meetingId)}">${r.recordSymbol ?? r.meetingId}</a>${
                          r.agendaItemId
                            ? html` · <a href="${urls.item(r.agendaItemId)}">${r.agendaItemId}</a>`
                            : html``
                        }
                      </td>
                      <td>
                        ${r.name ? html`<strong>${r.name}</strong> · ` : html``}${recordText(v, r.roleZh, r.roleEn)}
                      </td>
                      <td>${r.gender ? v.t(`gender.${r.gender}`) : v.t('gender.unknown')}</td>
                      <td class="small">
                        ${r.sources.map(
                          (s, i) =>
                            html`${i > 0 ? '; ' : ''}<a href="${urls.source(s.sourceId)}">${s.sourceId}</a>
                              (${s.locator})`,
                        )}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
  return page(v, {
    title: `${officeName(v, office)}${mission ? `, ${mission}` : ''}`,
    body,
    crumbs: [{ href: urls.home(), text: v.t('nav.home') }],
  });
}
