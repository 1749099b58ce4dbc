/**
 * Stage 3 — collect footnotes. Reads: footnote blocks (anywhere in the text, in any order, between the
 * halves of a cut sentence). Writes: footnote bodies by number, in numeric order, and findings for
 * duplicated numbers and gaps in the numbering.
 */
import { LEXICON } from './lexicon.ts';
import type { Block, Finding, FootnoteBody, Lang } from './types.ts';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** "⁶³⁹" or "639" → 639. */
export function markerNumber(marker: string): number {
  let digits = '';
  for (const c of marker) {
    const superscript = SUPERSCRIPT.indexOf(c);
    digits += superscript >= 0 ? superscript : c;
  }
  return Number(digits);
}

export function collectFootnotes(blocks: Block[], lang: Lang, findings: Finding[]): FootnoteBody[] {
  const lex = LEXICON[lang];
  const bodies: FootnoteBody[] = [];
  for (const b of blocks) {
    if (b.kind !== 'footnote') continue;
    let cur: FootnoteBody | null = null;
    b.lines.forEach((line, i) => {
      const m = lex.footnoteStart.exec(line);
      if (m) {
        cur = { number: markerNumber(m[1]!), text: m[2]!.trim(), line: b.line + i };
        bodies.push(cur);
      } else if (cur) {
        // A footnote body that wraps onto a second line.
        cur.text += lex.joiner + line.trim();
      }
    });
  }
  const byNumber = new Map<number, FootnoteBody>();
  for (const f of bodies) {
    const prev = byNumber.get(f.number);
    if (prev) {
      findings.push({
        severity: 'error',
        code: 'footnote-duplicate',
        params: { footnote: f.number, first: prev.line, second: f.line },
        message: `footnote ${f.number} has two bodies (lines ${prev.line} and ${f.line}); the first is kept`,
        where: `line ${f.line}`,
      });
      continue;
    }
    byNumber.set(f.number, f);
  }
  const sorted = [...byNumber.values()].sort((a, b) => a.number - b.number);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!.number;
    const b = sorted[i]!.number;
    if (b - a > 1) {
      findings.push({
        severity: 'error',
        code: 'footnote-missing',
        params: { from: a, to: b, missing: a + 1 === b - 1 ? a + 1 : `${a + 1}–${b - 1}` },
        message: `footnote numbering jumps from ${a} to ${b}: no body for ${a + 1 === b - 1 ? a + 1 : `${a + 1}–${b - 1}`}`,
        where: `line ${sorted[i]!.line}`,
      });
    }
  }
  return sorted;
}
