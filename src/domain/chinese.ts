import { ConverterBuilder, type DictGroup } from 'opencc-js/core';
import { memoised } from '../lib/memo.ts';
import * as t2cnPreset from 'opencc-js/preset/t2cn';

type Convert = (text: string) => string;

/**
 * OpenCC's traditional → mainland-simplified converter (the `t2s` configuration of the t2cn preset), and
 * what its dictionaries tell about which text it can change: a conversion starts only at the first
 * character of a dictionary key, and never runs across a character found in no key.
 */
interface Simplifier {
  convert: Convert;
  /** Per BMP code unit: STARTS_KEY and/or IN_KEY. */
  bmp: Uint8Array;
  /** The same for code points beyond the BMP. */
  astral: Map<number, number>;
  /** Matches a code unit at or above the lowest that starts a key: text without one never changes. */
  mayChange: RegExp;
}

const STARTS_KEY = 1;
const IN_KEY = 2;

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
  const bmp = new Uint8Array(0x10000);
  const astral = new Map<number, number>();
  const mark = (cp: number, flag: number) => {
    if (cp <= 0xffff) bmp[cp]! |= flag;
    else astral.set(cp, (astral.get(cp) ?? 0) | flag);
  };
  for (const group of [...(config.normalizationChain ?? []), ...config.conversionChain]) {
    for (const dict of group) {
      const keys =
        typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')[0]!) : dict.map((e) => e[0]);
      for (const key of keys) {
        let first = true;
        for (const ch of key) {
          mark(ch.codePointAt(0)!, first ? STARTS_KEY | IN_KEY : IN_KEY);
          first = false;
        }
      }
    }
  }
  const lowest = bmp.indexOf(STARTS_KEY | IN_KEY);
  const fromUnit = lowest < 0 ? 0xd800 : Math.min(lowest, 0xd800);
  const mayChange = new RegExp(`[\\u${fromUnit.toString(16).padStart(4, '0')}-\\uffff]`);
  simplifier = { convert, bmp, astral, mayChange };
  return simplifier;
}

/**
 * Traditional → simplified (OpenCC, Taiwan/Hong Kong forms → mainland); the converter is built once.
 * Only the stretches that can change go through OpenCC: from a character that starts a dictionary key to
 * the next character that is in no key. Each stretch begins where OpenCC's own left-to-right scan would
 * be, so the result is the same as converting the whole text, and English or already-simplified text
 * costs one pass over its characters.
 */
export function toSimplified(text: string): string {
  const { convert, bmp, astral, mayChange } = loadSimplifier();
  if (!mayChange.test(text)) return text;
  if (IDEOGRAPHIC_DESCRIPTION.test(text)) return convert(text);
  let out = '';
  let done = 0;
  const n = text.length;
  for (let i = 0; i < n;) {
    let cp = text.charCodeAt(i);
    let flags: number;
    if (cp >= 0xd800 && cp <= 0xdbff) {
      cp = text.codePointAt(i)!;
      flags = cp > 0xffff ? (astral.get(cp) ?? 0) : bmp[cp]!;
    } else flags = bmp[cp]!;
    if (!(flags & STARTS_KEY)) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    let end = i + (cp > 0xffff ? 2 : 1);
    while (end < n) {
      const next = text.codePointAt(end)!;
      const nextFlags = next > 0xffff ? (astral.get(next) ?? 0) : bmp[next]!;
      if (!(nextFlags & IN_KEY)) break;
      end += next > 0xffff ? 2 : 1;
    }
    // A stretch of one character that OpenCC leaves as it is (most in simplified text) is passed over.
    if (end === i + 1 && keepsAlone(convert, cp)) {
      i = end;
      continue;
    }
    const stretch = text.slice(i, end);
    const converted = convertStretch(convert, stretch);
    // Most stretches of simplified text come back unchanged: they stay in the pending slice, so text that
    // needs no change is returned as it is, without being copied piece by piece.
    if (converted !== stretch) {
      out += text.slice(done, i) + converted;
      done = end;
    }
    i = end;
  }
  return done === 0 ? text : out + text.slice(done);
}

/**
 * toSimplified of each line of a text, in one pass: no dictionary key holds a line break, so no stretch
 * crosses one and the result is that of converting line by line. A text holding an ideographic
 * description character is converted whole by toSimplified, so it is converted line by line here.
 */
export function toSimplifiedByLine(text: string): string {
  const { bmp } = loadSimplifier();
  if (bmp[0x0a] !== 0 || IDEOGRAPHIC_DESCRIPTION.test(text)) {
    return text.split('\n').map(toSimplified).join('\n');
  }
  return toSimplified(text);
}

/** Per BMP code unit: 0 not yet known, 1 OpenCC leaves the character alone unchanged, 2 it changes it. */
const alone = new Uint8Array(0x10000);

function keepsAlone(convert: Convert, unit: number): boolean {
  if (alone[unit] === 0) {
    const ch = String.fromCharCode(unit);
    alone[unit] = convertStretch(convert, ch) === ch ? 1 : 2;
  }
  return alone[unit] === 1;
}

// The stretches are short (one to a few characters) and few distinct ones recur, so their conversions are
// kept: a call into OpenCC costs more than the lookup.
const MAX_STRETCH_LENGTH = 8;
const convertShort = memoised(20_000, (stretch) => loadSimplifier().convert(stretch));

function convertStretch(convert: Convert, stretch: string): string {
  return stretch.length > MAX_STRETCH_LENGTH ? convert(stretch) : convertShort(stretch);
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

/**
 * Text as the name scanners (states, missions, offices) and entity scanners read Chinese: full-width
 * forms folded and simplified, one character out for each in, so offsets point back into the input.
 */
export function foldNames(text: string): string {
  return toSimplifiedSameLength(normaliseWidth(text));
}
