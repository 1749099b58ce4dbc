import { ConverterBuilder, type DictGroup } from 'opencc-js/core';
import * as t2cnPreset from 'opencc-js/preset/t2cn';

type Convert = (text: string) => string;

/**
 * OpenCC's traditional → mainland-simplified converter (the `t2s` configuration of the t2cn preset), and
 * what its dictionaries tell about which text it can change: a conversion starts only at the first
 * character of a dictionary key (`startPattern`), and never runs across a character in no key (`inKeys`).
 */
interface Simplifier {
  convert: Convert;
  inKeys: Set<number>;
  /** Finds the next character that starts a key (global, Unicode). */
  startPattern: RegExp;
}

let simplifier: Simplifier | undefined;

// Ideographic description characters (⿰…⿻) make OpenCC skip the sequence they open as one unit, which can
// run over characters that would otherwise end a conversion; text holding one is converted whole.
const IDEOGRAPHIC_DESCRIPTION = /[\u2ff0-\u2fff]/;

function loadSimplifier(): Simplifier {
  if (simplifier) return simplifier;
  const convert = ConverterBuilder(t2cnPreset)({ from: 't', to: 'cn' });
  const config = (
    t2cnPreset.configs as Record<
      string,
      { normalizationChain?: readonly DictGroup[]; conversionChain: readonly DictGroup[] }
    >
  ).t2s;
  if (!config) throw new Error('opencc-js/preset/t2cn has no t2s configuration (opencc-js changed?)');
  const starts = new Set<number>();
  const inKeys = new Set<number>();
  for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain]) {
    for (const dict of group) {
      const keys =
        typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')[0]!) : dict.map((e) => e[0]);
      for (const key of keys) {
        const first = key.codePointAt(0);
        if (first === undefined) continue;
        starts.add(first);
        for (const ch of key) inKeys.add(ch.codePointAt(0)!);
      }
    }
  }
  simplifier = { convert, inKeys, startPattern: characterClass(starts) };
  return simplifier;
}

/** A global Unicode regular expression matching any one of the code points. */
function characterClass(codePoints: Set<number>): RegExp {
  const sorted = [...codePoints].sort((a, b) => a - b);
  const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
  let body = '';
  for (let k = 0; k < sorted.length;) {
    let j = k;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    body += j === k ? hex(sorted[k]!) : `${hex(sorted[k]!)}-${hex(sorted[j]!)}`;
    k = j + 1;
  }
  return new RegExp(`[${body}]`, 'gu');
}

/**
 * Traditional → simplified (OpenCC, Taiwan/Hong Kong forms → mainland); the converter is built once.
 * Only the stretches that can change go through OpenCC: from a character that starts a dictionary key to
 * the next character that is in no key. Each stretch begins where OpenCC's own left-to-right scan would
 * be, so the result is the same as converting the whole text, and English or already-simplified text
 * costs one pass over its characters.
 */
export function toSimplified(text: string): string {
  const { convert, inKeys, startPattern } = loadSimplifier();
  if (IDEOGRAPHIC_DESCRIPTION.test(text)) return convert(text);
  let out = '';
  let done = 0;
  startPattern.lastIndex = 0;
  for (let m = startPattern.exec(text); m; m = startPattern.exec(text)) {
    const i = m.index;
    let end = i + m[0].length;
    while (end < text.length) {
      const next = text.codePointAt(end)!;
      if (!inKeys.has(next)) break;
      end += next > 0xffff ? 2 : 1;
    }
    out += text.slice(done, i) + convert(text.slice(i, end));
    done = end;
    startPattern.lastIndex = end;
  }
  return done === 0 ? text : out + text.slice(done);
}

/**
 * Full-width ASCII (！ to ～) → half-width and the ideographic space → a plain space. Every character maps
 * to exactly one character, so offsets into the result are offsets into the input.
 */
export function normaliseWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH_ALL, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
const FULL_WIDTH_ALL = /[\uff01-\uff5e\u3000]/g;

const HAN = /\p{Script=Han}/u;

/** True when the text contains at least one Han character (used to guess a name's language). */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * toSimplified that keeps offsets: OpenCC's phrase tables can, rarely, change a string's length; when
 * that happens, convert character by character so position i of the result is still position i of the input.
 */
export function toSimplifiedSameLength(text: string): string {
  const whole = toSimplified(text);
  if (whole.length === text.length) return whole;
  let out = '';
  for (const ch of text) {
    const s = toSimplified(ch);
    out += s.length === ch.length ? s : ch;
  }
  return out;
}
