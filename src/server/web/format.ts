import { dateInWords, timeInWords } from '../../domain/labels.ts';
import { getMission } from '../../domain/missions.ts';
import { getOffice } from '../../domain/offices.ts';
import { namesOn } from '../../store/queries/votes.ts';
import { isPermanent } from '../../domain/membership.ts';
import { scanSymbolSpans } from '../../domain/symbols.ts';
import type { SectionAnchors } from '../../publish/render-html.ts';
import { html, join, listOrEmpty, section, table, type Html } from './html.ts';
import { htmlLang, isLabelKey, type Lang, type Translate } from './lang.ts';
import type { LabelKey } from './i18n/en.ts';
import type {
  ConflictRef,
  DecisionRow as Decision,
  EntitySourceRef,
  MeetingRow as Meeting,
  ParticipantRow as Participant,
} from '../../store/queries/index.ts';

/** What every page renderer receives. */
export interface View {
  lang: Lang;
  t: Translate;
  /** Path and query of the request, to rebuild it with another language. */
  url: string;
}

// ---- URLs: ids with slashes (S/2020/514) are one encoded path segment ----

export const urls = {
  home: () => '/',
  item: (id: string) => {
    const [year, number] = id.split('-');
    return `/items/${encodeURIComponent(year ?? id)}/${encodeURIComponent(number ?? '')}`;
  },
  items: (year?: number) => (year ? `/items?year=${year}` : '/items'),
  meeting: (id: string) => `/meetings/${encodeURIComponent(id)}`,
  decision: (id: string) => `/decisions/${encodeURIComponent(id)}`,
  state: (iso3: string) => `/states/${encodeURIComponent(iso3)}`,
  briefer: (office: string, mission?: string | null) =>
    `/briefers/${encodeURIComponent(office)}${mission ? `?mission=${encodeURIComponent(mission)}` : ''}`,
  source: (id: string) => `/sources/${encodeURIComponent(id)}`,
  search: (params: Record<string, string | number | undefined> = {}) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    return s ? `/search?${s}` : '/search';
  },
  stats: (year?: number) => (year ? `/stats?year=${year}` : '/stats'),
  /** A footnote of an item's section, by its stored number. */
  footnote: (itemId: string, number: number) =>
    `${urls.item(itemId)}#${itemAnchors.footnote({ number, sourceNumber: number })}`,
  paragraph: (itemId: string, ordinal: number) => `${urls.item(itemId)}#${itemAnchors.paragraph(ordinal)}`,
};

/**
 * The anchors of the section on an item page (#p3, #fn-646, #fnref-646). Footnotes go by their stored
 * number, the one search hits (search/documents.ts) and "cited by" lists know, whatever the published
 * numbering; test/web/pages.test.ts checks that search links land on them.
 */
export const itemAnchors: SectionAnchors = {
  paragraph: (ordinal) => `p${ordinal}`,
  footnote: (f) => `fn-${f.sourceNumber}`,
  footnoteRef: (f) => `fnref-${f.sourceNumber}`,
};

/** The official document on the UN's document system, in the reader's language. */
export function undocsUrl(symbol: string, lang: Lang): string {
  return `https://undocs.org/${lang}/${symbol.replace(/\s+/g, '')}`;
}

// ---- dates and record text ----

/** A record's date in words ("2020年3月30日" / "30 March 2020"); what is not a date is shown as it is. */
export function fmtDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '';
  return /^\d{4}-\d{2}-\d{2}/.test(date) ? dateInWords(date, lang) : date;
}

/** A moment in words ("2020年6月4日 14:05 UTC" / "4 June 2020, 14:05 UTC"); what is not a time as it is. */
export function fmtTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? timeInWords(iso, lang) : iso;
}

/** A date or moment in words inside <time datetime>, so machines read the ISO value. */
export function timeEl(v: View, iso: string | null | undefined): Html {
  if (!iso) return html``;
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return html`${iso}`;
  const words = /T/.test(iso) ? fmtTime(iso, v.lang) : fmtDate(iso, v.lang);
  return html`<time datetime="${iso}">${words}</time>`;
}

/**
 * Record text in the language it exists in: the interface language when the record has it, else the
 * other one, marked with its lang attribute so screen readers and fonts follow.
 */
