import { scanSymbolSpans, scanSymbols } from '../domain/symbols.ts';
import { escapeHtml } from '../lib/escape.ts';
import type { Lang } from '../domain/vocabulary.ts';
import {
  formalMiddleCells,
  type PublishedFootnote,
  type PublishedSection,
  type PublishedTable,
  type Text,
} from './section.ts';

/** The element ids of a section's paragraphs and footnotes, which links from elsewhere point at. */
export interface SectionAnchors {
  paragraph(ordinal: number): string;
  footnote(f: Pick<PublishedFootnote, 'number' | 'sourceNumber'>): string;
  footnoteRef(f: Pick<PublishedFootnote, 'number' | 'sourceNumber'>): string;
}

export interface HtmlOptions {
  /** Where a document symbol links to; null for no link. Default: the document on undocs.org. */
  linkSymbol?: (symbol: string, lang: Lang) => string | null;
  /** Prefix of element ids, so two sections on one page do not clash. */
  idPrefix?: string;
  /** Ids of paragraphs and footnotes. Default: the prefix, then p3, fn646, fnref646 (published numbers). */
  anchors?: SectionAnchors;
  /**
   * The narrative only (notices, paragraphs, footnotes), for a page that shows the heading and the
   * tables itself; the page labels it.
   */
  narrativeOnly?: boolean;
  /** Also link resolutions named in words ("第2518(2020)号决议", "resolution 2518 (2020)"). */
  resolutionRefs?: boolean;
  /**
   * After a footnote, the documents it cites that its text does not name, so an "Ibid." (同上) footnote
   * links to what it refers to.
   */
  citedAfterFootnote?: boolean;
}

function defaultAnchors(prefix: string): SectionAnchors {
  return {
    paragraph: (ordinal) => `${prefix}p${ordinal}`,
    footnote: (f) => `${prefix}fn${f.number}`,
    footnoteRef: (f) => `${prefix}fnref${f.number}`,
  };
}

export function undocsLink(symbol: string, lang: Lang): string {
  return `https://undocs.org/${lang}/${encodeURI(symbol.replace(/\s+/g, ''))}`;
}

/** Escaped text with every UN document symbol in it made a link. */
function linked(text: string, lang: Lang, opts: HtmlOptions): string {
  const link = opts.linkSymbol ?? undocsLink;
  let out = '';
  let at = 0;
  for (const m of opts.resolutionRefs ? scanSymbolSpans(text) : scanSymbols(text)) {
    const href = link(m.symbol, lang);
    if (!href) continue;
    out += escapeHtml(text.slice(at, m.start));
    out += `<a href="${escapeHtml(href)}">${escapeHtml(text.slice(m.start, m.end))}</a>`;
    at = m.end;
  }
  return out + escapeHtml(text.slice(at));
}

function inLang(t: Text, pageLang: Lang, inner: string, tag = 'span'): string {
  return t.lang === pageLang ? inner : `<${tag} lang="${t.lang}">${inner}</${tag}>`;
}

