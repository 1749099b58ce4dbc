import { stringify } from 'csv-stringify/sync';
import type { PublishedSection } from './section.ts';

/** The section's layout as JSON: the same model the other renderers format. */
export function renderJson(s: PublishedSection): string {
  return `${JSON.stringify(
    {
      format: 'council-record/repertoire-section',
      version: 1,
      ...s,
      paragraphs: s.paragraphs.map((p) => ({
        ...p,
        text: p.segments.map((seg) => ('text' in seg ? seg.text : '')).join(''),
        footnotes: p.segments.flatMap((seg) => ('footnote' in seg ? [seg.footnote] : [])),
      })),
    },
    null,
    2,
  )}\n`;
}

export const SECTION_CSV_COLUMNS = [
  'table',
  'date',
  'notes',
  'record',
  'title',
  'decision',
  'for',
  'against',
  'abstaining',
  'written_procedure',
  'format',
  'meeting_id',
] as const;

/** The section's tables as CSV: one line per decision (or per meeting without one), notes spelled out. */
export function renderCsv(s: PublishedSection): string {
  const records: (string | number | null)[][] = [];
  for (const t of s.tables) {
    const noteText = new Map(t.notes.map((n) => [n.letter, n.text]));
    for (const r of t.rows) {
      const notes = r.notes.map((l) => `${l}: ${noteText.get(l) ?? ''}`).join(' | ');
      const base = [t.title, r.date, notes, r.record, r.title?.text ?? null];
      const tail = [r.format, r.meetingId];
      if (r.decisions.length === 0) records.push([...base, null, null, null, null, null, ...tail]);
      for (const d of r.decisions) {
        records.push([
          ...base,
          d.label,
          d.votes.for,
          d.votes.against,
          d.votes.abstaining,
          d.writtenProcedure,
          ...tail,
        ]);
      }
    }
  }
  return stringify(records, { header: true, columns: [...SECTION_CSV_COLUMNS], bom: false });
}