export function recordText(v: View, zh: string | null | undefined, en: string | null | undefined): Html {
  const mine = v.lang === 'zh' ? zh : en;
  if (mine) return html`${mine}`;
  const other = v.lang === 'zh' ? en : zh;
  const otherLang: Lang = v.lang === 'zh' ? 'en' : 'zh';
  if (!other) return html``;
  return html`<span lang="${htmlLang(otherLang)}">${other}</span>`;
}

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{2,}/;

/**
 * Text the record holds in one language only, whatever the page's (a topic, a document or source title, a
 * name with its rank, an office without a Chinese name), marked with the language it is in: English is
 * text with Latin words and no Chinese character, Chinese text with Chinese characters and no Latin word.
 * Symbols and numbers alone are left unmarked.
 */
export function ownLang(v: View, text: string | null | undefined, tag: 'span' | 'strong' = 'span'): Html {
  if (!text) return html``;
  const lang: Lang | null =
    LATIN_WORD.test(text) && !HAN.test(text) ? 'en' : HAN.test(text) && !LATIN_WORD.test(text) ? 'zh' : null;
  if (lang === null || lang === v.lang)
    return tag === 'strong' ? html`<strong>${text}</strong>` : html`${text}`;
  return tag === 'strong'
    ? html`<strong lang="${htmlLang(lang)}">${text}</strong>`
    : html`<span lang="${htmlLang(lang)}">${text}</span>`;
}

/** The same choice as recordText, as plain text (for titles and captions). */
export function recordPlain(v: View, zh: string | null | undefined, en: string | null | undefined): string {
  return (v.lang === 'zh' ? (zh ?? en) : (en ?? zh)) ?? '';
}

export function langAttr(text: 'zh' | 'en' | string | null, v: View): Html {
  return text && text !== v.lang && (text === 'zh' || text === 'en')
    ? html` lang="${htmlLang(text)}"`
    : html``;
}

// ---- badges and names ----

export function formatBadge(v: View, format: Meeting['format']): Html {
  return html`<span class="badge badge-${format}">${v.t(`format.${format}` as LabelKey)}</span>`;
}

/**
 * A state's name; with a date, the name of the state holding that seat then (CHN is the Republic of China
 * to 25 October 1971), as exports and the API name it.
 */
export function stateName(iso3: string, lang: Lang, on?: string | null): string {
  return namesOn(iso3, on ?? null)?.[lang] ?? iso3;
}

export function stateLink(v: View, iso3: string, on?: string | null): Html {
  return html`<a href="${urls.state(iso3)}">${stateName(iso3, v.lang, on)}</a>`;
}

/**
 * A position in a list: its summary (in its own language, marked when not the page's), the states that took
 * it, then `more` (where it was said).
 */
export function positionLine(v: View, p: { lang: Lang; summary: string; states: string }, more: Html): Html {
  return html`<span${p.lang !== v.lang ? html` lang="${htmlLang(p.lang)}"` : html``}>${p.summary}</span><br>
<span class="small">${v.t('position.states')}: ${statesOf(v, p.states)}${more}</span>`;
}

/**
 * The positions section (`#positions-h`): a line a position, `more(p)` after its states (where it was said);
 * `empty` when there are none.
 */
export function positionsSection<P extends { id: string; lang: Lang; summary: string; states: string }>(
  v: View,
  positions: readonly P[],
  empty: string,
  more: (p: P) => Html,
): Html {
  return section(
    'positions',
    v.t('item.positions'),
    listOrEmpty(positions, empty, (p) => positionLine(v, p, more(p)), 'positions'),
  );
}

/** ` · ` and the link to the meeting (by its date) where a position was said, if the record knows it. */
export function atMeeting(v: View, m: Pick<Meeting, 'id' | 'date'> | undefined): Html {
  return m ? html` · ${meetingDateLink(v, m)}` : html``;
}

/** States in a position's JSON list, named and linked; a malformed list is shown as it is. */
export function statesOf(v: View, json: string): Html {
  let codes: unknown;
  try {
    codes = JSON.parse(json);
  } catch {
    return html`${json}`;
  }
  if (!Array.isArray(codes)) return html`${json}`;
  const sep = v.lang === 'zh' ? '、' : ', ';
  return join(
    codes.map((c) => stateLink(v, String(c))),
    sep,
  );
}

