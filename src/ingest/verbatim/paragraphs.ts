/**
 * Stage 3, paragraphs: reads the body lines in reading order and writes paragraphs with the page each
 * starts on. A paragraph starts at an indented first line (unless the line above sits at the same
 * indent: a block such as a vote list) or after a vertical gap wider than the line spacing; a column or page that opens without indent continues the paragraph before it. Line ends are
 * rejoined: a soft hyphen is dropped, a printed hyphen kept ("head-on", "Timor-Leste": these records do
 * not hyphenate words), otherwise a space. Each paragraph keeps the text set at its start in a font other
 * than the body's: that is how a speaker's label ("Mr. Wu Haitao (China)") is printed.
 */
import type { Line, Paragraph } from './types.ts';

export function buildParagraphs(lines: Line[]): Paragraph[] {
  const bodyFont = dominantFont(lines);
  const left = [columnLeft(lines, 0), columnLeft(lines, 1)];
  const leading = typicalLeading(lines);
  const paragraphs: Paragraph[] = [];
  let open: { page: number; parts: string[]; label: string; labelOpen: boolean } | undefined;
  let prev: Line | undefined;
  const close = () => {
    if (open) paragraphs.push({ page: open.page, text: rejoin(open.parts), label: open.label.trim() });
    open = undefined;
  };
  for (const line of lines) {
    const indented = line.x > left[line.column]! + line.size * 0.6;
    const sameColumn = prev && prev.page === line.page && prev.column === line.column;
    const gap = sameColumn ? prev!.y - line.y : 0;
    // A block set wholly at an indent (a vote list under "In favour:") continues line after line.
    const sameBlock = sameColumn && Math.abs(prev!.x - line.x) < 1 && gap <= leading * 1.3;
    if (!open || (indented && !sameBlock) || gap > leading * 1.3) {
      close();
      open = { page: line.page, parts: [], label: '', labelOpen: true };
    }
    if (open.labelOpen) {
      for (const run of line.runs) {
        if (run.text.trim() === '') {
          if (open.label) open.label += ' ';
          continue;
        }
        if (run.font === bodyFont) {
          open.labelOpen = false;
          break;
        }
        open.label += run.text;
      }
    }
    open.parts.push(line.text);
    prev = line;
  }
  close();
  return paragraphs;
}

function rejoin(parts: string[]): string {
  let text = '';
  for (const part of parts) {
    if (!text) text = part;
    else if (text.endsWith('\u00ad')) text = text.slice(0, -1) + part;
    else if (/[A-Za-z\u00C0-\u024F]-$/.test(text)) text += part;
    else text += ` ${part}`;
  }
  return text.replace(/\u00ad/g, '');
}

/** The body's font: the one that sets the most characters. */
export function dominantFont(lines: Line[]): string {
  const chars = new Map<string, number>();
  for (const l of lines) for (const r of l.runs) chars.set(r.font, (chars.get(r.font) ?? 0) + r.text.length);
  return [...chars].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/** A column's left edge: the x most lines start at (indented first lines are fewer than the rest). */
function columnLeft(lines: Line[], column: 0 | 1): number {
  const counts = new Map<number, number>();
  for (const l of lines)
    if (l.column === column) counts.set(Math.round(l.x), (counts.get(Math.round(l.x)) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  if (!best) return 0;
  // The edge is the leftmost x seen often; the most frequent could be the indent on a short page.
  const often = [...counts].filter(([, n]) => n >= best[1] * 0.5).map(([x]) => x);
  return Math.min(...often);
}

/** The usual distance between two baselines of a paragraph. */
function typicalLeading(lines: Line[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page !== b.page || a.column !== b.column) continue;
    const d = Math.round((a.y - b.y) * 2) / 2;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
}
