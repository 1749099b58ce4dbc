import type { Actor } from '../../../procedure/actors.ts';
import type { ProcedureView } from '../../../procedure/view.ts';
import { html, orEmpty, section, table, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { checkbox, csrfField, field, stackForm } from '../forms.ts';
import { fmtDate, fmtTime, stateLink, stateName, timeEl, urls, type View } from '../format.ts';
import type { LabelKey } from '../i18n/en.ts';

/**
 * The written-procedure console: the Secretariat puts a draft to a vote, each delegation casts its
 * state's vote and gets a receipt, the President closes the vote and announces the outcome. Plain forms
 * (work without JavaScript), each with the CSRF token of the reader's session.
 */

export const consoleUrls = {
  home: '/console',
  login: '/console/login',
  logout: '/console/logout',
  open: '/console/procedures',
  procedure: (id: string) => `/console/procedures/${encodeURIComponent(id)}`,
  vote: (id: string) => `/console/procedures/${encodeURIComponent(id)}/vote`,
  close: (id: string) => `/console/procedures/${encodeURIComponent(id)}/close`,
  announce: (id: string) => `/console/procedures/${encodeURIComponent(id)}/announce`,
};

function messages(v: View, notice?: string, error?: string): Html {
  return html`${notice ? html`<p class="note" role="status">${notice}</p>` : html``}${
    error
      ? html`<p class="error" role="alert"><strong>${v.t('console.refused')}</strong> ${error}</p>`
      : html``
  }`;
}

function who(v: View, actor: Actor, csrf: string): Html {
  if (actor.role === 'public')
    return html`<p class="whoami"><a href="${consoleUrls.home}#login-h">${v.t('console.login')}</a></p>`;
  return html`<form class="whoami" method="post" action="${consoleUrls.logout}">
    ${csrfField(csrf)}
    <p>
      ${v.t('console.loggedInAs', { name: actor.name, role: v.t(`role.${actor.role}`) })}${actor.state ? html` · ${stateLink(v, actor.state)}` : html``}
      <button type="submit">${v.t('console.logout')}</button>
    </p>
  </form>`;
}

function statusText(v: View, p: ProcedureView): string {
  return v.t(`procedure.${p.status}`);
}

export function loginPage(v: View, csrf: string, error?: string): string {
  const body = html`<h1>${v.t('console.title')}</h1>
    <p>${v.t('console.lede')}</p>
    ${messages(v, undefined, error)} ${loginForm(v, csrf)}`;
  return page(v, { title: v.t('console.title'), body });
}

function loginForm(v: View, csrf: string): Html {
  return section(
    'login',
    v.t('console.login'),
    stackForm(
      { action: consoleUrls.login, csrf, submit: v.t('console.login') },
      html`${field(
        'l-name',
        v.t('console.userName'),
        html`<input id="l-name" name="name" autocomplete="username" required maxlength="64" />`,
      )}
      ${field(
        'l-pass',
        v.t('console.password'),
        html`<input
          id="l-pass"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength="1024"
        />`,
      )}`,
    ),
  );
}

/** The open form's fields, with the label each is shown under (used to name a refused field). */
export const OPEN_FIELDS = {
  draftSymbol: 'procedure.draft',
  title: 'table.title',
  agendaItemId: 'meeting.item',
  agendaItemTitleEn: 'procedure.itemTitleEn',
  agendaItemTitleZh: 'procedure.itemTitleZh',
  text: 'procedure.text',
  deadline: 'procedure.deadline',
  procedural: 'procedure.procedural',
  rehearsal: 'procedure.rehearsal',
} as const satisfies Record<string, LabelKey>;

/** What the Secretariat typed into a refused open form, shown again. */
export type OpenTyped = Partial<Record<keyof typeof OPEN_FIELDS, string>>;

export function consoleHome(
  v: View,
  actor: Actor,
  list: ProcedureView[],
  csrf: string,
  notice?: string,
  error?: string,
  typed: OpenTyped = {},
): string {
  const body = html`<h1>${v.t('console.title')}</h1>
    ${actor.role === 'public' ? html`<p>${v.t('console.lede')}</p>` : who(v, actor, csrf)}
    ${messages(v, notice, error)}
    <section aria-labelledby="procs-h">
      <h2 id="procs-h">${v.t('console.procedures')}</h2>
      ${orEmpty(list, v.t('console.none'), (list) =>
        table({
          scroll: false,
          rows: list,
          columns: [
            {
              head: v.t('procedure.draft'),
              rowHead: true,
              cell: (p) => html`<a href="${consoleUrls.procedure(p.id)}">${p.draftSymbol}</a>`,
            },
            { head: v.t('table.title'), cell: (p) => p.title },
            {
              head: v.t('procedure.deadline'),
              cell: (p) => timeEl(v, p.deadline),
            },
            {
              head: v.t('procedure.status'),
              cell: (p) =>
                html`${statusText(v, p)}${p.rehearsal ? html` · <strong>${v.t('procedure.rehearsal')}</strong>` : html``}`,
            },
            ...(actor.role === 'delegation'
              ? [
                  {
                    head: v.t('procedure.yourVote'),
                    cell: (p: (typeof list)[number]) =>
                      p.yourBallot
                        ? v.t(`vote.${p.yourBallot.vote}`)
                        : p.status === 'voting'
                          ? v.t('procedure.notYet')
                          : '—',
                  },
                ]
              : []),
          ],
        }),
      )}
    </section>
    ${actor.role === 'editor' ? html`<p><a href="/console/drafts">${v.t('drafts.link')}</a></p>` : html``}
    ${actor.role === 'secretariat' ? openForm(v, csrf, typed) : html``}
    ${actor.role === 'public' ? loginForm(v, csrf) : html``}`;
  return page(v, {
    title: v.t('console.title'),
    body,
    crumbs: [],
  });
}

function openForm(v: View, csrf: string, typed: OpenTyped): Html {
  const input = (
    name: keyof typeof OPEN_FIELDS,
    attrs: { required?: boolean; placeholder?: string; max: number },
  ) =>
    field(
      `o-${name}`,
      v.t(OPEN_FIELDS[name]),
      html`<input
        id="o-${name}"
        name="${name}"
        value="${typed[name] ?? ''}"
        ${attrs.required ? html`required` : html``}
        placeholder="${attrs.placeholder ?? ''}"
        maxlength="${attrs.max}"
      />`,
    );
  return section(
    'open',
    v.t('console.openTitle'),
    stackForm(
      { action: consoleUrls.open, csrf, submit: v.t('console.open') },
      html`${input('draftSymbol', { required: true, placeholder: 'S/2020/239', max: 64 })}
        ${input('title', { required: true, max: 500 })}
        ${input('agendaItemId', { required: true, placeholder: '2020-23', max: 64 })}
        <p class="small">${v.t('procedure.itemHelp')}</p>
        ${input('agendaItemTitleEn', { max: 500 })} ${input('agendaItemTitleZh', { max: 500 })}
        ${field(
          'o-text',
          v.t('procedure.text'),
          html`<textarea id="o-text" name="text" rows="6">${typed.text ?? ''}</textarea>`,
        )}
        ${field(
          'o-deadline',
          v.t('procedure.deadlineUtc'),
          html`<input
            id="o-deadline"
            name="deadline"
            value="${typed.deadline ?? ''}"
            placeholder="2020-03-31T14:00:00Z"
            maxlength="40"
          />`,
        )}
        ${checkbox('procedural', typed.procedural === 'true', v.t('procedure.procedural'))}
        ${checkbox('rehearsal', typed.rehearsal === 'true', v.t('procedure.rehearsalOpen'))}`,
    ),
  );
}

/** Seen on every page of a rehearsal, so no one takes it for a real vote. */
function rehearsalBanner(v: View, p: ProcedureView): Html {
  return p.rehearsal
    ? html`<p class="note rehearsal" role="note">
        <strong>${v.t('procedure.rehearsal')}</strong> ${v.t('procedure.rehearsalText')}
      </p>`
    : html``;
}

/** The outcome (once known to the reader), before any form: the President announces what it shows. */
function outcomeBlock(v: View, p: ProcedureView): Html {
  const o = p.outcome;
  if (!o) return html``;
  return html`<section aria-labelledby="outcome-h" class="outcome">
    <h2 id="outcome-h">${v.t('procedure.outcome')}</h2>
    <p>
      <strong>${o.adopted ? v.t('decision.adopted') : v.t('decision.notAdopted')}</strong>
      ${o.for}-${o.against}-${o.abstaining}
    </p>
    <p class="small">
      ${v.t('procedure.outcomeCounts', { for: o.for, against: o.against, abstaining: o.abstaining, absent: o.absent })}
    </p>
    ${
      o.vetoedBy.length > 0
        ? html`<p>
            ${v.t('procedure.vetoedBy', { states: o.vetoedBy.map((s) => stateName(s, v.lang)).join(', ') })}
          </p>`
        : html``
    }
  </section>`;
}

function letterBlock(v: View, name: string, letter: { zh: string; en: string } | undefined): Html {
  if (!letter) return html``;
  return html`<details>
    <summary>${name}</summary>
    <pre class="letter" lang="zh-Hans">${letter.zh}</pre>
    <pre class="letter" lang="en">${letter.en}</pre>
  </details>`;
}

export function procedurePage(
  v: View,
  actor: Actor,
  p: ProcedureView,
  csrf: string,
  notice?: string,
  error?: string,
): string {
  const voting = p.status === 'voting';
  const body = html`<h1>${v.t('procedure.heading', { draft: p.draftSymbol })}</h1>
    ${rehearsalBanner(v, p)} ${who(v, actor, csrf)} ${messages(v, notice, error)}
    <dl class="facts">
      <dt>${v.t('table.title')}</dt>
      <dd>${p.title}</dd>
      <dt>${v.t('meeting.item')}</dt>
      <dd><a href="${urls.item(p.agendaItemId)}">${p.agendaItemId}</a></dd>
      <dt>${v.t('procedure.status')}</dt>
      <dd><strong>${statusText(v, p)}</strong></dd>
      <dt>${v.t('procedure.opened')}</dt>
      <dd>${timeEl(v, p.openedAt)}</dd>
      <dt>${v.t('procedure.deadline')}</dt>
      <dd>${timeEl(v, p.deadline)}</dd>
      ${
        p.procedural
          ? html`<dt>${v.t('procedure.procedural')}</dt>
              <dd>✓</dd>`
          : html``
      }
      ${
        p.parties.length > 0
          ? html`<dt>${v.t('procedure.parties')}</dt>
              <dd>${p.parties.map((s) => stateName(s, v.lang)).join(', ')}</dd>`
          : html``
      }
      ${
        p.ballotsReceived !== undefined
          ? html`<dt>${v.t('procedure.ballotsReceived')}</dt>
              <dd>${p.ballotsReceived} / ${p.members.length}</dd>`
          : html``
      }
      ${
        p.decisionId
          ? html`<dt>${v.t('decision.meeting')}</dt>
              <dd>
                <a href="${urls.decision(p.decisionId)}">${p.resolutionSymbol ?? p.decisionId}</a
                >${p.meetingId ? html` · <a href="${urls.meeting(p.meetingId)}">${fmtDate(p.announcedAt, v.lang)}</a>` : html``}
              </dd>`
          : html``
      }
    </dl>
    ${outcomeBlock(v, p)}
    ${
      p.text
        ? html`<details>
            <summary>${v.t('procedure.text')}</summary>
            <pre class="letter">${p.text}</pre>
          </details>`
        : html``
    }
    ${
      p.yourBallot
        ? html`<section aria-labelledby="receipt-h">
            <h2 id="receipt-h">${v.t('procedure.receipt')}</h2>
            <p>
              ${v.t('procedure.receiptText', { state: stateName(p.yourBallot.state, v.lang), vote: v.t(`vote.${p.yourBallot.vote}`), at: fmtTime(p.yourBallot.receivedAt, v.lang) })}
            </p>
            <p><code class="hash">${p.yourBallot.digest}</code></p>
          </section>`
        : html``
    }
    ${
      actor.role === 'delegation' && voting && !p.yourBallot && actor.state
        ? !p.members.includes(actor.state)
          ? html`<section aria-labelledby="vote-h">
              <h2 id="vote-h">${v.t('procedure.castVote', { state: stateName(actor.state, v.lang) })}</h2>
              <p class="note" role="status">
                ${v.t('procedure.notMember', { state: stateName(actor.state, v.lang), date: fmtDate(p.date, v.lang) })}
              </p>
            </section>`
          : html`<section aria-labelledby="vote-h">
              <h2 id="vote-h">${v.t('procedure.castVote', { state: stateName(actor.state, v.lang) })}</h2>
              <form method="post" action="${consoleUrls.vote(p.id)}">
                ${csrfField(csrf)}
                <fieldset>
                  <legend>${v.t('procedure.voteOn', { draft: p.draftSymbol })}</legend>
                  ${(['Y', 'N', 'A'] as const).map((x) => html`<label class="choice"><input type="radio" name="vote" value="${x}" required /> ${v.t(`vote.${x}`)}</label> `)}
                </fieldset>
                <p class="small">${v.t('procedure.final')}</p>
                <button type="submit">${v.t('procedure.submitVote')}</button>
              </form>
            </section>`
        : html``
    }
    ${
      actor.role === 'president' && voting
        ? html`<section aria-labelledby="close-h">
            <h2 id="close-h">${v.t('procedure.close')}</h2>
            <form method="post" action="${consoleUrls.close(p.id)}">
              ${csrfField(csrf)}<button type="submit">${v.t('procedure.close')}</button>
            </form>
          </section>`
        : html``
    }
    ${
      actor.role === 'president' && p.status === 'closed'
        ? section(
            'announce',
            v.t('procedure.announce'),
            stackForm(
              { action: consoleUrls.announce(p.id), csrf, submit: v.t('procedure.announce') },
              html`${field(
                'a-format',
                v.t('meeting.format'),
                html`<select id="a-format" name="format">
                  <option value="open_vtc">${v.t('format.open_vtc')}</option>
                  <option value="closed_vtc">${v.t('format.closed_vtc')}</option>
                </select>`,
              )}
              ${(
                [
                  ['a-date', 'date', 'meeting.date', '2020-03-30', 10],
                  ['a-res', 'resolutionSymbol', 'procedure.resolutionSymbol', 'S/RES/2518 (2020)', 64],
                  ['a-out', 'outcomeLetterSymbol', 'decision.writtenLetter', 'S/2020/249', 64],
                  ['a-rec', 'recordLetterSymbol', 'decision.recordLetter', 'S/2020/268', 64],
                ] as const
              ).map(([id, name, label, placeholder, max]) =>
                field(
                  id,
                  v.t(label),
                  html`<input id="${id}" name="${name}" placeholder="${placeholder}" maxlength="${max}" />`,
                ),
              )}`,
            ),
          )
        : html``
    }
    ${
      p.ballots && p.ballots.length > 0
        ? html`<section aria-labelledby="ballots-h">
            <h2 id="ballots-h">${v.t('procedure.ballots')}</h2>
            ${table({
              scroll: false,
              rows: p.ballots,
              columns: [
                { head: v.t('vote.member'), rowHead: true, cell: (b) => stateName(b.state, v.lang) },
                { head: v.t('vote.vote'), cell: (b) => v.t(`vote.${b.vote}`) },
                { head: v.t('procedure.receivedAt'), cell: (b) => timeEl(v, b.receivedAt) },
              ],
            })}
          </section>`
        : html``
    }
    <section aria-labelledby="letters-h">
      <h2 id="letters-h">${v.t('procedure.letters')}</h2>
      ${letterBlock(v, v.t('procedure.letterAnnouncement'), p.letters.announcement)}
      ${letterBlock(v, v.t('procedure.letterOutcome'), p.letters.outcome)}
      ${letterBlock(v, v.t('procedure.letterDetails'), p.letters.votingDetails)}
    </section>`;
  return page(v, {
    title: v.t('procedure.heading', { draft: p.draftSymbol }),
    body,
    crumbs: [{ href: consoleUrls.home, text: v.t('console.title') }],
  });
}
