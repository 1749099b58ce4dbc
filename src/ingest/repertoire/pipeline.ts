/**
 * The Repertoire pipeline: one function that runs the stages in order on the text of one section.
 *   page layout → normalise → split blocks → collect footnotes → rejoin paragraphs → attach markers → parse citations
 *   → parse the table → recognise entities → assemble the section → cross-check
 * Each stage is its own module (its header says what it reads and writes); every problem is a finding,
 * so a section is always returned — only unusable input (input.ts) is refused.
 */
import { splitBlocks } from './blocks.ts';
import { assembleMeetings, assembleSection, readItem } from './assemble.ts';
import { parseCitations } from './citations.ts';
import { crossCheck } from './crosscheck.ts';
import { collectFootnotes } from './footnotes.ts';
import { LEXICON } from './lexicon.ts';
import { attachMarkers } from './markers.ts';
import { readLayout } from './layout.ts';
import { normalise } from './normalise.ts';
import { rejoinParagraphs } from './paragraphs.ts';
import { recognise } from './recognise.ts';
import { parseTables } from './table.ts';
import type { Finding, Lang, Section, Table } from './types.ts';

export interface ExtractOptions {
  lang: Lang;
  /** The Repertoire year; inferred from the table's dates (then the narrative) when absent. */
  year?: number;
}

/** Every stage's output, in order; extractSection returns the last. Tests compare each to a golden file. */
export function runPipeline(raw: string, options: ExtractOptions) {
  const { lang } = options;
  const findings: Finding[] = [];
  const layout = readLayout(raw, lang);
  const lines = normalise(layout.text, lang);
  const blocks = splitBlocks(lines, lang);
  const bodies = collectFootnotes(blocks, lang, findings);
  const rawParagraphs = rejoinParagraphs(blocks, lang, findings);
  const { paragraphs, placement } = attachMarkers(rawParagraphs, bodies, lang, findings);
  const footnotes = parseCitations(bodies, placement, lang, findings);
  const tables = parseTables(blocks, lang, findings, options.year);
  const year =
    options.year ??
    inferYear(
      tables,
      rawParagraphs.map((p) => p.text),
      lang,
      findings,
    );
  if (
    options.year &&
    tables.some((t) => t.rows.some((r) => r.date && !r.date.startsWith(String(options.year))))
  ) {
    findings.push({
      severity: 'warning',
      code: 'year-mismatch',
      params: { year: options.year! },
      message: `--year ${options.year} was given but the table has dates in other years`,
      where: 'table',
    });
  }
  const item = readItem(blocks, lang, findings);
  const recognised = recognise(paragraphs, footnotes, lang, year);
  const meetings = assembleMeetings(tables, recognised, lang);
  crossCheck(meetings, recognised, findings);
  const section = assembleSection(item, year, lang, paragraphs, footnotes, meetings, recognised, findings);
  // Text from a PDF's pages: what was dropped and how the tables were laid out, shown with the section.
  if (layout.dropped.length > 0 || layout.tables.length > 0)
    section.layout = { dropped: layout.dropped, tables: layout.tables };
  return {
    layout,
    lines,
    blocks,
    bodies,
    rawParagraphs,
    paragraphs,
    footnotes,
    tables,
    recognised,
    meetings,
    section,
  };
}

export function extractSection(raw: string, options: ExtractOptions): Section {
  return runPipeline(raw, options).section;
}

function inferYear(tables: Table[], texts: string[], lang: Lang, findings: Finding[]): number {
  const counts = new Map<number, number>();
  for (const t of tables)
    for (const r of t.rows)
      if (r.date) counts.set(Number(r.date.slice(0, 4)), (counts.get(Number(r.date.slice(0, 4))) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0];
  for (const t of texts) {
    const m = LEXICON[lang].yearOpening.exec(t) ?? /(\d{4})\s*年|\b(?:in|In) (\d{4})\b/.exec(t);
    if (m) return Number(m[1] ?? m[2]);
  }
  findings.push({
    severity: 'error',
    code: 'year-unknown',
    params: {},
    message: 'the year could not be inferred from the table or the text; pass --year',
    where: 'section',
  });
  return 0;
}

export { readTextFile, resolveLang, InputError } from './input.ts';
