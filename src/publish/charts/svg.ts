import { escapeHtml } from '../../lib/escape.ts';
import type { Lang } from '../../domain/vocabulary.ts';

/**
 * Accessible SVG charts: each is an <svg role="img"> with a <title> and a <desc> that states what it
 * shows in words, and each comes with the same numbers as an HTML table, so nothing is only visual.
 */
export interface Chart<D = unknown> {
  id: string;
  lang: Lang;
  title: string;
  description: string;
  svg: string;
  table: string;
  data: D;
  /** What the figure rests on (coverage of its data), shown in the figure beside the chart. */
  note?: string;
  /** Said plainly when the data cannot support a conclusion. */
  warning?: string;
}

/** Colours distinguishable in greyscale and by common colour-vision deficiencies (Okabe–Ito), dark enough on white. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

// One formatter per language: toLocaleString builds a new one on every call, which a chart of every year
// since 1946 (a thousand numbers) pays for on each page view.
const NUMBER_FORMATS: Record<Lang, Intl.NumberFormat> = {
  zh: new Intl.NumberFormat('zh-CN'),
  en: new Intl.NumberFormat('en-GB'),
};

export function fmt(n: number, lang: Lang): string {
  return NUMBER_FORMATS[lang].format(n);
}

export function svgDocument(
  id: string,
  width: number,
  height: number,
  title: string,
  description: string,
  body: string,
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `aria-labelledby="${id}-title ${id}-desc" style="max-width:100%;height:auto;font-family:system-ui,sans-serif">` +
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>` +
    `${body}</svg>`
  );
}

/**
 * An upper estimate of a label's width in px (no font metrics on the server): CJK characters take a full
 * em, other characters at most about 0.62 em in the sans-serif faces the pages use.
 */
export function textWidth(content: string, fontSize: number): number {
  let em = 0;
  for (const ch of content) em += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.62;
  return em * fontSize;
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}"${attrs ? ` ${attrs}` : ''}>${escapeHtml(content)}</text>`;
}

/** A "nice" axis maximum and step for counts. */
export function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 5;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= rough) ?? 10 * mag;
  return { top: Math.ceil(max / step) * step, step };
}

/** An HTML table of the numbers behind a chart; first column is the row header. */
export function dataTable(
  id: string,
  caption: string,
  columns: string[],
  rows: (string | number)[][],
  lang: Lang,
): string {
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((cell, i) =>
            i === 0
              ? `<th scope="row">${escapeHtml(String(cell))}</th>`
              : `<td>${typeof cell === 'number' ? fmt(cell, lang) : escapeHtml(cell)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  // In a scrolling box: a chart's table has a column per series, wider than a phone.
  return `<div class="scroll"><table class="chart-data" id="${id}-data"><caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

/** The chart and its table side by side in a <figure>, as the pages embed it. */
export function chartFigure(c: Chart): string {
  return (
    `<figure class="chart" id="${c.id}" aria-labelledby="${c.id}-caption">\n` +
    `<figcaption id="${c.id}-caption">${escapeHtml(c.title)}</figcaption>\n` +
    (c.note ? `<p class="chart-note">${escapeHtml(c.note)}</p>\n` : '') +
    (c.warning ? `<p class="chart-warning" role="note">${escapeHtml(c.warning)}</p>\n` : '') +
    `${c.svg}\n${c.table}\n</figure>`
  );
}
