/**
 * Reading a section file safely: size limit checked before reading (a 3 GB file is refused, not
 * loaded), empty files, binary files and invalid UTF-8 refused with a message naming the file, and the
 * language checked against the text (a Chinese file read with --lang en).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { guessLang, hanShare } from '../entities/text.ts';
import type { Lang } from './types.ts';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A Repertoire section is tens of kilobytes; a whole year's volume is a few megabytes. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export function readTextFile(path: string, maxBytes = DEFAULT_MAX_BYTES): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${path} is a folder, not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (size === 0) throw new InputError(`${path} is empty`);
  if (size > maxBytes) {
    throw new InputError(
      `${path} is ${megabytes(size)}, over the ${megabytes(maxBytes)} limit for one section file ` +
        `(a Repertoire section is well under 1 MB); split it into sections or raise --max-bytes`,
    );
  }
  const buf = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  return decodeText(buf, path);
}

function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${n} bytes`;
}

export function decodeText(buf: Uint8Array, name: string): string {
  const probe = buf.subarray(0, 65536);
  if (probe.includes(0)) throw new InputError(`${name} is a binary file (it contains NUL bytes), not text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new InputError(`${name} is not valid UTF-8 text`);
  }
  if (text.trim() === '') throw new InputError(`${name} holds only blank space`);
  return text;
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
