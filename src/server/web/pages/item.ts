import type { Store } from '../../../store/db.ts';
import { FORMAL_MEETING_HEADINGS, formalMeetingRow } from '../../../publish/formal-meeting.ts';
import { publishSection, type PublishedSection } from '../../../publish/section.ts';
import { renderHtmlFragment } from '../../../publish/render-html.ts';
import { html, join, table, trusted, type Html, type Part } from '../html.ts';
import { page } from '../layout.ts';
import {
  decisionLabel,
  fmtDate,
  formatBadge,
  itemAnchors,
  meetingLink,
  notesOf,
  participantLine,
  provenanceList,
  recordText,
  recordPlain,
  ownLang,
  symbolHref,
  symbolLink,
  symbolSpans,
  tally,
  urls,
  type Known,
  type View,
  modalityText,
  meetingDateLink,
  positionsSection,
  atMeeting,
} from '../format.ts';
import {
  agendaItemRow,
  conflictsOf,
  decisionsOfItem,
  getItemSection,
  knownIds,
  meetingsOfItem,
  participantsOf,
  positionsOf,
  provenanceOf,
  speechesOf,
  type DecisionRow as Decision,
  type MeetingRow as Meeting,
  type ParticipantRow as Participant,
  type SectionVersionSummary,
  type Speech,
} from '../../../store/queries/index.ts';
import type { SectionDownloads } from '../../plugins/publish-links.ts';

const VTC = new Set(['open_vtc', 'closed_vtc']);

function decisionCell(v: View, ds: Decision[], known: Known): Html {
  return join(
    ds.map(
      (d) =>
        html`<a href="${urls.decision(d.id)}">${decisionLabel(v, d)}</a
          >${tally(d) ? html` ${tally(d)}` : html``}${
            d.written_procedure_letter ? html` ${symbolLink(v, d.written_procedure_letter, known)}` : html``
          }`,
    ),
    html`<br />`,
  );
}

/** The sources disagree on this meeting's format: say so beside the badge and link to both values. */
function disputedMark(v: View, m: Meeting, disputed: Set<string>): Html {
  return disputed.has(m.id)
    ? html` <a class="disputed" href="${urls.meeting(m.id)}#conflicts-h"
        >⚠ ${v.t('conflict.formatDisputed')}</a
      >`
    : html``;
}

/** Table-note letters (a, b, ...) for meeting notes, numbered through the table as the Repertoire does. */
function noteLetters(meetings: Meeting[]): Map<string, { letter: string; text: string }[]> {
  const out = new Map<string, { letter: string; text: string }[]>();
  let i = 0;
  for (const m of meetings) {
    const notes = notesOf(m.notes).map((text) => ({ letter: String.fromCharCode(97 + (i++ % 26)), text }));
    if (notes.length > 0) out.set(m.id, notes);
  }
  return out;
}

function vtcTable(
  v: View,
  meetings: Meeting[],
  decisions: Decision[],
  known: Known,
  caption: string,
  disputed: Set<string>,
): Html {
  const letters = noteLetters(meetings);
  return html`${table({
    className: 'repertoire',
    caption,
    rows: meetings,
    columns: [
      {
        head: v.t('table.vtcDate'),
        rowHead: true,
        cell: (m) =>
          html`${meetingDateLink(v, m)}${(letters.get(m.id) ?? []).map(
            (n) => html`<sup><a href="#tn-${n.letter}" id="tnref-${n.letter}">${n.letter}</a></sup>`,
          )}
          ${formatBadge(v, m.format)}${disputedMark(v, m, disputed)}`,
      },
      {
        head: v.t('table.vtcRecord'),
        cell: (m) =>
          m.record_symbol ? symbolLink(v, m.record_symbol, { ...known, meetings: new Set() }) : '',
      },
      { head: v.t('table.title'), cell: (m) => recordText(v, m.title_zh, m.title_en) },
      {
        head: v.t('table.decisionVoteWritten'),
        cell: (m) =>
          decisionCell(
            v,
            decisions.filter((d) => d.meeting_id === m.id),
            known,
          ),
      },
    ],
  })}
  ${tableNotes(v, letters)}`;
}

