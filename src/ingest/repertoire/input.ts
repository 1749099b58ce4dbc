/**
 * Reading a section file safely: size limit checked before reading (a 3 GB file is refused, not
 * loaded), empty files, binary files and invalid UTF-8 refused with a message naming the file, and the
 * language checked against the text (a Chinese file read with --lang en).
 */
import { guessLang, hanShare } from '../entities/text.ts';
import { decodeText, InputError, readInputFile } from '../common/file.ts';
import type { Lang } from './types.ts';

export { decodeText, InputError } from '../common/file.ts';

/** A Repertoire section is tens of kilobytes; a whole year's volume is a few megabytes. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export function readTextFile(path: string, maxBytes = DEFAULT_MAX_BYTES): string {
  const bytes = readInputFile(path, {
    maxBytes,
    tooBig: (size, max) =>
      `${path} is ${megabytes(size)}, over the ${megabytes(max)} limit for one section file ` +
      `(a Repertoire section is well under 1 MB); split it into sections or raise --max-bytes`,
  });
  return decodeText(bytes, path);
}

function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${n} bytes`;
}

/** The language to read the text in: the one given, checked against the text, or the one guessed. */
export function resolveLang(text: string, given: string | undefined, name: string): Lang {
  if (given !== undefined && given !== 'zh' && given !== 'en') {
    throw new InputError(`--lang must be zh or en, not "${given}"`);
  }
  const guessed = guessLang(text);
  if (given && given !== guessed) {
    const share = Math.round(hanShare(text) * 100);
    throw new InputError(
      `${name}: --lang ${given} does not match the text (${share}% of its letters are Chinese characters, so it reads as ${guessed}); use --lang ${guessed}`,
    );
  }
  return (given as Lang | undefined) ?? guessed;
}
