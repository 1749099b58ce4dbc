/**
 * The entity layer: every kind of entity the record knows, found in any UN text in zh or en (letters,
 * resolutions, press releases, Repertoire sections). Lists are de-duplicated in order of first appearance.
 */
import { scanResolutionRefs, scanSymbols } from '../../domain/symbols.ts';
import { scanStates } from '../../domain/states.ts';
import { scanMissions } from '../../domain/missions.ts';
import { scanDates } from './dates.ts';
import { scanResolutions } from './resolutions.ts';
import { foldText, guessLang, type Lang } from './text.ts';
import { scanVotes, type Vote } from './votes.ts';

export interface Entities {
  lang: Lang;
  symbols: string[];
  resolutions: { number: number; year: number; paragraphs: number[] }[];
  dates: string[];
  states: string[];
  missions: string[];
  votes: Vote[];
}

export function extractEntities(text: string, options: { lang?: Lang; year?: number } = {}): Entities {
  const lang = options.lang ?? guessLang(text);
  const folded = foldText(text, lang);
  return {
    lang,
    symbols: symbolsInOrder(folded),
    resolutions: scanResolutions(folded, lang),
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
  leadingParagraphs,
  parseParagraphList,
} from './resolutions.ts';
export { foldText, guessLang } from './text.ts';

/** Written symbols and resolution references ("第2518(2020)号决议" is S/RES/2518 (2020)), in order. */
function symbolsInOrder(text: string): string[] {
  const all = [...scanSymbols(text), ...scanResolutionRefs(text)].sort((a, b) => a.start - b.start);
  return [...new Set(all.map((s) => s.symbol))];
}
