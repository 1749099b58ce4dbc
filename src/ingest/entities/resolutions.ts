/**
 * Resolution references with the paragraphs cited after them: "第 2518(2020)号决议，第 4 段",
 * "resolution 2518 (2020), paras. 10 and 12", and the paragraph lists of "同上，第 10 和 12 段" /
 * "Ibid., paras. 10–12".
 */
import { resolutionSymbol, scanResolutionItems } from '../../domain/symbols.ts';
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
// A number followed by a year in brackets is the next resolution of a list, not a paragraph.
const EN_PARAS =
  /^\s*,?\s*(?:operative\s+)?(?:paras?\.|paragraphs?)\s*(\d+(?!\d|\s*\()(?:\s*(?:,|and|to|[–-])\s*\d+(?!\d|\s*\())*)/i;

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
  return scanResolutionItemMentions(text, lang, folded).flatMap((r) =>
    r.year === null ? [] : [{ ...r, year: r.year, symbol: r.symbol! }],
  );
}

/** A resolution named with or without its year ("第2518号决议", "resolution 2518"). */
export interface ResolutionItemMention {
  number: number;
  year: number | null;
  /** The canonical symbol when the year is known. */
  symbol: string | null;
  paragraphs: number[];
  start: number;
  end: number;
}

/** Every resolution named, list items one by one, each with the paragraphs cited right after it. */
export function scanResolutionItemMentions(
  text: string,
  lang: Lang,
  folded = false,
): ResolutionItemMention[] {
  const t = folded ? text : foldText(text, lang);
  const items = scanResolutionItems(t);
  return items.map((r, i) => {
    // The paragraphs of an item end where the next item of the list begins.
    const paras = leadingParagraphs(t.slice(r.end, items[i + 1]?.start ?? t.length), lang);
    return {
      number: r.number,
      year: r.year ?? null,
      symbol: r.year === undefined ? null : resolutionSymbol(r.number, r.year),
      paragraphs: paras?.paragraphs ?? [],
      start: r.start,
      end: r.end + (paras?.length ?? 0),
    };
  });
}

export interface ResolutionEntry {
  number: number;
  /** null: written without a year that neither the text nor the record gives. */
  year: number | null;
  paragraphs: number[];
  /** Where the year comes from when it was not written beside the number. */
  yearFrom?: 'text' | 'record';
}

/** Years of resolutions by number, as the record knows them (see extractEntities). */
export type ResolutionYears = (number: number) => number | undefined;

/**
 * One entry per resolution in order of first appearance, its cited paragraphs merged. A reference without
 * a year takes it from the same number written with one elsewhere in the text, then from `years` (the
 * record); otherwise it is reported with year null, never dropped and never guessed.
 */
export function scanResolutions(text: string, lang: Lang, years?: ResolutionYears): ResolutionEntry[] {
  const mentions = scanResolutionItemMentions(text, lang);
  const written = new Map<number, Set<number>>();
  for (const r of mentions)
    if (r.year !== null) written.set(r.number, (written.get(r.number) ?? new Set()).add(r.year));
  const by = new Map<string, ResolutionEntry>();
  for (const r of mentions) {
    let year = r.year;
    let yearFrom: ResolutionEntry['yearFrom'];
    if (year === null) {
      const inText = written.get(r.number);
      // One number is one resolution; a number written with two years in one text says nothing sure.
      if (inText?.size === 1) [year, yearFrom] = [[...inText][0]!, 'text'];
      else if (!inText) {
        const fromRecord = years?.(r.number);
        if (fromRecord !== undefined) [year, yearFrom] = [fromRecord, 'record'];
      }
    }
    const key = year === null ? `${r.number}` : `${r.number} (${year})`;
    let cur = by.get(key);
    if (!cur) {
      cur = { number: r.number, year, paragraphs: [] };
      if (yearFrom) cur.yearFrom = yearFrom;
      by.set(key, cur);
    } else if (!yearFrom) delete cur.yearFrom;
    for (const p of r.paragraphs) if (!cur.paragraphs.includes(p)) cur.paragraphs.push(p);
  }
  return [...by.values()];
}