function tableNotes(v: View, letters: Map<string, { letter: string; text: string }[]>): Html {
  const all = [...letters.values()].flat();
  if (all.length === 0) return html``;
  return html`<ol class="table-notes" type="a">
    ${all.map(
      (n) =>
        html`<li id="tn-${n.letter}" value="${n.letter.charCodeAt(0) - 96}"><span${n.text.match(/\p{Script=Han}/u) && v.lang !== 'zh' ? html` lang="zh-Hans"` : html``}>${n.text}</span></li>`,
    )}
  </ol>`;
}

/**
 * Formal meetings in the Repertoire's own table (publish/formal-meeting.ts builds each row from the record:
 * invitations, speakers and decisions of its verbatim record). The record cell links to the meeting, the
 * decision cell to the decisions; the sub-item cell stays empty when the record holds none (the meeting's
 * title is not its sub-item).
 */
function meetingTable(
  v: View,
  meetings: Meeting[],
  decisions: Decision[],
  participants: Participant[],
  speeches: Map<string, Speech[]>,
  known: Known,
  caption: string,
  disputed: Set<string>,
): Html {
  const letters = noteLetters(meetings);
  const lines = (xs: (string | Html)[]) => join(xs, html`<br />`);
  const rows = meetings.map((m) => {
    const mine = participants.filter((p) => p.meeting_id === m.id);
    const theirs = decisions.filter((d) => d.meeting_id === m.id);
    const row = formalMeetingRow(
      { meeting: m, participants: mine, speeches: speeches.get(m.id) ?? [], decisions: theirs },
      v.lang,
    );
    const briefers = mine.filter((p) => p.kind === 'briefer').map((p) => participantLine(v, p));
    return { m, theirs, row, briefers };
  });
  const cells: ((r: (typeof rows)[number]) => Part)[] = [
    ({ m }) =>
      html`<a href="${urls.meeting(m.id)}">${m.record_symbol ?? v.t('meeting.noRecord')}</a
        >${(letters.get(m.id) ?? []).map((n) => html`<sup><a href="#tn-${n.letter}">${n.letter}</a></sup>`)}<br />${fmtDate(
          m.date,
          v.lang,
        )}
        ${formatBadge(v, m.format)}${disputedMark(v, m, disputed)}`,
    ({ row }) => row.subItem ?? '',
    ({ row }) => lines(row.otherDocuments.map((d) => symbolLink(v, d, known))),
    ({ row }) => row.rule37,
    ({ row, briefers }) => (row.rule39.length > 0 ? lines(row.rule39) : lines(briefers)),
    ({ row }) => lines(row.speakers),
    ({ theirs }) => decisionCell(v, theirs, known),
  ];
  return html`${table({
    className: 'repertoire formal',
    caption,
    rows,
    columns: FORMAL_MEETING_HEADINGS[v.lang].map((head, i) => ({ head, rowHead: i === 0, cell: cells[i]! })),
  })}
  ${tableNotes(v, letters)}`;
}

