import type { DraftReview } from '../../../ingest/repertoire/drafts.ts';
import type { FactChange } from '../../../ingest/repertoire/facts.ts';
import type { SectionVersionSummary } from '../../../store/queries/versions.ts';
import { html, orEmpty, section, table, type Html } from '../html.ts';
import { page } from '../layout.ts';
import { csrfField, field, stackForm } from '../forms.ts';
import { fmtDate, timeEl, type View } from '../format.ts';
import { findingText, findingWhere } from '../findings.ts';
import { factSideHtml, factSubjectHtml } from '../facts.ts';
import type { LabelKey } from '../i18n/en.ts';

/**
 * "Check a draft": an editor pastes the text of a Repertoire section, it is checked and kept as a draft
 * (src/ingest/repertoire/drafts.ts, the code `council ingest --draft` runs), its findings and its diff in
 * facts are shown, and "Publish" makes it the section's current version. Plain forms, no script.
 */

export const draftUrls = {
  home: '/console/drafts',
  item: (item: string) => `/console/drafts?item=${encodeURIComponent(item)}`,
  version: (id: string) => `/console/drafts/${encodeURIComponent(id)}`,
  publish: (id: string) => `/console/drafts/${encodeURIComponent(id)}/publish`,
};

/** The form's fields, with the label each is shown under (a refusal names its field by this label). */
export const DRAFT_FIELDS = {
  item: 'drafts.item',
  lang: 'drafts.lang',
  text: 'drafts.text',
  file: 'drafts.upload',
} as const satisfies Record<string, LabelKey>;

export type DraftField = keyof typeof DRAFT_FIELDS;
export type DraftTyped = Partial<Record<DraftField, string>>;

/** A refusal of the form: the field it concerns and the message, both in the reader's language. */
export interface DraftRefusal {
  field: DraftField | null;
  message: string;
}

function messages(v: View, notice?: string, refusal?: DraftRefusal): Html {
  return html`${notice ? html`<p class="note" role="status">${notice}</p>` : html``}${
    refusal
      ? html`<p class="error" role="alert">
          <strong>${v.t('console.refused')}</strong>
          ${refusal.field ? html`«${v.t(DRAFT_FIELDS[refusal.field])}»: ` : html``}${refusal.message}
        </p>`
      : html``
  }`;
}

function checkForm(v: View, csrf: string, items: string[], typed: DraftTyped, refusal?: DraftRefusal): Html {
  const invalid = (f: DraftField) => (refusal?.field === f ? html` aria-invalid="true"` : html``);
  // The first newline after <textarea> is dropped by HTML parsing, so a text that starts with one keeps it
  // (and the markup stays on one line: a line break inside would be text).
  // prettier-ignore
  const textarea = html`<textarea id="d-text" name="text" rows="14" ${invalid('text')}>${'\n\n'}${typed.text ?? ''}</textarea>`;
  // multipart so the section can come as a file (src/server/web/draft-upload.ts reads it).
  return section(
    'check',
    v.t('drafts.check'),
    stackForm(
      { action: draftUrls.home, csrf, submit: v.t('drafts.submit'), multipart: true },
      html`${field(
        'd-item',
        v.t('drafts.item'),
        html`<input
            id="d-item"
            name="item"
            list="d-items"
            required
            maxlength="16"
            placeholder="2020-23"
            value="${typed.item ?? ''}"
            ${invalid('item')}
          />
          <datalist id="d-items">${items.map((i) => html`<option value="${i}"></option>`)}</datalist>`,
      )}
      ${field(
        'd-lang',
        v.t('drafts.lang'),
        html`<select id="d-lang" name="lang" ${invalid('lang')}>
          ${(['', 'zh', 'en'] as const).map(
            (l) =>
              html`<option value="${l}" ${typed.lang === l ? html`selected` : html``}>
                ${v.t(l === '' ? 'drafts.langAuto' : l === 'zh' ? 'drafts.langZh' : 'drafts.langEn')}
              </option>`,
          )}
        </select>`,
      )}
      ${field('d-text', v.t('drafts.text'), textarea)}
      ${field(
        'd-file',
        v.t('drafts.upload'),
        html`<input id="d-file" name="file" type="file" accept=".txt,text/plain" ${invalid('file')} />`,
      )}`,
    ),
  );
}

function versionsTable(v: View, item: string, versions: SectionVersionSummary[]): Html {
  return html`<section aria-labelledby="versions-h">
    <h2 id="versions-h">${v.t('drafts.versionsOf', { item })}</h2>
    ${orEmpty(versions, v.t('drafts.noVersions'), (versions) =>
      table({
        rows: versions,
        columns: [
          {
            head: v.t('drafts.version'),
            rowHead: true,
            cell: (x) => html`<a href="${draftUrls.version(x.id)}">${x.id}</a>`,
          },
          { head: v.t('drafts.status'), cell: (x) => v.t(`drafts.status.${x.status}`) },
          { head: v.t('drafts.file'), cell: (x) => x.uri },
          { head: v.t('drafts.checked'), cell: (x) => stamp(v, x.createdAt, x.createdBy) },
          {
            head: v.t('drafts.published'),
            cell: (x) =>
              html`${x.publishedAt ? stamp(v, x.publishedAt, x.publishedBy) : '—'}${x.supersededAt ? html`<br />${v.t('drafts.supersededOn', { date: fmtDate(x.supersededAt, v.lang) })}` : html``}`,
          },
        ],
      }),
    )}
  </section>`;
}

