/**
 * Stage 2 — split blocks. Reads: normalised lines. Writes: blocks (runs of non-blank lines) classified
 * as the category heading ("专题问题"), the item heading ("23. 联合国维持和平行动"), narrative text,
 * footnote bodies, a table title, the table (tab-separated lines) and the lettered notes under it.
 */
import { LEXICON } from './lexicon.ts';
import type { Block, Lang } from './types.ts';

export function splitBlocks(lines: string[], lang: Lang): Block[] {
  const lex = LEXICON[lang];
  const runs: { line: number; lines: string[] }[] = [];
  let cur: { line: number; lines: string[] } | null = null;
  lines.forEach((l, i) => {
    // A line of tabs alone is an empty line of a table (layout.ts): it keeps the table one block.
    if (l.trim() === '' && !l.includes('\t')) {
      cur = null;
      return;
    }
    if (!cur) {
      cur = { line: i + 1, lines: [] };
      runs.push(cur);
    }
    cur.lines.push(l);
  });

  // A table's title set right above its header, with no blank line between (PDF text), is a run of its own.
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (run.lines.length > 1 && !run.lines[0]!.includes('\t') && run.lines[1]!.includes('\t')) {
      if (lex.tableTitle.test(run.lines[0]!)) {
        runs.splice(i + 1, 0, { line: run.line + 1, lines: run.lines.slice(1) });
        run.lines = run.lines.slice(0, 1);
      }
    }
  }

  const blocks: Block[] = [];
  let seenItem = false;
  let afterTable = false;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const first = run.lines[0]!;
    const next = runs[i + 1];
    const isTable = run.lines.some((l) => l.includes('\t'));
    let kind: Block['kind'];
    if (isTable) {
      kind = 'table';
      afterTable = true;
    } else if (afterTable && lex.tableNote.test(first)) kind = 'table-note';
    else if (
      next &&
      next.lines.some((l) => l.includes('\t')) &&
      run.lines.length === 1 &&
      lex.tableTitle.test(first)
    )
      kind = 'table-title';
    else if (!seenItem && lex.categories.some((c) => c.re.test(first.trim()))) kind = 'category';
    else if (
      !seenItem &&
      lex.itemHeading.test(first) &&
      run.lines.length === 1 &&
      first.length < 200 &&
      !SENTENCE_END.test(first)
    ) {
      kind = 'item';
      seenItem = true;
    } else if (isFootnoteBlock(run.lines, lang)) kind = 'footnote';
    else kind = 'text';
    blocks.push({ kind, line: run.line, lines: run.lines });
  }
  return blocks;
}

// A heading is a title, never a sentence: a numbered line ending as a sentence or a clause does is an
// operative paragraph of a resolution ("1. 促请所有各方…；", "1. Calls upon all parties …;").
const SENTENCE_END = /[。；;.:：，,]\s*$/;

const MONTH_START =
  /^\d{1,2}\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b/;

function isFootnoteBlock(lines: string[], lang: Lang): boolean {
  const m = LEXICON[lang].footnoteStart.exec(lines[0]!);
  if (!m) return false;
  // In English the footnote number is plain digits: a line opening with "30 March" is a date, not a note.
  if (lang === 'en' && MONTH_START.test(lines[0]!)) return false;
  return true;
}
