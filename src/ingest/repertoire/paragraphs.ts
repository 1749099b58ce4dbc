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
    params: { line: p.lines[0]! },
    message: `the paragraph starting at line ${p.lines[0]} does not end a sentence and nothing follows to continue it`,
    where: `line ${p.lines.at(-1)}`,
  });
}

export function endsSentence(text: string, lang: Lang): boolean {
  const { marker, sentenceEnd } = LEXICON[lang];
  // Markers and the sentence end are read within words (see the lexicon), so the last word, markers set
  // aside, decides; only when it is all markers does the text before it count. Paragraphs grow block by
  // block and are tested after each one, so the whole text would be read again and again.
  const start = lastWordStart(text);
  const lastWord = start > 0 ? text.slice(start).replace(marker, '').trimEnd() : '';
  if (lastWord !== '') return sentenceEnd.test(lastWord);
  return sentenceEnd.test(text.replace(marker, '').trimEnd());
}

/** Words longer than this are not looked for (Chinese is written without spaces): the whole text is read. */
const LONGEST_WORD = 32;

/** Where the last word of the text starts (after the last spacing before its end), or 0 if not found. */
function lastWordStart(text: string): number {
  const end = text.trimEnd().length;
  for (let i = end; i > 0 && end - i < LONGEST_WORD; i--) if (isSpace(text.charCodeAt(i - 1))) return i;
  return 0;
}

const SPACE = /\s/;
/** Whether each UTF-16 code unit is spacing (\s): 0 not yet known, 1 no, 2 yes. */
const spaceUnits = new Uint8Array(0x10000);

function isSpace(unit: number): boolean {
  if (spaceUnits[unit] === 0) spaceUnits[unit] = SPACE.test(String.fromCharCode(unit)) ? 2 : 1;
  return spaceUnits[unit] === 2;
}

function glue(a: string, b: string, lang: Lang): string {
  if (lang === 'zh') return a + b;
  // A word hyphenated at the line end ("peace-" + "keeping") keeps its hyphen: the UN writes "peacekeeping"
  // without one, but guessing would corrupt compounds such as "Under-Secretary-General".
  return a.endsWith('-') ? a + b : `${a} ${b}`;
}
