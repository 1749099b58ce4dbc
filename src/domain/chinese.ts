import { Converter } from 'opencc-js/t2cn';

type Convert = (text: string) => string;

let t2s: Convert | undefined;

/** Traditional → simplified (OpenCC, Taiwan/Hong Kong forms → mainland); the converter is built once. */
export function toSimplified(text: string): string {
  const convert = (t2s ??= Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

/**
 * Full-width ASCII (！ to ～) → half-width and the ideographic space → a plain space. Every character maps
 * to exactly one character, so offsets into the result are offsets into the input.
 */
export function normaliseWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

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
