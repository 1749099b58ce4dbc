import { participantAnchor } from '../../../domain/anchors.ts';
import type { Store } from '../../../store/db.ts';
import { FORMAL_MEETING_HEADINGS, formalMeetingRow } from '../../../publish/formal-meeting.ts';
import { html, join, listOrEmpty, section } from '../html.ts';
import { page } from '../layout.ts';
import {
  conflictTable,
  decisionLabel,
  fmtDate,
  formatBadge,
  notesOf,
  participantLine,
  permanentMark,
  provenanceList,
  recordPlain,
  recordText,
  ownLang,
  timeEl,
  stateLink,
  positionLine,
  symbolLink,
  tally,
  urls,
  type View,
  modalityText,
} from '../format.ts';
import {
  agendaItemRow,
  conflictsOf,
  decisionsOfMeeting,
  knownIds,
  meetingRow,
  participantsOf,
  positionsOf,
  provenanceOf,
  speechesOf,
  votesOf,
  type EntityRef,
} from '../../../store/queries/index.ts';

export async function meetingPage(store: Store, v: View, id: string): Promise<string | undefined> {
  const m = await meetingRow(store.db, id);
  if (!m) return undefined;
  const [participants, decisions, positions, item, speeches] = await Promise.all([
    participantsOf(store.db, [m.id]),
    decisionsOfMeeting(store.db, m.id),
    positionsOf(store.db, { meetingIds: [m.id], lang: v.lang }),
    m.agenda_item_id ? agendaItemRow(store.db, m.agenda_item_id) : Promise.resolve(undefined),
    speechesOf(store.db, m.id),
  ]);
  // The page lists each decision's votes by state code.
  const votes = (await Promise.all(decisions.map((d) => votesOf(store.db, d.id)))).map((vs) =>
    vs.sort((a, b) => a.state.localeCompare(b.state)),
  );
  const entities: EntityRef[] = [
    { type: 'meeting', id: m.id },
    ...participants.map((p) => ({ type: 'participant' as const, id: p.id })),
    ...decisions.map((d) => ({ type: 'decision' as const, id: d.id })),
    ...positions.map((p) => ({ type: 'position' as const, id: p.id })),
  ];
  const [prov, conflicts, known] = await Promise.all([
    provenanceOf(store.db, entities),
    conflictsOf(store.db, [{ type: 'meeting', id: m.id }]),
    knownIds(
      store.db,
      decisions.flatMap((d) => [d.written_procedure_letter ?? '', d.record_letter ?? '']),
    ),
  ]);
  const isVtc = m.format === 'open_vtc' || m.format === 'closed_vtc';
  const title = recordPlain(v, m.title_zh, m.title_en);
  const h1 = `${isVtc ? v.t('meeting.vtcOn', { date: fmtDate(m.date, v.lang) }) : v.t('meeting.meetingOn', { date: fmtDate(m.date, v.lang) })}${m.record_symbol && !isVtc ? ` (${m.record_symbol})` : ''}`;
  const notes = notesOf(m.notes);
  const itemTitle = item ? recordText(v, item.title_zh, item.title_en) : html``;

  const body = html`<h1>${h1}</h1>
    <p class="format-line">${formatBadge(v, m.format)}</p>
    <dl class="facts">
      <dt>${v.t('meeting.date')}</dt>
      <dd>${timeEl(v, m.date)}</dd>
      <dt>${v.t('meeting.format')}</dt>
      <dd>${v.t(`format.${m.format}`)}</dd>
      ${
        m.record_symbol
          ? html`<dt>${isVtc ? v.t('meeting.recordLetter') : v.t('meeting.record')}</dt>
              <dd>
                ${symbolLink(v, m.record_symbol, { meetings: new Set(), decisions: new Set() })}${m.letter_date ? html` <span class="muted">(${v.t('meeting.letterDated', { date: fmtDate(m.letter_date, v.lang) })})</span>` : html``}
              </dd>`
          : html``
      }
      ${
        title
          ? html`<dt>${v.t('table.title')}</dt>
              <dd>${recordText(v, m.title_zh, m.title_en)}</dd>`
          : html``
      }
      ${
        item
          ? html`<dt>${v.t('meeting.item')}</dt>
              <dd>
                <a href="${urls.item(item.id)}"
                  >${item.number !== null ? `${item.number}. ` : ''}${itemTitle} (${item.year})</a
                >
              </dd>`
          : html``
      }
      ${
        m.topic
          ? html`<dt>${v.t('meeting.topic')}</dt>
              <dd>${ownLang(v, m.topic)}</dd>`
          : html``
      }
      ${
        m.presidency
          ? html`<dt>${v.t('meeting.presidency')}</dt>
              <dd>${stateLink(v, m.presidency, m.date)}</dd>`
          : html``
      }
      ${
        m.initiative
          ? html`<dt>${v.t('meeting.initiative')}</dt>
              <dd>${stateLink(v, m.initiative, m.date)}</dd>`
          : html``
      }
      ${
        m.chair
          ? html`<dt>${v.t('meeting.chair')}</dt>
              <dd>${/^[A-Z]{3}$/.test(m.chair) ? stateLink(v, m.chair, m.date) : m.chair}</dd>`
          : html``
      }
      <dt>${v.t('prov.heading')}</dt>
      <dd>${provenanceList(v, prov, { type: 'meeting', id: m.id })}</dd>
    </dl>
    ${
      notes.length > 0
        ? html`<ul class="notes">
            ${notes.map((n) => html`<li><span${/\p{Script=Han}/u.test(n) && v.lang !== 'zh' ? html` lang="zh-Hans"` : html``}>${n}</span></li>`)}
          </ul>`
        : html``
    }
    <section aria-labelledby="participants-h">
      <h2 id="participants-h">${v.t('meeting.briefers')}</h2>
      ${
        participants.length === 0
          ? html`<p class="empty">${v.t('meeting.noParticipants')}</p>`
          : html`<ol class="participants">
              ${participants.map(
                (p) =>
                  html`<li id="${participantAnchor(m.id, p.id)}">
                    ${p.kind !== 'briefer' ? html`<span class="kind">${v.t(`participant.${p.kind}`)}</span> ` : html``}${participantLine(v, p)}<br /><span
                      class="small"
                      >${provenanceList(v, prov, { type: 'participant', id: p.id })}</span
                    >
                  </li>`,
              )}
            </ol>`
      }
    </section>
    <section aria-labelledby="decisions-h">
      <h2 id="decisions-h">${v.t('item.decisions')}</h2>
      ${
        decisions.length === 0
          ? html`<p class="empty">${v.t('meeting.noDecisions')}</p>`
          : decisions.map((d, i) => {
              const vs = votes[i] ?? [];
              return html`<article class="decision" aria-labelledby="d-${i}">
                <h3 id="d-${i}"><a href="${urls.decision(d.id)}">${decisionLabel(v, d)}</a></h3>
                <p>
                  ${modalityText(v, d)}${tally(d) ? html` · ${v.t('decision.tally')} ${tally(d)}` : html``}${
                    d.written_procedure_letter
                      ? html` · ${v.t('decision.writtenLetter')}:
                        ${symbolLink(v, d.written_procedure_letter, known)}`
                      : html``
                  }
                </p>
                ${
                  vs.length > 0
                    ? html`<p class="small">
                        ${join(
                          vs.map(
                            (x) =>
                              html`${stateLink(v, x.state, m.date)}${permanentMark(v, x.state)}:
                              ${v.t(`vote.${x.vote}`)}`,
                          ),
                          '; ',
                        )}
                      </p>`
                    : html``
                }
                <p class="small">${provenanceList(v, prov, { type: 'decision', id: d.id })}</p>
              </article>`;
            })
      }
    </section>
    ${
      speeches.length === 0 || !m.format.startsWith('formal')
        ? html``
        : repertoireTable(v, formalMeetingRow({ meeting: m, participants, speeches, decisions }, v.lang))
    }
    ${
      speeches.length === 0
        ? html``
        : html`<section aria-labelledby="speeches-h">
            <h2 id="speeches-h">${v.t('meeting.speeches')}</h2>
            <ol class="speeches">
              ${speeches.map(
                (s) =>
                  html`<li id="speech-${s.ordinal}">
                    <details>
                      <summary>
                        ${ownLang(v, s.speaker)}${s.state ? html` (${stateLink(v, s.state, m.date)})` : s.organisation ? html` (${ownLang(v, s.organisation)})` : html``}
                        <span class="small"
                          >${s.language && s.language !== 'en' ? html`[${s.language}] ` : html``}${
                            // A letter's annex has no page of a verbatim record to cite.
                            s.page === null ? html`` : html`${v.t('speech.page')} ${String(s.page)}`
                          }</span
                        >
                      </summary>
                      ${s.text.split('\n').map((para) => html`<p lang="en">${para}</p>`)}
                    </details>
                  </li>`,
              )}
            </ol>
          </section>`
    }
    ${section(
      'positions',
      v.t('item.positions'),
      listOrEmpty(
        positions,
        v.t('meeting.noPositions'),
        (p) => positionLine(v, p, html` · ${provenanceList(v, prov, { type: 'position', id: p.id })}`),
        'positions',
      ),
    )}
    ${conflictTable(v, conflicts)}`;
  return page(v, {
    title: h1,
    body,
    crumbs: [
      ...(item
        ? [
            {
              href: urls.item(item.id),
              text: `${item.number ?? ''}. ${recordPlain(v, item.title_zh, item.title_en)} (${item.year})`,
            },
          ]
        : []),
    ],
    json: `/api/meetings/${encodeURIComponent(m.id)}`,
  });
}

/** The meeting as a row of the Repertoire's table of formal meetings (publish/formal-meeting.ts). */
function repertoireTable(v: View, row: ReturnType<typeof formalMeetingRow>) {
  const cells = [
    [row.record],
    row.subItem ? [row.subItem] : [],
    row.otherDocuments,
    row.rule37 ? [row.rule37] : [],
    row.rule39,
    row.speakers,
    row.decisions,
  ];
  return html`<section aria-labelledby="repertoire-h">
    <h2 id="repertoire-h">${v.t('meeting.repertoireTable')}</h2>
    <div class="scroll">
      <table class="repertoire">
        <thead>
          <tr>
            ${FORMAL_MEETING_HEADINGS[v.lang].map((h) => html`<th scope="col">${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          <tr>
            ${cells.map(
              (c) =>
                html`<td>
                  ${join(
                    c.map((x) => html`${x}`),
                    html`<br />`,
                  )}
                </td>`,
            )}
          </tr>
        </tbody>
      </table>
    </div>
  </section>`;
}
