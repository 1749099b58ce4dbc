import { participantAnchor } from '../../../domain/anchors.ts';
import type { Store } from '../../../store/db.ts';
import { FORMAL_MEETING_HEADINGS, formalMeetingRow } from '../../../publish/formal-meeting.ts';
import { fact, html, join, section, table } from '../html.ts';
import { page } from '../layout.ts';
import type { LabelKey } from '../i18n/en.ts';
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
  symbolLink,
  tally,
  urls,
  type View,
  modalityText,
  positionsSection,
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
      ${fact(v.t('meeting.date'), timeEl(v, m.date))}
      ${fact(v.t('meeting.format'), v.t(`format.${m.format}`))}
      ${fact(
        isVtc ? v.t('meeting.recordLetter') : v.t('meeting.record'),
        m.record_symbol &&
          html`${symbolLink(v, m.record_symbol, { meetings: new Set(), decisions: new Set() })}${m.letter_date ? html` <span class="muted">(${v.t('meeting.letterDated', { date: fmtDate(m.letter_date, v.lang) })})</span>` : html``}`,
      )}
      ${fact(v.t('table.title'), title && recordText(v, m.title_zh, m.title_en))}
      ${fact(
        v.t('meeting.item'),
        item &&
          html`<a href="${urls.item(item.id)}"
            >${item.number !== null ? `${item.number}. ` : ''}${itemTitle} (${item.year})</a
          >`,
      )}
      ${fact(v.t('meeting.topic'), m.topic && ownLang(v, m.topic))}
      ${fact(v.t('meeting.presidency'), m.presidency && stateLink(v, m.presidency, m.date))}
      ${fact(v.t('meeting.initiative'), m.initiative && stateLink(v, m.initiative, m.date))}
      ${fact(
        v.t('meeting.chair'),
        m.chair && (/^[A-Z]{3}$/.test(m.chair) ? stateLink(v, m.chair, m.date) : m.chair),
      )}
      ${fact(v.t('prov.heading'), provenanceList(v, prov, { type: 'meeting', id: m.id }))}
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
                          >${s.language && s.language !== 'en' ? html`${spokeIn(v, s.language)} · ` : html``}${
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
    ${positionsSection(
      v,
      positions,
      v.t('meeting.noPositions'),
      (p) => html` · ${provenanceList(v, prov, { type: 'position', id: p.id })}`,
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
  return section(
    'repertoire',
    v.t('meeting.repertoireTable'),
    table({
      className: 'repertoire',
      rows: [cells],
      columns: FORMAL_MEETING_HEADINGS[v.lang].map((head, i) => ({
        head,
        cell: (row: typeof cells) =>
          join(
            row[i]!.map((x) => html`${x}`),
            html`<br />`,
          ),
      })),
    }),
  );
}

const OFFICIAL_LANGUAGES = new Set(['ar', 'en', 'es', 'fr', 'ru', 'zh']);

/** "spoke in French" / "以法文发言": an official language by name; another as the record prints it. */
function spokeIn(v: View, language: string): string {
  const name = OFFICIAL_LANGUAGES.has(language) ? v.t(`lang.${language}` as LabelKey) : language;
  return v.t('speech.spokeIn', { lang: name });
}