export async function itemPage(
  store: Store,
  v: View,
  year: number,
  number: number,
  downloadsOf: SectionDownloads,
): Promise<string | undefined> {
  const id = `${year}-${number}`;
  const item = await agendaItemRow(store.db, id);
  if (!item) return undefined;
  const [meetings, data] = await Promise.all([
    meetingsOfItem(store.db, id),
    getItemSection(store.db, year, number, v.lang),
  ]);
  const meetingIds = meetings.map((m) => m.id);
  const [decisions, participants, positions] = await Promise.all([
    decisionsOfItem(store.db, id, meetingIds),
    participantsOf(store.db, meetingIds),
    positionsOf(store.db, { meetingIds, itemId: id, lang: v.lang }),
  ]);
  // The section as published (publish/section.ts), in the reader's language as far as the record allows.
  const published = data?.section ? publishSection(data, { lang: v.lang }) : undefined;
  const known = await knownIds(store.db, [
    ...(published ? symbolsOf(published) : []),
    ...decisions.flatMap((d) => [d.written_procedure_letter ?? '']),
  ]);
  const disputed = new Set(
    (
      await conflictsOf(
        store.db,
        meetings.map((m) => ({ type: 'meeting' as const, id: m.id })),
      )
    )
      .filter((c) => c.field === 'format')
      .map((c) => c.entityId),
  );
  const prov = await provenanceOf(store.db, [
    { type: 'agenda_item', id },
    ...meetings.map((m) => ({ type: 'meeting' as const, id: m.id })),
    ...decisions.map((d) => ({ type: 'decision' as const, id: d.id })),
  ]);

  const title = recordText(v, item.title_zh, item.title_en);
  const plainTitle = recordPlain(v, item.title_zh, item.title_en) || data?.section?.title || id;
  const heading = html`${item.number !== null ? `${item.number}. ` : ''}${title.value ? title : plainTitle}`;
  const vtcs = meetings.filter((m) => VTC.has(m.format));
  const formal = meetings.filter((m) => !VTC.has(m.format));
  const briefers = participants.filter((p) => p.kind === 'briefer');
  const speeches = new Map(
    await Promise.all(formal.map(async (m) => [m.id, await speechesOf(store.db, m.id)] as const)),
  );
  const meetingById = new Map(meetings.map((m) => [m.id, m]));
  const downloads = downloadsOf(year, number, v.lang);

  const body = html`<h1>${heading} <span class="year">(${year})</span></h1>
    <p class="meta">
      ${v.t('item.category')}: ${v.t(`category.${item.category}`)} ·
      ${v.t('item.counts', { meetings: meetings.length, decisions: decisions.length })}
    </p>
    ${
      downloads.length > 0
        ? html`<nav class="downloads" aria-label="${v.t('item.downloads')}">
            <h2 class="inline">${v.t('item.downloads')}</h2>
            <ul class="inline">
              ${downloads.map((d) => html`<li><a href="${d.href}" download>${d.label}</a></li>`)}
            </ul>
          </nav>`
        : html``
    }
    <nav class="toc" aria-label="${v.t('item.contents')}">
      <ul class="inline">
        ${published ? html`<li><a href="#narrative-h">${v.t('item.narrative')}</a></li>` : html``}
        ${meetings.length > 0 ? html`<li><a href="#table-h">${v.t('item.meetings')}</a></li>` : html``}
        ${decisions.length > 0 ? html`<li><a href="#decisions-h">${v.t('item.decisions')}</a></li>` : html``}
        ${briefers.length > 0 ? html`<li><a href="#briefers-h">${v.t('item.briefers')}</a></li>` : html``}
        ${positions.length > 0 ? html`<li><a href="#positions-h">${v.t('item.positions')}</a></li>` : html``}
      </ul>
    </nav>
    ${
      published
        ? html`<section aria-labelledby="narrative-h" class="narrative">
            <h2 id="narrative-h">${v.t('item.narrative')}</h2>
            ${narrativeHtml(v, published, known)} ${versionsHtml(v, data?.versions ?? [])}
            <p class="small">${provenanceList(v, prov, { type: 'agenda_item', id })}</p>
          </section>`
        : html`<p class="note">${v.t('item.noSection')}</p>`
    }
    ${
      meetings.length > 0
        ? html`<section aria-labelledby="table-h">
            <h2 id="table-h">${v.t('item.meetings')}</h2>
            ${vtcs.length > 0 ? vtcTable(v, vtcs, decisions, known, v.t('table.vtcCaption', { title: plainTitle }), disputed) : html``}
            ${formal.length > 0 ? meetingTable(v, formal, decisions, participants, speeches, known, v.t('table.meetingCaption', { title: plainTitle }), disputed) : html``}
          </section>`
        : html``
    }
    ${
      decisions.length > 0
        ? html`<section aria-labelledby="decisions-h">
            <h2 id="decisions-h">${v.t('item.decisions')}</h2>
            <ul class="plain">
              ${decisions.map((d) => {
                const m = d.meeting_id ? meetingById.get(d.meeting_id) : undefined;
                return html`<li>
                  <a href="${urls.decision(d.id)}">${decisionLabel(v, d)}</a> ·
                  ${fmtDate(d.date, v.lang)}${
                    d.modality ? html` · ${modalityText(v, d)}` : html``
                  }${tally(d) ? html` · ${v.t('decision.tally')} ${tally(d)}` : html``}${m ? html` · ${meetingLink(v, m)}` : html``}${
                    d.title ? html`<br /><span class="small">${ownLang(v, d.title)}</span>` : html``
                  }
                </li>`;
              })}
            </ul>
          </section>`
        : html``
    }
    ${
      briefers.length > 0
        ? html`<section aria-labelledby="briefers-h">
            <h2 id="briefers-h">${v.t('item.briefers')}</h2>
            ${meetings
              .filter((m) => briefers.some((b) => b.meeting_id === m.id))
              .map(
                (m) =>
                  html`<h3>${meetingDateLink(v, m)} ${formatBadge(v, m.format)}</h3>
                    <ul>
                      ${briefers.filter((b) => b.meeting_id === m.id).map((b) => html`<li>${participantLine(v, b)}</li>`)}
                    </ul>`,
              )}
          </section>`
        : html``
    }
    ${
      positions.length > 0
        ? positionsSection(v, positions, '', (p) => {
            const stored = p.footnote_id ? data?.footnotes.find((f) => f.id === p.footnote_id) : undefined;
            const fn = stored && published?.footnotes.find((f) => f.sourceNumber === stored.number);
            return html`${atMeeting(v, p.meeting_id ? meetingById.get(p.meeting_id) : undefined)}${
              fn
                ? html` ·
                    <a href="#${itemAnchors.footnote(fn)}">${v.t('item.footnote', { n: fn.number })}</a>`
                : html``
            }`;
          })
        : html``
    }`;
  return page(v, {
    title: `${item.number !== null ? `${item.number}. ` : ''}${plainTitle} (${year})`,
    body,
    crumbs: [{ href: urls.items(year), text: v.t('items.ofYear', { year }) }],
    json: `/api/items/${year}/${number}`,
  });
}

