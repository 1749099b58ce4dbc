/**
 * Stage 6 — parse citations. Reads: footnote bodies in number order and where their markers are.
 * Writes: footnotes with the documents they cite (resolutions with paragraph numbers, document
 * symbols, letter dates), "同上"/"Ibid." resolved to the citation of the footnote with the next lower
 * NUMBER (never the one printed just before it: bodies come out of order), and the states a footnote
 * lists, as ISO3 codes. Findings: an "ibid." with nothing to point to, a list with an unknown state name.
 */
import { parseStateList, scanStates } from '../../domain/states.ts';
import { scanSymbols, type SymbolMention } from '../../domain/symbols.ts';
import { scanDateMentions, type DateMention } from '../entities/dates.ts';
import {
  leadingParagraphs,
  scanResolutionMentions,
  type ResolutionMention,
} from '../entities/resolutions.ts';
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
            params: prev
              ? { footnote: body.number, ibid: ibid[0].trim(), prev: prev.number }
              : { footnote: body.number, ibid: ibid[0].trim(), variant: 'first' },
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
    // The citations and the state check read the same text unless an ibid. was taken off: one scan then.
    const text = body.text.trim();
    const scanned = scanCitable(text, lang);
    for (const c of documentCitations(rest, lang, rest === text ? scanned : undefined)) {
      if (!cites.some((x) => x.symbol === c.symbol)) cites.push(c);
    }
    const place = placement.get(body.number);
    out.push({
      number: body.number,
      text: body.text,
      paragraph: place?.paragraph ?? null,
      offset: place?.offset ?? null,
      cites,
      states: footnoteStates(body, text, scanned, lang, findings),
      line: body.line,
    });
  }
  return out;
}

/** Resolution references (with the paragraphs cited after them) and document symbols written in a text. */
interface Citable {
  resolutions: ResolutionMention[];
  symbols: SymbolMention[];
}

function scanCitable(text: string, lang: Lang): Citable {
  return { resolutions: scanResolutionMentions(text, lang, true), symbols: scanSymbols(text) };
}

/**
 * Resolutions (with their paragraphs) and other symbols cited in a footnote, in order. `scanned`: what
 * scanCitable finds in `text`, when the caller has it already.
 */
function documentCitations(text: string, lang: Lang, scanned: Citable = scanCitable(text, lang)): Citation[] {
  const found: (Citation & { start: number; end: number })[] = [];
  for (const r of scanned.resolutions) {
    found.push({
      symbol: r.symbol,
      ...(r.paragraphs.length ? { paragraphs: r.paragraphs } : {}),
      start: r.start,
      end: r.end,
    });
  }
  // The dates are read only for a symbol that is no resolution's (most footnotes have none).
  let dates: DateMention[] | undefined;
  for (const s of scanned.symbols) {
    if (found.some((f) => s.start < f.end && f.start < s.end)) continue;
    dates ??= scanDateMentions(text, lang, { folded: true });
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

/** The text without the citations and their paragraph numbers. */
function withoutCitations(text: string, scanned: Citable): string {
  const spans = [...scanned.resolutions, ...scanned.symbols].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start >= at) out += text.slice(at, s.start);
    at = Math.max(at, s.end);
  }
  return out + text.slice(at);
}

/** Words of a reference, not of a statement; longest first where one begins another (paras, para). */
const REFERENCE_WORDS = ['第', '段', '见', '同上', 'Ibid', 'See', 'paras', 'para'];
const LETTER = /\p{L}/u;
/** Whether each BMP code unit is a letter: 0 not yet known, 1 no, 2 yes. */
const letterUnits = new Uint8Array(0x10000);

function isLetter(codePoint: number): boolean {
  if (codePoint > 0xffff) return LETTER.test(String.fromCodePoint(codePoint));
  if (letterUnits[codePoint] === 0)
    letterUnits[codePoint] = LETTER.test(String.fromCharCode(codePoint)) ? 2 : 1;
  return letterUnits[codePoint] === 2;
}

/**
 * Whether a footnote has two letters of its own ("见。" has none worth a state scan): what is left of the
 * text once citations, non-letters and the words of a reference are taken out, as
 * `.replace(/[^\p{L}]+|第|段|见|同上|Ibid|See|paras?/gu, '').length >= 2` reads it, stopping at the
 * second letter (most footnotes with any have them at once).
 */
function hasFreeText(text: string, scanned: Citable): boolean {
  const rest = withoutCitations(text, scanned);
  let kept = 0;
  for (let i = 0; i < rest.length && kept < 2;) {
    const codePoint = rest.codePointAt(i)!;
    const size = codePoint > 0xffff ? 2 : 1;
    if (!isLetter(codePoint)) {
      i += size;
      continue;
    }
    const word = REFERENCE_WORDS.find((w) => rest.startsWith(w, i));
    if (word) {
      i += word.length;
      continue;
    }
    kept += size;
    i += size;
  }
  return kept >= 2;
}

/** `text`: the body's text, trimmed; `scanned`: what scanCitable finds in it. */
function footnoteStates(
  body: FootnoteBody,
  text: string,
  scanned: Citable,
  lang: Lang,
  findings: Finding[],
): string[] {
  if (!hasFreeText(text, scanned)) return [];
  if (LIST_SHAPE[lang].test(text)) {
    const list = parseStateList(text, lang);
    if (list.states.length > 0 && list.unknown.length === 0) return list.states;
    if (list.states.length > 0) {
      findings.push({
        severity: 'warning',
        code: 'state-unknown',
        params: { footnote: body.number, names: list.unknown.map((name) => ({ name })) },
        message: `footnote ${body.number} lists states but ${list.unknown.map((u) => `"${u}"`).join(', ')} is not a known state name`,
        where: `footnote ${body.number}`,
      });
      return list.states;
    }
  }
  return scanStates(text, lang);
}