/** When and by whom: the time in words in <time datetime>, then the user. */
const stamp = (v: View, at: string, by: string | null) => html`${timeEl(v, at)}${by ? ` · ${by}` : ''}`;

export function draftsHome(
  v: View,
  csrf: string,
  opts: {
    items: string[];
    item?: string;
    versions?: SectionVersionSummary[];
    notice?: string;
    refusal?: DraftRefusal;
    typed?: DraftTyped;
  },
): string {
  const typed = opts.typed ?? (opts.item ? { item: opts.item } : {});
  const body = html`<h1>${v.t('drafts.title')}</h1>
    <p>${v.t('drafts.lede')}</p>
    ${messages(v, opts.notice, opts.refusal)} ${checkForm(v, csrf, opts.items, typed, opts.refusal)}
    ${opts.item && opts.versions ? versionsTable(v, opts.item, opts.versions) : html``}`;
  return page(v, {
    title: v.t('drafts.title'),
    body,
    crumbs: [{ href: '/console', text: v.t('console.title') }],
  });
}

export function draftPage(v: View, csrf: string, r: DraftReview, notice?: string, error?: string): string {
  const x = r.version;
  const body = html`<h1 class="break-anywhere">${v.t('drafts.versionTitle', { id: x.id })}</h1>
    ${notice ? html`<p class="note" role="status">${notice}</p>` : html``}
    ${error ? html`<p class="error" role="alert"><strong>${v.t('console.refused')}</strong> ${error}</p>` : html``}
    <dl class="break-anywhere">
      <dt>${v.t('drafts.status')}</dt>
      <dd class="status">${v.t(`drafts.status.${x.status}`)}</dd>
      <dt>${v.t('drafts.file')}</dt>
      <dd>${x.uri} <small>(sha256 ${x.sha256.slice(0, 16)}…)</small></dd>
      <dt>${v.t('drafts.checked')}</dt>
      <dd>${stamp(v, x.createdAt, x.createdBy)}</dd>
      ${
        x.publishedAt
          ? html`<dt>${v.t('drafts.published')}</dt>
              <dd>${stamp(v, x.publishedAt, x.publishedBy)}</dd>`
          : html``
      }
      ${
        x.status === 'draft'
          ? html`<dt>${v.t('drafts.comparedWith')}</dt>
              <dd>${r.publishedId ?? v.t('drafts.nonePublished')}</dd>`
          : html``
      }
    </dl>
    <p>
      <a href="${draftUrls.item(x.agendaItemId)}">${v.t('drafts.allVersions', { item: x.agendaItemId })}</a>
    </p>
    ${x.status === 'draft' ? changesSection(v, r.changes) : html``}
    <section aria-labelledby="findings-h">
      <h2 id="findings-h">${v.t('drafts.findings', { n: r.findings.length })}</h2>
      ${orEmpty(r.findings, v.t('drafts.noFindings'), (findings) =>
        table({
          className: 'findings',
          rows: findings,
          columns: [
            { head: v.t('drafts.where'), rowHead: true, cell: (f) => findingWhere(v, f.where) },
            {
              head: v.t('drafts.severity'),
              cell: (f) => v.t(f.severity === 'error' ? 'drafts.error' : 'drafts.warning'),
            },
            { head: v.t('drafts.finding'), cell: (f) => html`<code>${f.code}</code> ${findingText(v, f)}` },
          ],
        }),
      )}
    </section>
    ${
      x.status === 'draft'
        ? html`<form method="post" action="${draftUrls.publish(x.id)}">
            ${csrfField(csrf)}
            <p><button type="submit">${v.t('drafts.publish')}</button> ${v.t('drafts.publishNote')}</p>
          </form>`
        : html``
    }`;
  return page(v, {
    title: v.t('drafts.versionTitle', { id: x.id }),
    body,
    crumbs: [{ href: draftUrls.home, text: v.t('drafts.title') }],
  });
}

function changesSection(v: View, changes: FactChange[]): Html {
  return html`<section aria-labelledby="changes-h">
    <h2 id="changes-h">${v.t('drafts.changes', { n: changes.length })}</h2>
    ${orEmpty(changes, v.t('drafts.noChanges'), (changes) =>
      table({
        className: 'changes',
        rows: changes,
        rowData: (c) => ({ change: c.change, kind: c.kind }),
        columns: [
          { head: v.t('drafts.change'), cell: (c) => v.t(`drafts.change.${c.change}`) },
          {
            head: v.t('drafts.fact'),
            rowHead: true,
            cell: (c) => factSubjectHtml(v, c),
          },
          { head: v.t('drafts.before'), cell: (c) => factSideHtml(v, c.before) },
          { head: v.t('drafts.after'), cell: (c) => factSideHtml(v, c.after) },
        ],
      }),
    )}
  </section>`;
}
