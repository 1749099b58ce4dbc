import type { Store } from '../../../store/db.ts';
import { membersOn } from '../../../domain/membership.ts';
import { fact, html, listOrEmpty, section, table, type Html } from '../html.ts';
import { page } from '../layout.ts';
import {
  conflictTable,
  decisionLabel,
  fmtDate,
  formatBadge,
  permanentMark,
  provenanceList,
  recordPlain,
  ownLang,
  stateLink,
  stateName,
  symbolLink,
  symbolSpans,
  tally,
  urls,
  type View,
  isNotAdopted,
  modalityText,
} from '../format.ts';
import {
  agendaItemRow,
  conflictsOf,
  decisionRow,
  footnotesCiting,
  knownIds,
  meetingRow,
  paragraphsContaining,
  provenanceOf,
  votesOf,
  type DecisionRow as Decision,
  type MemberVoteRow as Vote,
} from '../../../store/queries/index.ts';
import type { LabelKey } from '../i18n/en.ts';

function parseVetoes(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** The words around the first mention of the decision in a paragraph. */
function excerpt(text: string, symbols: string[]): string {
  const at = symbolSpans(text).find((sp) => symbols.includes(sp.symbol));
  if (!at) return text.slice(0, 80);
  const from = Math.max(0, at.start - 30);
  const to = Math.min(text.length, at.end + 50);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

/** Members on the decision's date, when the membership reference covers it; else none. */
function membersAt(date: string | null): string[] {
  if (!date) return [];
  try {
    return membersOn(date);
  } catch {
    return [];
  }
}

/**
 * How many members' votes are known and what each rests on: a source's record (named), or the tally with
 * the other votes known; the rest are not recorded.
 */
function votesBasis(v: View, d: Decision, votes: Vote[], members: number): Html {
  const bySource = new Map<string, number>();
  let tallied = 0;
  let unknownBasis = 0;
  for (const x of votes) {
    if (x.basis === 'tally') tallied += 1;
    else if (x.basis === 'recorded' && x.sourceId)
      bySource.set(x.sourceId, (bySource.get(x.sourceId) ?? 0) + 1);
    else unknownBasis += 1;
  }
  const missing = Math.max(0, members - votes.length);
  return html`<p class="votes-known">
    <strong>${v.t('decision.votesKnown', { known: votes.length, members })}</strong>
    ${[...bySource].map(
      ([src, n]) =>
        html` ${v.t('decision.votesFromSource', { n })} <a href="${urls.source(src)}"><code>${src}</code></a
          >.`,
    )}
    ${tallied > 0 ? html` ${v.t('decision.votesFromTally', { n: tallied, tally: tally(d) || '?' })}.` : html``}
    ${unknownBasis > 0 ? html` ${v.t('decision.votesOfUnknownBasis', { n: unknownBasis })}.` : html``}
    ${missing > 0 ? html` ${v.t('decision.votesMissing', { n: missing })}` : html``}
  </p>`;
}

export async function decisionPage(store: Store, v: View, id: string): Promise<string | undefined> {
  const d = await decisionRow(store.db, id);
  if (!d) return undefined;
  const symbols = [d.id, d.symbol, d.draft_symbol].filter((s): s is string => !!s);
  const [memberVotes, m, item, citing, prov, conflicts, known] = await Promise.all([
    votesOf(store.db, d.id),
    d.meeting_id ? meetingRow(store.db, d.meeting_id) : Promise.resolve(undefined),
    d.agenda_item_id ? agendaItemRow(store.db, d.agenda_item_id) : Promise.resolve(undefined),
    footnotesCiting(store.db, symbols),
    provenanceOf(store.db, [{ type: 'decision', id: d.id }]),
    conflictsOf(store.db, [{ type: 'decision', id: d.id }]),
    knownIds(store.db, [d.written_procedure_letter ?? '', d.record_letter ?? '', d.draft_symbol ?? '']),
  ]);
  // The page reads the votes by state code.
  const votes = memberVotes.sort((a, b) => a.state.localeCompare(b.state));
  // Paragraphs of the narrative that name the decision ("第2518(2020)号决议", "resolution 2518 (2020)").
  const numbers = [...new Set(symbols.flatMap((x) => (x.match(/\d{3,5}/g) ?? []).slice(0, 1)))];
  const mentions = (await paragraphsContaining(store.db, numbers)).filter((p) =>
    symbolSpans(p.text).some((sp) => symbols.includes(sp.symbol)),
  );
  const vetoes = parseVetoes(d.vetoed_by);
  const members = membersAt(d.date);
  const byState = new Map(votes.map((x) => [x.state, x.vote]));
  // Members with no recorded vote are listed as unknown, never guessed from the tally.
  const rows = [...new Set([...members, ...votes.map((x) => x.state)])].sort((a, b) =>
    stateName(a, v.lang, d.date).localeCompare(
      stateName(b, v.lang, d.date),
      v.lang === 'zh' ? 'zh-Hans-u-co-pinyin' : 'en',
    ),
  );
  const label = decisionLabel(v, d);
  const h1 = label === d.symbol || !d.symbol ? label : `${label} — ${d.symbol}`;
  // A draft not adopted is never called adopted, whatever a source's modality says ("Adopted by a vote").
  const notAdopted = isNotAdopted(d);

  const body = html`<h1>${h1}</h1>
    ${vetoes.length > 0 ? html`<p><span class="badge badge-vetoed">${v.t('decision.vetoed')}</span></p>` : html``}
    <dl class="facts">
      ${fact(v.t('decision.kind'), v.t(`kind.${d.kind}` as LabelKey))}
      ${fact(v.t('decision.symbol'), d.symbol && symbolLink(v, d.symbol, { meetings: new Set(), decisions: new Set() }))}
      ${fact(v.t('meeting.date'), d.date ? fmtDate(d.date, v.lang) : v.t('common.unknown'))}
      ${fact(
        notAdopted ? v.t('decision.modalityVoted') : v.t('decision.modality'),
        d.modality ? modalityText(v, d) : v.t('common.unknown'),
      )}
      ${fact(
        v.t('decision.outcome'),
        (d.adopted !== null || notAdopted) &&
          (notAdopted
            ? vetoes.length > 0
              ? v.t('decision.notAdoptedVetoed')
              : v.t('decision.notAdopted')
            : d.adopted
              ? v.t('decision.adopted')
              : v.t('decision.notAdopted')),
      )}
      ${fact(
        v.t('decision.tally'),
        tally(d) &&
          html`${tally(d)}${d.vote_absent ? html` (${v.t('decision.absent', { n: d.vote_absent })})` : html``}`,
      )}
      ${fact(v.t('decision.writtenLetter'), d.written_procedure_letter && symbolLink(v, d.written_procedure_letter, known))}
      ${fact(v.t('decision.recordLetter'), d.record_letter && symbolLink(v, d.record_letter, known))}
      ${fact(v.t('decision.draft'), d.draft_symbol && symbolLink(v, d.draft_symbol, known))}
      ${fact(
        v.t('decision.vetoedBy'),
        vetoes.length > 0 && vetoes.map((s, i) => html`${i > 0 ? ', ' : ''}${stateLink(v, s, d.date)}`),
      )}
      ${fact(
        v.t('decision.meeting'),
        m &&
          html`<a href="${urls.meeting(m.id)}"
              >${fmtDate(m.date, v.lang)}${m.record_symbol ? ` (${m.record_symbol})` : ''}</a
            >
            ${formatBadge(v, m.format)}`,
      )}
      ${fact(
        v.t('meeting.item'),
        item &&
          html`<a href="${urls.item(item.id)}"
            >${item.number ?? ''}. ${recordPlain(v, item.title_zh, item.title_en)} (${item.year})</a
          >`,
      )}
      ${fact(v.t('table.title'), d.title && ownLang(v, d.title))}
      ${fact(v.t('prov.heading'), provenanceList(v, prov))}
    </dl>
    <section aria-labelledby="votes-h">
      <h2 id="votes-h">${v.t('decision.votes')}</h2>
      ${
        rows.length === 0
          ? html`<p class="empty">${v.t('decision.noVotes')}</p>`
          : html`${votes.length === 0 ? html`<p class="note">${v.t('decision.votesNotRecorded')}</p>` : html``}
              ${votesBasis(v, d, votes, members.length > 0 ? members.length : rows.length)}
              ${table({
                className: 'votes',
                scroll: false,
                caption: v.t('decision.votesCaption', { decision: label }),
                rows,
                columns: [
                  {
                    head: v.t('vote.member'),
                    rowHead: true,
                    cell: (s) => html`${stateLink(v, s, d.date)}${permanentMark(v, s)}`,
                  },
                  {
                    head: v.t('vote.vote'),
                    cellClass: (s) => (byState.get(s) ? `vote-${byState.get(s)}` : 'vote-unknown'),
                    cell: (s) => {
                      const vote = byState.get(s);
                      return html`${vote ? v.t(`vote.${vote}`) : v.t('vote.unknown')}${
                        vote === 'N' && vetoes.includes(s)
                          ? html` <strong>(${v.t('decision.veto')})</strong>`
                          : html``
                      }`;
                    },
                  },
                ],
              })}
              <p class="small">${v.t('vote.legend')}</p>`
      }
    </section>
    ${section(
      'cited',
      v.t('decision.citedBy'),
      listOrEmpty(
        [
          ...citing.map(
            (c) =>
              html`<a href="${urls.footnote(c.agendaItemId, c.number)}"
                  >${v.t('decision.citedIn', { item: c.agendaItemId, n: c.number })}</a
                >: <span lang="${c.lang === 'zh' ? 'zh-Hans' : 'en'}">${c.text}</span>`,
          ),
          ...mentions.map(
            (p) =>
              html`<a href="${urls.paragraph(p.agenda_item_id, p.ordinal)}"
                  >${v.t('decision.mentionedIn', { item: p.agenda_item_id })}</a
                >: <span lang="${p.lang === 'zh' ? 'zh-Hans' : 'en'}">${excerpt(p.text, symbols)}</span>`,
          ),
        ],
        v.t('decision.notCited'),
        (line) => line,
      ),
    )}
    ${conflictTable(v, conflicts)}`;
  return page(v, {
    title: h1,
    body,
    crumbs: [{ href: urls.search({ type: 'decisions' }), text: v.t('nav.decisions') }],
    json: `/api/decisions/${encodeURIComponent(d.id)}`,
  });
}
