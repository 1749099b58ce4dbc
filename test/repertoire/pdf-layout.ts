/**
 * The seed section laid out the way text extracted from a PDF differs from it, for tests that the same
 * facts come out: paragraphs wrapped into lines, pages with running heads and footers, page numbers and
 * form feeds, a paragraph cut by a page break, and the table's TABs turned into runs of spaces (the
 * `columns` layout of pdftotext -layout, long cells wrapped within their column) or one cell a line (the
 * `cells` layout of pdftotext's reading order), split over two pages with its header repeated and its
 * note on the last page. The words are the seed's own; only the layout is made here.
 */
export type PdfLayout = 'columns' | 'cells';

const FURNITURE = {
  zh: {
    head: ['第一部分. 安全理事会活动概览', '安全理事会惯例汇编'],
    foot: ['第二十三次补编(2020 年)', '预发本'],
  },
  en: {
    head: [
      'Part I – Overview of Security Council Activities in the Maintenance of International Peace and Security',
      'ADVANCE VERSION',
    ],
    foot: ['23rd Supplement (2020)', 'Repertoire of the Practice of the Security Council'],
  },
} as const;

const WIDTH = { zh: 38, en: 78 };
/** Lines of a page before a break is looked for. */
const PAGE_LINES = 18;

/** A line cut into lines of at most `width` characters (English at spaces), without changing its words. */
function wrap(line: string, width: number, lang: 'zh' | 'en'): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let cut = width;
    if (lang === 'en') {
      cut = rest.lastIndexOf(' ', width);
      // A line that would start with a number reads as a footnote: cut before the word ahead instead.
      while (cut > 0 && /^\d/.test(rest.slice(cut + 1))) cut = rest.lastIndexOf(' ', cut - 1);
      if (cut <= 0) break;
    } else {
      // Never before a footnote marker or a number (the line would read as a footnote), nor, as Chinese
      // typesetting never does, before a punctuation mark.
      // Nor inside a symbol or a number ("S/2019/988").
      const bad = (at: number) =>
        /^[\d⁰¹²³⁴⁵⁶⁷⁸⁹\s,，。；;:：、)）”’!?！？]/.test(rest.slice(at)) ||
        (/[\w/.(-]$/.test(rest.slice(0, at)) && /^[\w/.)-]/.test(rest.slice(at)));
      while (cut > 1 && bad(cut)) cut--;
    }
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

const isTableLine = (l: string) => l.includes('\t');
const ENDS_SENTENCE = /[。.；;:：!?！？]["”’)）]*$|[⁰¹²³⁴⁵⁶⁷⁸⁹]$|\.\d+$/;

function pageBreak(lang: 'zh' | 'en', page: number): string[] {
  const f = FURNITURE[lang];
  return ['', f.foot[0], `${page}`, f.foot[1], `\f${f.head[0]}`, f.head[1], ''];
}

/** The table's lines in the chosen layout, the header repeated after the third row over a page break. */
function table(rows: string[][], lang: 'zh' | 'en', layout: PdfLayout, page: () => number): string[] {
  const [header, ...body] = rows;
  const cellWidth = lang === 'zh' ? 24 : 40;
  const headingWidth = lang === 'zh' ? 10 : 24;
  const headerLines = (): string[][] => header!.map((h) => wrap(h, headingWidth, lang));
  // A formal meeting's first cell holds the record above the date ("S/PV.8702" / "13 January 2020").
  const cellLines = (row: string[]): string[][] =>
    row.map((c, k) => {
      const record = k === 0 ? /^(S\/PV\.\S+)\s+(.+)$/.exec(c) : null;
      return record ? [record[1]!, record[2]!] : wrap(c, cellWidth, lang);
    });
  if (layout === 'cells') {
    const out: string[] = [];
    const emit = (row: string[][]) => row.forEach((c) => c.forEach((l) => l && out.push(l)));
    emit(headerLines());
    body.forEach((row, r) => {
      if (r === 3) out.push(...pageBreak(lang, page()), ...headerLines().flat());
      emit(cellLines(row));
    });
    return out;
  }
  // Columns: each column as wide as its widest piece, two spaces or more between columns.
  const pieces = [headerLines(), ...body.map(cellLines)];
  const widths = header!.map(
    (_, k) => Math.max(...pieces.map((p) => Math.max(...p[k]!.map((l) => l.length)))) + 3,
  );
  const starts = widths.map((_, k) => widths.slice(0, k).reduce((a, b) => a + b, 0));
  const render = (cells: string[][]): string[] => {
    const height = Math.max(...cells.map((c) => c.length));
    const out: string[] = [];
    for (let h = 0; h < height; h++) {
      let line = '';
      cells.forEach((c, k) => {
        const piece = c[h] ?? '';
        if (!piece) return;
        line = line.padEnd(starts[k]!, ' ') + piece;
      });
      out.push(line);
    }
    return out;
  };
  const out: string[] = [...render(headerLines()), ''];
  body.forEach((row, r) => {
    if (r === 3) out.push(...pageBreak(lang, page()), ...render(headerLines()), '');
    out.push(...render(cellLines(row)), '');
  });
  out.pop();
  return out;
}

/** The seed (zh) or the English fixture as PDF text in the given table layout. */
export function asPdfText(seed: string, lang: 'zh' | 'en', layout: PdfLayout): string {
  const src = seed.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [`${FURNITURE[lang].head[0]}`, FURNITURE[lang].head[1], ''];
  let pageNo = 1;
  const page = () => ++pageNo;
  let sincePage = 0;
  let cutOne = false;
  for (let i = 0; i < src.length; i++) {
    const line = src[i]!;
    if (isTableLine(line)) {
      const rows: string[][] = [];
      while (i < src.length && isTableLine(src[i]!)) rows.push(src[i++]!.split('\t').map((c) => c.trim()));
      i--;
      out.push(...table(rows, lang, layout, page));
      continue;
    }
    const wrapped =
      /^[\d⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(line) || line.length < WIDTH[lang] ? [line] : wrap(line, WIDTH[lang], lang);
    for (let k = 0; k < wrapped.length; k++) {
      out.push(wrapped[k]!);
      sincePage++;
      // One page break cuts a paragraph between two of its lines; the others fall between paragraphs.
      const midParagraph =
        k < wrapped.length - 1 && !cutOne && wrapped.length > 3 && !ENDS_SENTENCE.test(wrapped[k]!);
      const betweenBlocks = k === wrapped.length - 1 && src[i + 1] === '' && !isTableLine(src[i + 2] ?? '');
      if (sincePage >= PAGE_LINES && (midParagraph || betweenBlocks)) {
        if (midParagraph) cutOne = true;
        out.push(...pageBreak(lang, page()));
        sincePage = 0;
      }
    }
  }
  // pdftotext ends every page, the last too, with a form feed.
  out.push('', FURNITURE[lang].foot[0], `${page()}`, FURNITURE[lang].foot[1], '\f');
  return out.join('\n');
}