export function permanentMark(v: View, iso3: string): Html {
  return isPermanent(iso3) ? html` <abbr class="p5" title="${v.t('vote.permanent')}">P5</abbr>` : html``;
}

export function missionName(v: View, acronym: string): Html {
  const m = getMission(acronym);
  if (!m) return html`${acronym}`;
  return html`<abbr title="${v.lang === 'zh' ? m.zh : m.en}"
    >${v.lang === 'zh' ? (m.zhShort[0] ?? m.zh) : acronym}</abbr
  >`;
}

export function officeName(v: View, key: string): string {
  const o = getOffice(key);
  if (!o) return key;
  return v.lang === 'zh' ? (o.zh[0] ?? o.en) : o.en;
}

/** A participant's line: name, role as the record gives it (else its office and mission), organisation, state. */
export function participantLine(v: View, p: Participant): Html {
  const role =
    p.role_zh || p.role_en
      ? recordText(v, p.role_zh, p.role_en)
      : p.office
        ? html`${officeName(v, p.office)}`
        : html``;
  const parts: Html[] = [];
  if (p.name) parts.push(ownLang(v, p.name, 'strong'));
  if (role.value) parts.push(role);
  // The office is named only when the record's own wording of the role does not already say it.
  const roleText = (v.lang === 'zh' ? (p.role_zh ?? p.role_en) : (p.role_en ?? p.role_zh)) ?? '';
  if (p.office && roleText && !roleText.includes(officeName(v, p.office))) {
    parts.push(html`<span class="office">${ownLang(v, officeName(v, p.office))}</span>`);
  }
  const mission = p.mission ? getMission(p.mission) : undefined;
  const missionShown = mission
    ? v.lang === 'zh'
      ? (mission.zhShort[0] ?? mission.zh)
      : mission.acronym
    : p.mission;
  // When the record's wording of the role already names the mission, its full name is given instead.
  if (p.mission && mission && missionShown && roleText.includes(missionShown)) {
    parts.push(
      html`<span class="mission" lang="${htmlLang(v.lang)}"
        >${v.lang === 'zh' ? mission.zh : mission.en}</span
      >`,
    );
  } else if (p.mission) {
    parts.push(html`<span class="mission">${missionName(v, p.mission)}</span>`);
  }
  if (p.organisation) parts.push(html`<span class="org">${ownLang(v, p.organisation)}</span>`);
  if (p.state) parts.push(stateLink(v, p.state));
  if (parts.length === 0) parts.push(html`${v.t('participant.unnamed')}`);
  // Every appearance of the same briefer (office, and mission for mission posts) is on its own page.
  if (p.kind === 'briefer' && p.office && getOffice(p.office))
    parts.push(html`<a class="small" href="${urls.briefer(p.office, p.mission)}">${v.t('briefer.all')}</a>`);
  return join(parts, html`<span class="sep"> · </span>`);
}

export function tally(d: Decision): string {
  if (d.vote_for === null && d.vote_against === null && d.vote_abstaining === null) return '';
  return `${d.vote_for ?? '?'}-${d.vote_against ?? '?'}-${d.vote_abstaining ?? '?'}`;
}

/** A draft not adopted is never called adopted: its modality reads "put to the vote", not "adopted by a vote". */
export function isNotAdopted(d: Pick<Decision, 'kind' | 'adopted'>): boolean {
  return d.kind === 'draft_not_adopted' || d.adopted === 0;
}

export function modalityText(v: View, d: Pick<Decision, 'kind' | 'adopted' | 'modality'>): string {
  if (!d.modality) return '';
  return isNotAdopted(d)
    ? v.t(`modality.${d.modality}.notAdopted` as LabelKey)
    : v.t(`modality.${d.modality}`);
}

export function decisionLabel(v: View, d: Decision): string {
  const res = /^S\/RES\/(\d+) \((\d{4})\)$/.exec(d.symbol ?? '');
  if (res) return v.t('decision.resolutionNumber', { number: res[1]!, year: res[2]! });
  return d.symbol ?? d.draft_symbol ?? d.id;
}

export function decisionLink(v: View, d: Decision): Html {
  return html`<a href="${urls.decision(d.id)}">${decisionLabel(v, d)}</a>`;
}

