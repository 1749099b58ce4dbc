import type { PublishedSection, PublishedTable } from './section.ts';
import { formalMiddleCells, superscript } from './section.ts';

/**
 * The section as plain text in the Repertoire's printed layout (what text extraction of its PDF gives):
 * footnote markers as superscript digits in Chinese and as plain digits in English, footnote bodies
 * after the narrative, then the table with tab-separated columns and its lettered notes.
 */
export function renderText(s: PublishedSection): string {
  const marker = (n: number) => (s.lang === 'zh' ? superscript(n) : String(n));
  const noteMark = (letter: string) => ` ^${letter}`;
  const blocks: string[] = [s.categoryHeading, s.heading];
  for (const p of s.paragraphs) {
    // Two markers side by side (offsets unknown) get a space between them, or they would read as one number.
    blocks.push(
      p.segments
        .map((seg, i) =>
          'footnote' in seg
            ? `${i > 0 && 'footnote' in p.segments[i - 1]! ? ' ' : ''}${marker(seg.footnote)}`
            : seg.text,
        )
        .join(''),
    );
  }
  for (const f of s.footnotes) blocks.push(`${marker(f.number)} ${f.text}`);
  for (const t of s.tables) blocks.push(...tableBlocks(t, noteMark));
  return `${blocks.join('\n\n')}\n`;
}

export function decisionCell(row: PublishedTable['rows'][number]): string {
  return row.decisions
    .map((d) => [d.label, d.tally, d.writtenProcedure].filter((x): x is string => Boolean(x)).join(' '))
    .join(' ');
}

function tableBlocks(t: PublishedTable, noteMark: (l: string) => string): string[] {
  const lines = [t.columns.join('\t')];
  for (const r of t.rows) {
    const notes = r.notes.map(noteMark).join('');
    lines.push(
      (r.formal
        ? [`${r.formal.record}${notes}`, ...formalMiddleCells(r).map((c) => c.join('; ')), decisionCell(r)]
        : [`${r.dateLabel}${notes}`, r.record ?? '', r.title?.text ?? '', decisionCell(r)]
      ).join('\t'),
    );
  }
  return [t.title, lines.join('\n'), ...t.notes.map((n) => `^${n.letter} ${n.text}`)];
}
