/**
 * Folding of free text before entity scanning: full-width ASCII → half-width, traditional → simplified
 * Chinese. Offsets are kept (one character in, one out) so mentions point back into the input.
 */
import { foldNames, normaliseWidth } from '../../domain/chinese.ts';
import type { Lang } from '../../domain/vocabulary.ts';

export type { Lang };

const HAN = /\p{Script=Han}/gu;

/** Share of Han characters among the letters of a text (0–1). */
export function hanShare(text: string): number {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const han = sample.match(HAN)?.length ?? 0;
  const latin = sample.match(/[A-Za-z]/g)?.length ?? 0;
  return han + latin === 0 ? 0 : han / (han + latin);
}

/** zh when most letters are Han characters, else en. */
export function guessLang(text: string): Lang {
  return hanShare(text) >= 0.3 ? 'zh' : 'en';
}

/** The text as scanners read it, same length as the input. */
export function foldText(text: string, lang: Lang): string {
  return lang === 'zh' ? foldNames(text) : normaliseWidth(text);
}