/**
 * The narrative and its footnotes as the publish layer renders them (render-html.ts), so the page and
 * the published section cannot drift apart; symbols link to the record's own pages where it holds them.
 */
function narrativeHtml(v: View, s: PublishedSection, known: Known): Html {
  return trusted(
    renderHtmlFragment(s, {
      narrativeOnly: true,
      anchors: itemAnchors,
      resolutionRefs: true,
      citedAfterFootnote: true,
      linkSymbol: (symbol) => symbolHref(symbol, known, v.lang).href,
    }),
  );
}

/** Every document the published section names or cites. */
function symbolsOf(s: PublishedSection): string[] {
  const texts = [
    ...s.paragraphs.flatMap((p) => p.segments.flatMap((x) => ('text' in x ? [x.text] : []))),
    ...s.footnotes.map((f) => f.text),
  ];
  return [
    ...texts.flatMap((t) => symbolSpans(t).map((x) => x.symbol)),
    ...s.footnotes.flatMap((f) => f.cites.map((c) => c.symbol)),
  ];
}

/** Which version of the section's text is shown, and links to the earlier ones (read through the API). */
function versionsHtml(v: View, versions: SectionVersionSummary[]) {
  const shown = versions.find((x) => x.status === 'published');
  if (!shown) return html``;
  const earlier = versions.filter((x) => x.status === 'superseded').reverse();
  const link = (x: SectionVersionSummary) =>
    html`<a href="/api/section-versions/${encodeURIComponent(x.id)}"
        >${v.t('item.versionN', { n: String(x.number) })}</a
      >
      (${x.uri}, ${fmtDate(x.publishedAt ?? x.createdAt, v.lang)})`;
  return html`<p class="small" id="version">
    ${v.t('item.versionShown', { n: String(shown.number), date: fmtDate(shown.publishedAt ?? shown.createdAt, v.lang), file: shown.uri })}${
      earlier.length > 0
        ? html` · ${v.t('item.versionsEarlier')}:
          ${earlier.map((x, i) => html`${i > 0 ? ', ' : ''}${link(x)}`)}`
        : html``
    }
  </p>`;
}
