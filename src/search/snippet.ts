/**
 * Highlighted snippets: the window of a document's text holding the most query matches, HTML-escaped,
 * with each match in <mark>. Cut from the stored text with the tokeniser's offsets, so the marks fall on
 * what the user sees (维和 inside 维和人员, 中国 for "China", 第2518(2020)号决议 for S/RES/2518 (2020)).
 */
import type { Lang } from '../domain/vocabulary.ts';
import { tokenise } from './tokenise.ts';

const WINDOW = { zh: 90, en: 220 } as const;

// By character code rather than lib/escape.ts's named entities: the API has always returned snippets so,
// and clients compare them.
function escapeByCode(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Span {
  start: number;
  end: number;
}

/** Where the alternatives occur: single terms in either stream, phrases as consecutive words. */
function matches(body: string, alternatives: string[][]): Span[] {
  // Symbols are only looked for when the query has one (they hold a slash, which no word does), names when
  // it has an entity term; sub-words only when it has a Chinese word.
  const flat = alternatives.flat();
  const han = flat.filter((t) => /\p{Script=Han}/u.test(t));
  const symbols = flat.some((t) => t.includes('/'));
  const names = flat.some((t) => /^(state|mission|office):/.test(t));
  const { words, extra } = tokenise(body, {
    entities: symbols && names ? true : symbols ? 'symbols' : names ? 'names' : false,
    subWords: han.length > 0,
    // A Han run holds a query word (or sub-word) only if its text does: the others need no cutting.
    hanRuns: (run) => han.some((t) => run.includes(t)),
  });
  const singles = new Set(alternatives.filter((a) => a.length === 1).map((a) => a[0]!));
  const phrases = alternatives.filter((a) => a.length > 1);
  const out: Span[] = [];
  for (const t of [...words, ...extra]) if (singles.has(t.term) && t.end > t.start) out.push(t);
  for (const p of phrases) {
    outer: for (let i = 0; i + p.length <= words.length; i++) {
      for (let j = 0; j < p.length; j++) if (words[i + j]!.term !== p[j]) continue outer;
      out.push({ start: words[i]!.start, end: words[i + p.length - 1]!.end });
    }
  }
  return out;
}

export function snippet(body: string, alternatives: string[][], lang: Lang): string {
  const hits = matches(body, alternatives).sort((a, b) => a.start - b.start || b.end - a.end);
  // Merge overlapping spans (a word and the sub-word inside it).
  const spans: Span[] = [];
  for (const h of hits) {
    const last = spans[spans.length - 1];
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else spans.push({ start: h.start, end: h.end });
  }
  const width = WINDOW[lang];
  let from = 0;
  if (body.length > width && spans.length > 0) {
    // Start a little before the span whose window holds the most spans.
    let bestCount = -1;
    for (const s of spans) {
      const start = Math.max(0, s.start - Math.floor(width / 6));
      const count = spans.filter((x) => x.start >= start && x.end <= start + width).length;
      if (count > bestCount) {
        from = start;
        bestCount = count;
      }
    }
  }
  const to = Math.min(body.length, from + width);
  if (to - from < width) from = Math.max(0, to - width);
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    out += `${escapeByCode(body.slice(at, start))}<mark>${escapeByCode(body.slice(start, end))}</mark>`;
    at = end;
  }
  out += escapeByCode(body.slice(at, to)) + (to < body.length ? '…' : '');
  return out.replace(/\s+/g, ' ').trim();
}