function table(
  t: PublishedTable,
  s: PublishedSection,
  opts: HtmlOptions,
  prefix: string,
  index: number,
): string {
  const id = `${prefix}table-${index + 1}`;
  const head = t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = t.rows
    .map((r) => {
      const notes = r.notes
        .map(
          (l) =>
            `<sup><a href="#${id}-note-${l}" aria-label="${escapeHtml(noteLabel(s.lang, l))}">${l}</a></sup>`,
        )
        .join('');
      const date = `<time datetime="${r.date}">${escapeHtml(r.dateLabel)}</time>${notes}`;
      const record = r.record ? linked(r.record, s.lang, opts) : '';
      const title = r.title ? inLang(r.title, s.lang, escapeHtml(r.title.text)) : '';
      const link = opts.linkSymbol ?? undocsLink;
      const decision = r.decisions
        .map((d) => {
          const href = link(d.symbol, s.lang);
          const label = href
            ? `<a href="${escapeHtml(href)}">${escapeHtml(d.label)}</a>`
            : escapeHtml(d.label);
          const wp = d.writtenProcedure ? linked(d.writtenProcedure, s.lang, opts) : '';
          return [label, d.tally ? escapeHtml(d.tally) : '', wp].filter(Boolean).join(' ');
        })
        .join('<br>');
      const cells = r.formal
        ? [
            `${record} ${date}`,
            // Empty when the record holds no sub-item: the meeting's title is not one.
            r.formal.subItem ? escapeHtml(r.formal.subItem) : '',
            ...formalMiddleCells(r)
              .slice(1)
              .map((c) => c.map((x) => linked(x, s.lang, opts)).join('<br>')),
            decision,
          ]
        : [date, record, title, decision];
      return `<tr data-meeting="${escapeHtml(r.meetingId)}" data-format="${r.format}">${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const notes =
    t.notes.length === 0
      ? ''
      : `\n<ol class="table-notes">${t.notes
          .map(
            (n) =>
              `<li id="${id}-note-${n.letter}"><sup>${n.letter}</sup> ${inLang(n, s.lang, linked(n.text, n.lang, opts))}</li>`,
          )
          .join('')}</ol>`;
  return (
    `<figure class="repertoire-table" id="${id}">\n<table>\n<caption>${escapeHtml(t.title)}</caption>\n` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>${notes}\n</figure>`
  );
}

function noteLabel(lang: Lang, letter: string): string {
  return lang === 'zh' ? `注 ${letter}` : `note ${letter}`;
}

/**
 * The section as an HTML fragment (one <article>): footnote markers are superscript links to the
 * footnotes and back, symbols link to their documents, text held only in the other language carries
 * its own lang attribute.
 */
export function renderHtmlFragment(s: PublishedSection, opts: HtmlOptions = {}): string {
  const prefix = opts.idPrefix ?? `s${s.year}-${s.item.number ?? 'x'}-`;
  const ids = opts.anchors ?? defaultAnchors(prefix);
  const byNumber = new Map(s.footnotes.map((f) => [f.number, f]));
  const fnKey = (n: number) => byNumber.get(n) ?? { number: n, sourceNumber: n };
  const out: string[] = [];
  if (opts.narrativeOnly) {
    out.push(`<div class="repertoire-section" lang="${s.lang}">`);
  } else {
    out.push(`<article class="repertoire-section" lang="${s.lang}" aria-labelledby="${prefix}heading">`);
    out.push(`<p class="repertoire-category">${escapeHtml(s.categoryHeading)}</p>`);
    out.push(`<h2 id="${prefix}heading">${inLang(s.item.title, s.lang, escapeHtml(s.heading))}</h2>`);
  }
  for (const n of s.notices) out.push(`<p class="repertoire-notice" role="note">${escapeHtml(n)}</p>`);
  for (const p of s.paragraphs) {
    const body = p.segments
      .map((seg, i) =>
        'footnote' in seg
          ? `${i > 0 && 'footnote' in p.segments[i - 1]! ? '<sup class="fnsep">,</sup>' : ''}<sup class="fnref"><a href="#${ids.footnote(fnKey(seg.footnote))}" id="${ids.footnoteRef(fnKey(seg.footnote))}" aria-label="${s.lang === 'zh' ? '脚注' : 'Footnote'} ${seg.footnote}">${seg.footnote}</a></sup>`
          : escapeHtml(seg.text),
      )
      .join('');
    out.push(
      `<p id="${ids.paragraph(p.ordinal)}"${p.lang === s.lang ? '' : ` lang="${p.lang}"`}>${body}</p>`,
    );
  }
  if (!opts.narrativeOnly) s.tables.forEach((t, i) => out.push(table(t, s, opts, prefix, i)));
  if (s.footnotes.length > 0) {
    const label = s.lang === 'zh' ? '脚注' : 'Footnotes';
    const back = s.lang === 'zh' ? '返回正文' : 'Back to text';
    out.push(`<section class="repertoire-footnotes" aria-label="${label}">\n<ol>`);
    for (const f of s.footnotes) {
      const ref =
        f.paragraph === null
          ? ''
          : ` <a href="#${ids.footnoteRef(f)}" class="fnback" aria-label="${back}">↩</a>`;
      out.push(
        `<li id="${ids.footnote(f)}" value="${f.number}">${inLang(f, s.lang, linked(f.text, f.lang, opts))}${opts.citedAfterFootnote ? citedNotNamed(f, s.lang, opts) : ''}${ref}</li>`,
      );
    }
    out.push('</ol>\n</section>');
  }
  out.push(opts.narrativeOnly ? '</div>' : '</article>');
  return out.join('\n');
}

/** " (S/RES/2518 (2020))" after a footnote that cites it without naming it ("Ibid., para. 5."). */
function citedNotNamed(f: PublishedFootnote, lang: Lang, opts: HtmlOptions): string {
  const named = new Set(scanSymbolSpans(f.text).map((x) => x.symbol));
  const link = opts.linkSymbol ?? undocsLink;
  const cited = [...new Set(f.cites.map((c) => c.symbol))].filter((x) => !named.has(x));
  if (cited.length === 0) return '';
  const links = cited.map((x) => {
    const href = link(x, lang);
    return href ? `<a href="${escapeHtml(href)}">${escapeHtml(x)}</a>` : escapeHtml(x);
  });
  return ` <span class="cites">(${links.join(', ')})</span>`;
}

/** A standalone HTML document of the section, for download. */
export function renderHtmlDocument(s: PublishedSection, opts: HtmlOptions = {}): string {
  const title = `${s.year} ${s.heading}`;
  return `<!DOCTYPE html>
<html lang="${s.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","Noto Sans",sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#1a1a1a}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #666;padding:.3rem .5rem;vertical-align:top;text-align:left}
caption{font-weight:bold;text-align:left;padding:.5rem 0}.repertoire-footnotes{font-size:.9rem;border-top:1px solid #666;margin-top:2rem}
.repertoire-notice{background:#fff6d5;padding:.5rem;border-left:4px solid #8a6d00}a{color:#0645ad}
</style>
</head>
<body>
<main>
${renderHtmlFragment(s, opts)}
</main>
</body>
</html>
`;
}
