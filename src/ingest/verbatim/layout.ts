/**
 * Stage 2, the page layout: reads the text runs of the body pages (every page after the cover) and writes
 * their lines in reading order, left column then right column, page after page. Drops what is not the
 * record's text: the running head and foot (page number, symbol, date, job number) found by their place
 * in the top and bottom tenth of the page, and job numbers and bar codes ("20-00834 (E)", "*2000834*")
 * wherever they sit. A run belongs to the column its start lies in (the gutter is the page's middle); a
 * page whose runs cross the middle is set in one column and read as such.
 */
import type { Line, PdfPage, TextRun } from './types.ts';

/** Head and foot bands: UN records set body text between about 10% and 90% of the page height. */
const BAND = 0.1;
const JOB_NUMBER = /^\d{2}-\d{5}\s*\([A-Z]\)$/;
const BAR_CODE = /^\*\d{7,}\*$/;

export function bodyLines(pages: PdfPage[]): Line[] {
  const lines: Line[] = [];
  for (const page of pages.slice(1)) lines.push(...pageLines(page));
  return lines;
}

export function pageLines(page: PdfPage): Line[] {
  const top = page.height * (1 - BAND);
  const bottom = page.height * BAND;
  const gutter = page.width / 2;
  const body = page.runs.filter((r) => r.y <= top && r.y >= bottom);
  // Text of a two-column page never crosses the gutter; a few runs that do make a one-column page.
  const crossing = body.filter((r) => r.text.trim() && r.x < gutter - 2 && r.x + r.width > gutter + 2);
  const oneColumn = crossing.length >= 3;
  const columns: TextRun[][] = [[], []];
  for (const run of body) columns[oneColumn || run.x < gutter ? 0 : 1]!.push(run);
  const out: Line[] = [];
  for (const column of [0, 1] as const) {
    for (const line of groupLines(columns[column]!, page.number, column)) {
      if (JOB_NUMBER.test(line.text) || BAR_CODE.test(line.text)) continue;
      out.push(line);
    }
  }
  return out;
}

/** Runs on one baseline (a raised "st" or footnote mark within half the type size) make one line. */
export function groupLines(runs: TextRun[], page: number, column: 0 | 1): Line[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  let current: TextRun[] = [];
  let baseline = 0;
  const flush = () => {
    const visible = current.filter((r) => r.text.trim() !== '');
    if (visible.length > 0) lines.push(makeLine(current, page, column));
    current = [];
  };
  for (const run of sorted) {
    if (current.length > 0 && Math.abs(run.y - baseline) > Math.max(run.size, 1) * 0.45) flush();
    if (current.length === 0) baseline = run.y;
    current.push(run);
  }
  flush();
  return lines;
}

function makeLine(runs: TextRun[], page: number, column: 0 | 1): Line {
  const ordered = [...runs].sort((a, b) => a.x - b.x);
  const visible = ordered.filter((r) => r.text.trim() !== '');
  const first = visible[0]!;
  const sizes = visible.map((r) => r.size).sort((a, b) => a - b);
  return {
    page,
    column,
    x: first.x,
    y: first.y,
    size: sizes[Math.floor(sizes.length / 2)]!,
    runs: ordered,
    text: joinRuns(ordered),
  };
}

/** Runs joined left to right; a gap wider than a fifth of the type size is a space the PDF left out. */
export function joinRuns(runs: TextRun[]): string {
  let text = '';
  let end = -Infinity;
  for (const r of runs) {
    if (text && r.x - end > r.size * 0.2 && !/\s$/.test(text) && !/^\s/.test(r.text)) text += ' ';
    text += r.text;
    end = Math.max(end, r.x + r.width);
  }
  return text.replace(/\s+/g, ' ').trim();
}
