/**
 * The entity layer: every kind of entity the record knows, found in any UN text in zh or en (letters,
 * resolutions, press releases, Repertoire sections). Lists are de-duplicated in order of first appearance.
 */
import { resolutionSymbol, scanResolutionRefs, scanSymbols } from '../../domain/symbols.ts';
import { scanStates } from '../../domain/states.ts';
import { scanMissions } from '../../domain/missions.ts';
import { documentDate, scanDates } from './dates.ts';
import { scanResolutions, type ResolutionEntry, type ResolutionYears } from './resolutions.ts';
import { foldText, guessLang, type Lang } from './text.ts';
import { scanVotes, type Vote } from './votes.ts';

export interface Entities {
  lang: Lang;
  symbols: string[];
  /** Year null: a resolution named without a year that neither the text nor the record gives. */
  resolutions: ResolutionEntry[];
  dates: string[];
  states: string[];
  missions: string[];
  votes: Vote[];
  /** The date the year-less and relative dates were anchored on (given or read from the head), or null. */
  documentDate: string | null;
}

export interface EntityOptions {
  lang?: Lang;
  year?: number;
  /** The record's years of resolutions by number, for references written without one ("第2518号决议"). */
  resolutionYears?: ResolutionYears;
  /** The document's own date (YYYY-MM-DD); read from the text's head when not given (dates.ts). */
  documentDate?: string;
}

export function extractEntities(text: string, options: EntityOptions = {}): Entities {
  const lang = options.lang ?? guessLang(text);
  const folded = foldText(text, lang);
  const resolutions = scanResolutions(folded, lang, options.resolutionYears);
  // A date read from the head that contradicts the year given for the text is not taken.
  const headDate = options.documentDate ? undefined : documentDate(folded, lang, options.year);
  const docDate =
    options.documentDate ??
    (headDate && options.year && !headDate.startsWith(`${options.year}-`) ? undefined : headDate);
  return {
    lang,
    symbols: symbolsInOrder(folded, resolutions),
    resolutions,
    dates: scanDates(folded, lang, {
      ...(options.year ? { year: options.year } : {}),
      ...(docDate ? { documentDate: docDate } : {}),
    }),
    states: scanStates(folded, lang),
    missions: scanMissions(folded),
    votes: scanVotes(folded, lang),
    documentDate: docDate ?? null,
  };
}

export { scanDates, scanDateMentions, parseDate, documentDate } from './dates.ts';
export { scanVotes, scanVoteMentions } from './votes.ts';
export {
  scanResolutions,
  scanResolutionMentions,
  scanResolutionItemMentions,
  leadingParagraphs,
  parseParagraphList,
} from './resolutions.ts';
export { foldText, guessLang } from './text.ts';
export type { ResolutionEntry, ResolutionYears } from './resolutions.ts';

/**
 * Written symbols and resolution references ("第2518(2020)号决议" is S/RES/2518 (2020)), in order, then the
 * resolutions named without a year whose year the text or the record gives.
 */
function symbolsInOrder(text: string, resolutions: ResolutionEntry[]): string[] {
  const all = [...scanSymbols(text), ...scanResolutionRefs(text)].sort((a, b) => a.start - b.start);
  const out = new Set(all.map((s) => s.symbol));
  for (const r of resolutions) if (r.yearFrom && r.year !== null) out.add(resolutionSymbol(r.number, r.year));
  return [...out];
}
