import { escapeMarkdown } from '../lib/escape.ts';
import { decisionCell } from './render-text.ts';
import { formalMiddleCells, type PublishedSection } from './section.ts';

/** The section as Markdown: footnotes as [^n] references, the table as a pipe table with lettered notes. */
export function renderMarkdown(s: PublishedSection): string {
  const out: string[] = [escapeMarkdown(s.categoryHeading), `## ${escapeMarkdown(s.heading)}`];
  for (const n of s.notices) out.push(`> ${escapeMarkdown(n)}`);
  for (const p of s.paragraphs) {
    out.push(
      p.segments.map((seg) => ('footnote' in seg ? `[^${seg.footnote}]` : escapeMarkdown(seg.text))).join(''),
    );
  }
  for (const t of s.tables) {
    out.push(`### ${escapeMarkdown(t.title)}`);
    const lines = [
      `| ${t.columns.map(escapeMarkdown).join(' | ')} |`,
      `|${t.columns.map(() => ' --- |').join('')}`,
    ];
    for (const r of t.rows) {
      const notes = r.notes.map((l) => `<sup>${l}</sup>`).join('');
      const cells = r.formal
        ? [
            `${escapeMarkdown(r.formal.record)}${notes}`,
            ...formalMiddleCells(r).map((c) => c.map(escapeMarkdown).join('<br>')),
            escapeMarkdown(decisionCell(r)),
          ]
        : [
            `${escapeMarkdown(r.dateLabel)}${notes}`,
            escapeMarkdown(r.record ?? ''),
            escapeMarkdown(r.title?.text ?? ''),
            escapeMarkdown(decisionCell(r)),
          ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    out.push(lines.join('\n'));
    if (t.notes.length > 0)
      out.push(t.notes.map((n) => `<sup>${n.letter}</sup> ${escapeMarkdown(n.text)}`).join('\\\n'));
  }
  if (s.footnotes.length > 0)
    out.push(s.footnotes.map((f) => `[^${f.number}]: ${escapeMarkdown(f.text)}`).join('\n'));
  return `${out.join('\n\n')}\n`;
}
