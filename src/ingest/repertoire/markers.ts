/**
 * Stage 5 — attach markers. Reads: rejoined paragraphs (markers in the text) and footnote bodies.
 * Writes: paragraphs without markers, each with the footnote numbers whose markers it holds and their
 * offsets; footnotes get the paragraph they belong to. Findings: a marker without a body, a body
 * without a marker, a marker used twice.
 */
import { allMatches } from '../../lib/matches.ts';
import { markerNumber } from './footnotes.ts';
import { LEXICON } from './lexicon.ts';
import type { Finding, FootnoteBody, Lang, Paragraph, RawParagraph } from './types.ts';

export function attachMarkers(
  raw: RawParagraph[],
  bodies: FootnoteBody[],
  lang: Lang,
  findings: Finding[],
): { paragraphs: Paragraph[]; placement: Map<number, { paragraph: number; offset: number }> } {
  const known = new Set(bodies.map((b) => b.number));
  const min = Math.min(...known);
  const max = Math.max(...known);
  const placement = new Map<number, { paragraph: number; offset: number }>();
  const paragraphs = raw.map((p, index) => {
    let text = '';
    let last = 0;
    const markers: Paragraph['markers'] = [];
    for (const m of allMatches(LEXICON[lang].marker, p.text)) {
      const plain = /^\d+$/.test(m[0]);
      const n = markerNumber(m[0]);
      // Plain digits are a marker only when they are a footnote's number (or fall in the run of numbers).
      if (plain && !(known.has(n) || (known.size > 0 && n > min - 3 && n < max + 3))) continue;
      text += p.text.slice(last, m.index);
      last = m.index + m[0].length;
      markers.push({ number: n, offset: text.length });
    }
    text += p.text.slice(last);
    // The space that followed a marker ("videoconference646 on") is doubled once the marker is gone.
    if (lang === 'en' && text.includes('  ')) text = text.replace(/ {2,}/g, ' ');
    for (const mk of markers) {
      if (placement.has(mk.number)) {
        findings.push({
          severity: 'error',
          code: 'marker-duplicate',
          params: { marker: mk.number, first: placement.get(mk.number)!.paragraph, second: index },
          message: `footnote marker ${mk.number} appears twice (paragraphs ${placement.get(mk.number)!.paragraph} and ${index})`,
          where: `paragraph ${index}`,
        });
        continue;
      }
      placement.set(mk.number, { paragraph: index, offset: mk.offset });
      if (!known.has(mk.number)) {
        findings.push({
          severity: 'error',
          code: 'marker-without-body',
          params: { paragraph: index, marker: mk.number },
          message: `paragraph ${index} has footnote marker ${mk.number} but there is no footnote ${mk.number}`,
          where: `paragraph ${index}`,
        });
      }
    }
    return {
      index,
      text: text.trim(),
      footnotes: markers.map((m) => m.number),
      markers,
      line: p.lines[0]!,
    };
  });
  for (const b of bodies) {
    if (!placement.has(b.number)) {
      findings.push({
        severity: 'error',
        code: 'body-without-marker',
        params: { footnote: b.number, line: b.line },
        message: `footnote ${b.number} (line ${b.line}) has no marker in any paragraph`,
        where: `footnote ${b.number}`,
      });
    }
  }
  return { paragraphs, placement };
}
