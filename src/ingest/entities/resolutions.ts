/**
 * Resolution references with the paragraphs cited after them: "第 2518(2020)号决议，第 4 段",
 * "resolution 2518 (2020), paras. 10 and 12", and the paragraph lists of "同上，第 10 和 12 段" /
 * "Ibid., paras. 10–12".
 */
import { scanResolutionRefs } from '../../domain/symbols.ts';
import { foldText, type Lang } from './text.ts';

export interface ResolutionMention {
  number: number;
  year: number;
  symbol: string;
  paragraphs: number[];
  start: number;
  end: number;
}

const ZH_PARAS = /^\s*[,，]?\s*第\s*(\d[\d\s、,，和及至到\-–]*?)\s*段/;
const EN_PARAS = /^\s*,?\s*(?:operative\s+)?(?:paras?\.|paragraphs?)\s*(\d[\d\s,–-]*(?:(?:and|to)\s*\d+)?)/i;

/** Paragraph numbers of a list such as "10 和 12", "10-12", "4, 5 and 7". */
export function parseParagraphList(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(/\s*(?:[、,，和及]|and)\s*/)) {
    const range = /^(\d+)\s*(?:[-–至到]|to)\s*(\d+)$/.exec(part.trim());
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b >= a && b - a < 200) for (let i = a; i <= b; i++) out.push(i);
    } else if (/^\d+$/.test(part.trim())) out.push(Number(part.trim()));
  }
  return [...new Set(out)];
}

/** The paragraph list written at the start of `text` ("，第 4 段", ", para. 4"), with its length. */
export function leadingParagraphs(
  text: string,
  lang: Lang,
): { paragraphs: number[]; length: number } | undefined {
  const m =
    (lang === 'zh' ? ZH_PARAS : EN_PARAS).exec(text) ?? (lang === 'zh' ? EN_PARAS : ZH_PARAS).exec(text);
  if (!m) return undefined;
  const paragraphs = parseParagraphList(m[1]!);
  return paragraphs.length > 0 ? { paragraphs, length: m[0].length } : undefined;
}

/** `folded`: the text is already folded (see text.ts), as the Repertoire pipeline's normalised text is. */
export function scanResolutionMentions(text: string, lang: Lang, folded = false): ResolutionMention[] {
  const t = folded ? text : foldText(text, lang);
  return scanResolutionRefs(t).map((r) => {
    const paras = leadingParagraphs(t.slice(r.end), lang);
    return {
      number: r.number,
      year: r.year,
      symbol: r.symbol,
      paragraphs: paras?.paragraphs ?? [],
      start: r.start,
      end: r.end + (paras?.length ?? 0),
    };
  });
}

/** One entry per resolution in order of first appearance, its cited paragraphs merged. */
export function scanResolutions(
  text: string,
  lang: Lang,
): { number: number; year: number; paragraphs: number[] }[] {
  const by = new Map<string, { number: number; year: number; paragraphs: number[] }>();
  for (const r of scanResolutionMentions(text, lang)) {
    const cur = by.get(r.symbol) ?? { number: r.number, year: r.year, paragraphs: [] };
    for (const p of r.paragraphs) if (!cur.paragraphs.includes(p)) cur.paragraphs.push(p);
    by.set(r.symbol, cur);
  }
  return [...by.values()];
}