export function meetingLink(v: View, m: Meeting): Html {
  return html`<a href="${urls.meeting(m.id)}">${m.record_symbol ?? fmtDate(m.date, v.lang)}</a>`;
}

/** A link to the meeting named by its date. */
export function meetingDateLink(v: View, m: Pick<Meeting, 'id' | 'date'>): Html {
  return html`<a href="${urls.meeting(m.id)}">${fmtDate(m.date, v.lang)}</a>`;
}

// ---- symbols inside text ----

export interface Known {
  meetings: Set<string>;
  decisions: Set<string>;
}

export function symbolHref(symbol: string, known: Known, lang: Lang): { href: string; external: boolean } {
  if (known.decisions.has(symbol)) return { href: urls.decision(symbol), external: false };
  if (known.meetings.has(symbol)) return { href: urls.meeting(symbol), external: false };
  return { href: undocsUrl(symbol, lang), external: true };
}

export function symbolLink(v: View, symbol: string, known: Known, text?: string): Html {
  const { href, external } = symbolHref(symbol, known, v.lang);
  return external
    ? html`<a class="ext" href="${href}" rel="external">${text ?? symbol}</a>`
    : html`<a href="${href}">${text ?? symbol}</a>`;
}

/** Symbols and resolution references found in a text, in order, without overlaps. */
export { scanSymbolSpans as symbolSpans } from '../../domain/symbols.ts';

/** Record text with each document symbol or resolution reference linked to the record or to the UN's copy. */
export function linkify(v: View, text: string, known: Known): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const s of scanSymbolSpans(text)) {
    parts.push(html`${text.slice(at, s.start)}`);
    parts.push(symbolLink(v, s.symbol, known, text.slice(s.start, s.end)));
    at = s.end;
  }
  parts.push(html`${text.slice(at)}`);
  return join(parts);
}

// ---- provenance and conflicts ----

/** A kind of source (dhl_table, verbatim_record …) in the reader's language; an unknown kind as code. */
export function sourceKindText(v: View, kind: string): Html {
  const key = `sourceKind.${kind}`;
  return isLabelKey(key) ? html`${v.t(key)}` : html`<code>${kind}</code>`;
}

export function provenanceList(
  v: View,
  rows: EntitySourceRef[],
  entity?: { type: string; id: string },
): Html {
  const mine = entity ? rows.filter((r) => r.entityType === entity.type && r.entityId === entity.id) : rows;
  if (mine.length === 0) return html`<span class="prov none">${v.t('prov.none')}</span>`;
  return html`<span class="prov"
    >${v.t('prov.from')}:
    ${join(
      mine.map(
        (r) =>
          // A source id is an identifier, shown as code in either language.
          html`<a href="${urls.source(r.sourceId)}" ${r.title ? html`title="${r.title}"` : html``}
              ><code>${r.sourceId}</code></a
            >
            (${r.locator})`,
      ),
      '; ',
    )}</span
  >`;
}

export function conflictTable(v: View, conflicts: ConflictRef[]): Html {
  if (conflicts.length === 0) return html``;
  return section(
    'conflicts',
    v.t('conflict.heading'),
    html`<p>${v.t('conflict.explain')}</p>
      ${table({
        scroll: false,
        rows: conflicts,
        columns: [
          { head: v.t('conflict.field'), cell: (c) => c.field },
          { head: v.t('conflict.value'), cell: (c) => c.value },
          {
            head: v.t('prov.source'),
            cell: (c) => html`<a href="${urls.source(c.sourceId)}">${c.sourceId}</a> (${c.locator})`,
          },
        ],
      })}`,
    'conflicts',
  );
}

export function notesOf(json: string | null): string[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(String) : [json];
  } catch {
    return [json];
  }
}

/** The years a list can show, the chosen one marked as the current page. */
export function yearNav(
  v: View,
  years: readonly number[],
  chosen: number | undefined,
  href: (year: number) => string,
): Html {
  return html`<nav aria-label="${v.t('common.year')}">
    <ul class="inline">
      ${years.map((y) =>
        y === chosen
          ? html`<li><span aria-current="page">${y}</span></li>`
          : html`<li><a href="${href(y)}">${y}</a></li>`,
      )}
    </ul>
  </nav>`;
}
