/**
 * Stage 4 — rejoin paragraphs across page breaks. Reads: text blocks in document order (footnote blocks
 * and headings between them are skipped). Writes: paragraphs, where a block that does not end a
 * sentence (its last character, footnote markers aside, is not 。/./…) is continued by the next text
 * block: "确保提供适" + "足的医疗设施…" → one paragraph. A block that ends a sentence is a real
 * paragraph end and is never joined.
 */
import { LEXICON } from './lexicon.ts';
import type { Block, Finding, Lang, RawParagraph } from './types.ts';

export function rejoinParagraphs(blocks: Block[], lang: Lang, findings: Finding[]): RawParagraph[] {
  const lex = LEXICON[lang];
  const out: RawParagraph[] = [];
  let open: RawParagraph | null = null;
  for (const b of blocks) {
    if (b.kind === 'footnote' || b.kind === 'category' || b.kind === 'item') continue;
    if (b.kind !== 'text') {
      // A table ends the narrative: whatever was left open stays as it is.
      if (open) unterminated(open, findings);
      open = null;
      continue;
    }
    const text = b.lines.map((l) => l.trim()).join(lex.joiner);
    const lines = b.lines.map((_, i) => b.line + i);
    if (open) {
      open.text = glue(open.text, text, lang);
      open.lines.push(...lines);
    } else {
      open = { text, lines };
      out.push(open);
    }
    if (endsSentence(open.text, lang)) open = null;
  }
  if (open) unterminated(open, findings);
  return out;
}

function unterminated(p: RawParagraph, findings: Finding[]): void {
  findings.push({
    severity: 'warning',
    code: 'paragraph-unterminated',
    message: `the paragraph starting at line ${p.lines[0]} does not end a sentence and nothing follows to continue it`,
    where: `line ${p.lines.at(-1)}`,
  });
}

export function endsSentence(text: string, lang: Lang): boolean {
  const bare = text.replace(LEXICON[lang].marker, '').trimEnd();
  return LEXICON[lang].sentenceEnd.test(bare);
}

function glue(a: string, b: string, lang: Lang): string {
  if (lang === 'zh') return a + b;
  // A word hyphenated at the line end ("peace-" + "keeping") keeps its hyphen: the UN writes "peacekeeping"
  // without one, but guessing would corrupt compounds such as "Under-Secretary-General".
  return a.endsWith('-') ? a + b : `${a} ${b}`;
}
