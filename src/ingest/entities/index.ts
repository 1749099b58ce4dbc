/**
 * The entity layer: every kind of entity the record knows, found in any UN text in zh or en (letters,
 * resolutions, press releases, Repertoire sections). Lists are de-duplicated in order of first appearance.
 */
import { resolutionSymbol, scanResolutionRefs, scanSymbols } from '../../domain/symbols.ts';
import { scanStates } from '../../domain/states.ts';
import { scanMissions } from '../../domain/missions.ts';
import { scanDates } from './dates.ts';
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
}

export interface EntityOptions {
  lang?: Lang;
  year?: number;
  /** The record's years of resolutions by number, for references written without one ("第2518号决议"). */
  resolutionYears?: ResolutionYears;
}

export function extractEntities(text: string, options: EntityOptions = {}): Entities {
  const lang = options.lang ?? guessLang(text);
  const folded = foldText(text, lang);
  const resolutions = scanResolutions(folded, lang, options.resolutionYears);
  return {
    lang,
    symbols: symbolsInOrder(folded, resolutions),
    resolutions,
    dates: scanDates(folded, lang, options.year ? { year: options.year } : {}),
    states: scanStates(folded, lang),
    missions: scanMissions(folded),
    votes: scanVotes(folded, lang),
  };
}

export { scanDates, scanDateMentions, parseDate } from './dates.ts';
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
