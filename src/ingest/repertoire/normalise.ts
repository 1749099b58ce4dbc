/**
 * Stage 1 — normalise. Reads: the raw text of a section (any line endings, full- and half-width forms
 * mixed, traditional or simplified Chinese). Writes: the same text with LF line ends, full-width ASCII
 * folded to half-width, simplified Chinese, and, in zh, the spaces PDF extraction puts around Han
 * characters removed (Chinese is set without spaces; "第 2518(2020)号决议" → "第2518(2020)号决议"),
 * and half-width ,;:?! after a Han character made full-width (，；：？！), as Chinese sets them. Tabs (table
 * cells) and line structure are kept.
 */
import { toSimplifiedByLine } from '../../domain/chinese.ts';
import type { Lang } from './types.ts';

const CJK = String.raw`\p{Script=Han}\u3000-\u303f\uff01-\uff65“”‘’《》（）`;
// The spaces come first and what must stand before them is looked behind afterwards: a pattern that opens
// with a look-behind is tried at every character, this one only where a space is. The look-behind reaches
// back over the whole run of spaces, so the match is still a whole run after the character named.
const SPACE_BEFORE_CJK = new RegExp(String.raw` +(?<=\S +)(?=[${CJK}])`, 'gu');
const SPACE_AFTER_CJK = new RegExp(String.raw` +(?<=[${CJK}] +)(?=\S)`, 'gu');
// After a superscript marker a space is a leftover of the superscript's layout.
const SPACE_AFTER_MARKER_BEFORE_CJK = new RegExp(String.raw` +(?<=[⁰¹²³⁴⁵⁶⁷⁸⁹] +)(?=[${CJK}])`, 'gu');
const HALF_PUNCT_ZH = /[,;:?!](?<=[\p{Script=Han}”」』][,;:?!])/gu;
// chinese.ts's normaliseWidth folds every full-width form; Chinese text keeps its sentence punctuation
// (，；：！？) full-width, so the fold here skips those five. One regex pass, as most text has none to fold.
const FULL_WIDTH: Record<Lang, RegExp> = {
  zh: /[\uff02-\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e\u3000]/g,
  en: /[\uff01-\uff5e\u3000]/g,
};
const fold = (c: string) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };

// The steps are those of one line, run over the whole text at once (a pass per line cost a dozen pattern
// calls a line): no pattern matches a line break, and \S or a character class next to one fails as at a
// line's start or end, so each line comes out as it would alone. Line starts and ends are trimmed explicitly.
const SPACES = /[\u00a0\u2000-\u200b\u202f\u205f]/g;
const TRAILING_SPACE = ' \f\v';

function normaliseText(text: string, lang: Lang): string {
  let s = withoutTrailingSpace(text.replace(SPACES, ' ').replace(/[ \f\v]+\n/g, '\n'));
  if (lang === 'zh') {
    // Width first: the superscript digits are not in the full-width block and survive.
    s = toSimplifiedByLine(s.replace(FULL_WIDTH.zh, fold));
    s = s
      .replace(SPACE_AFTER_MARKER_BEFORE_CJK, '')
      .replace(SPACE_BEFORE_CJK, '')
      .replace(SPACE_AFTER_CJK, '')
      .replace(HALF_PUNCT_ZH, (c) => FULL[c] ?? c);
  } else {
    s = s.replace(FULL_WIDTH.en, fold).replace(/ {2,}/g, ' ');
  }
  return s.replace(/\n +/g, '\n').replace(/^ +/, '');
}

/** Without the spaces that end the text (an end-anchored pattern would be tried at every space in it). */
function withoutTrailingSpace(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING_SPACE.includes(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** The whole text, line by line; line numbers are those of the input. */
export function normalise(raw: string, lang: Lang): string[] {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return normaliseText(text, lang).split('\n');
}
