/**
 * Stage 6 — parse citations. Reads: footnote bodies in number order and where their markers are.
 * Writes: footnotes with the documents they cite (resolutions with paragraph numbers, document
 * symbols, letter dates), "同上"/"Ibid." resolved to the citation of the footnote with the next lower
 * NUMBER (never the one printed just before it: bodies come out of order), and the states a footnote
 * lists, as ISO3 codes. Findings: an "ibid." with nothing to point to, a list with an unknown state name.
 */
import { parseStateList, scanStates } from '../../domain/states.ts';
import { scanSymbols } from '../../domain/symbols.ts';
import { scanDateMentions } from '../entities/dates.ts';
import { leadingParagraphs, scanResolutionMentions } from '../entities/resolutions.ts';
import { LEXICON } from './lexicon.ts';
import type { Citation, Finding, Footnote, FootnoteBody, Lang } from './types.ts';

export function parseCitations(
  bodies: FootnoteBody[],
  placement: Map<number, { paragraph: number; offset: number }>,
  lang: Lang,
  findings: Finding[],
): Footnote[] {
  const lex = LEXICON[lang];
  const out: Footnote[] = [];
  // An ibid. that points to an unresolved ibid. is the same problem: reported once, at its root.
  const unresolved = new Set<number>();
  for (const body of bodies) {
    const cites: Citation[] = [];
    let rest = body.text;
    const ibid = lex.ibid.exec(rest);
    if (ibid) {
      rest = rest.slice(ibid[0].length);
      const paras = leadingParagraphs(rest, lang);
      if (paras) rest = rest.slice(paras.length);
      const prev = out.at(-1);
      const target = prev?.cites.at(-1);
      if (!prev || !target) {
        unresolved.add(body.number);
        if (!prev || !unresolved.has(prev.number))
          findings.push({
            severity: 'error',
            code: 'ibid-unresolved',
            message: prev
              ? `footnote ${body.number} says "${ibid[0].trim()}" but footnote ${prev.number} cites no document`
              : `footnote ${body.number} says "${ibid[0].trim()}" but it is the first footnote`,
            where: `footnote ${body.number}`,
          });
      } else {
        const cite: Citation = { symbol: target.symbol, ibidOf: prev.number };
        const paragraphs = paras?.paragraphs ?? target.paragraphs;
        if (paragraphs) cite.paragraphs = paragraphs;
        cites.push(cite);
      }
    }
    for (const c of documentCitations(rest, lang)) {
      if (!cites.some((x) => x.symbol === c.symbol)) cites.push(c);
    }
    const place = placement.get(body.number);
    out.push({
      number: body.number,
      text: body.text,
      paragraph: place?.paragraph ?? null,
      offset: place?.offset ?? null,
      cites,
      states: footnoteStates(body, lang, findings),
      line: body.line,
    });
  }
  return out;
}

/** Resolutions (with their paragraphs) and other symbols cited in a footnote, in order. */
export function documentCitations(text: string, lang: Lang): Citation[] {
  const found: (Citation & { start: number; end: number })[] = [];
  for (const r of scanResolutionMentions(text, lang, true)) {
    found.push({
      symbol: r.symbol,
      ...(r.paragraphs.length ? { paragraphs: r.paragraphs } : {}),
      start: r.start,
      end: r.end,
    });
  }
  const dates = scanDateMentions(text, lang, { folded: true });
  for (const s of scanSymbols(text)) {
    if (found.some((f) => s.start < f.end && f.start < s.end)) continue;
    const c: Citation & { start: number; end: number } = { symbol: s.symbol, start: s.start, end: s.end };
    // "2020年6月26日的信(S/2020/604)" / "letter dated 26 June 2020 (S/2020/604)": the letter's date.
    const d = dates.filter((x) => x.end <= s.start && s.start - x.end <= 12).at(-1);
    if (d) c.date = d.date;
    const paras = leadingParagraphs(text.slice(s.end), lang);
    if (paras) c.paragraphs = paras.paragraphs;
    found.push(c);
  }
  return found.sort((a, b) => a.start - b.start).map(({ start: _s, end: _e, ...c }) => c);
}

const LIST_SHAPE: Record<Lang, RegExp> = {
  zh: /^[^\d，,。；：:“”《》()（）]+[。.]?$/,
  en: /^[A-Z][^\d;:“”"()]+\.?$/,
};

/** Letters left once citations and their paragraph numbers are taken out: "见。" has none worth a state scan. */
function freeText(text: string, lang: Lang): string {
  const spans = [...scanResolutionMentions(text, lang, true), ...scanSymbols(text)].sort(
    (a, b) => a.start - b.start,
  );
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start >= at) out += text.slice(at, s.start);
    at = Math.max(at, s.end);
  }
  return (out + text.slice(at)).replace(/[^\p{L}]|第|段|见|同上|Ibid|See|paras?/gu, '');
}

function footnoteStates(body: FootnoteBody, lang: Lang, findings: Finding[]): string[] {
  const text = body.text.trim();
  if (freeText(text, lang).length < 2) return [];
  if (LIST_SHAPE[lang].test(text)) {
    const list = parseStateList(text, lang);
    if (list.states.length > 0 && list.unknown.length === 0) return list.states;
    if (list.states.length > 0) {
      findings.push({
        severity: 'warning',
        code: 'state-unknown',
        message: `footnote ${body.number} lists states but ${list.unknown.map((u) => `"${u}"`).join(', ')} is not a known state name`,
        where: `footnote ${body.number}`,
      });
      return list.states;
    }
  }
  return scanStates(text, lang);
}
