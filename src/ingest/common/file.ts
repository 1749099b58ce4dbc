/**
 * The one way a source's file is read: checked before it is read (a folder, a missing file, an empty one, one
 * over the size limit: a 3 GB file is refused, not loaded), then read whole; text files are decoded as strict
 * UTF-8. Every refusal names the file; each source says how it words the limit and which error it throws.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { Insertable } from 'kysely';
import { ROOT_DIR, SHARED_DIR } from '../../config/paths.ts';
import type { Readable } from 'node:stream';
import type { SourceTable } from '../../store/tables/core.ts';
import type { Progress } from '../progress.ts';

/** Unreadable input: the message names the file and what is wrong with it. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A year's meeting table is under 1 MB and the veto list well under; 32 MB is far beyond any real one. */
export const DEFAULT_SOURCE_MAX_BYTES = 32 * 1024 * 1024;

export interface ReadLimits {
  maxBytes: number;
  /** The message for a file over the limit (default: "N bytes, over the --max-bytes limit of M bytes"). */
  tooBig?: (size: number, maxBytes: number) => string;
  /** The error a refusal is thrown as (default InputError). */
  fail?: (message: string) => Error;
}

export function readInputFile(path: string, limits: ReadLimits): Buffer {
  const fail = limits.fail ?? ((m: string) => new InputError(m));
  let size: number;
  try {
    const st = statSync(path);
    size = st.isDirectory() ? -1 : st.size;
  } catch (e) {
    throw fail(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (size < 0) throw fail(`${path} is a folder, not a file`);
  if (size === 0) throw fail(`${path} is empty`);
  // Checked before reading: a 1 GB file is refused, not loaded into one buffer.
  if (size > limits.maxBytes)
    throw fail(
      limits.tooBig
        ? limits.tooBig(size, limits.maxBytes)
        : `${path} is ${size} bytes, over the --max-bytes limit of ${limits.maxBytes} bytes`,
    );
  const bytes = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** The first bytes of a file (fewer when it is shorter): enough to tell its layout before reading it. */
export function readHead(path: string, size: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const head = Buffer.alloc(size);
    return head.subarray(0, readSync(fd, head, 0, size, 0));
  } finally {
    closeSync(fd);
  }
}

/** Text as strict UTF-8: binary files, invalid UTF-8 and blank files are refused, naming the file. */
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

export function sha256(bytes: Buffer | Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A file inside the repository is named relative to it, and one of the shared sources folder as
 * `shared/…`, so the record reads the same on every clone; any other file by its absolute path.
 */
export function sourceUri(path: string): string {
  const abs = resolve(path);
  const inShared = relative(SHARED_DIR, abs);
  if (!inShared.startsWith('..') && !isAbsolute(inShared)) return `shared/${inShared}`;
  const rel = relative(ROOT_DIR, abs);
  return rel.startsWith('..') ? abs : rel;
}

/** The source row of an English source document read now (its id, kind, where it is, title and sha256). */
export function sourceRow(
  s: Pick<Insertable<SourceTable>, 'id' | 'kind' | 'uri' | 'title' | 'sha256'>,
): Insertable<SourceTable> {
  return { ...s, lang: 'en', imported_at: new Date().toISOString() };
}

/** Reads a stream (a CSV, streamed) with progress, taking its sha256 as the bytes pass, not by a second read. */
export async function readHashed<T>(
  input: Readable,
  label: string,
  progress: Progress,
  read: (input: Readable, tick: () => void) => Promise<T>,
): Promise<{ read: T; sha256: string }> {
  const digest = createHash('sha256');
  input.on('data', (chunk: Buffer) => digest.update(chunk));
  progress.start(`read ${label}`, null);
  const result = await read(input, () => progress.tick());
  progress.stop();
  return { read: result, sha256: digest.digest('hex') };
}

export interface SourceFile {
  path: string;
  bytes: Buffer;
  text: string;
  source: Insertable<SourceTable>;
}

/** A text source file read and checked, with the source row the record keeps for it. */
export function readSourceFile(
  path: string,
  kind: SourceTable['kind'],
  prefix: string,
  title: string | null,
  maxBytes: number = DEFAULT_SOURCE_MAX_BYTES,
): SourceFile {
  const bytes = readInputFile(path, { maxBytes });
  return {
    path,
    bytes,
    text: decodeText(bytes, path),
    source: sourceRow({
      id: `${prefix}:${basename(path)}`,
      kind,
      uri: sourceUri(path),
      title,
      sha256: sha256(bytes),
    }),
  };
}
