import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import type { Insertable } from 'kysely';
import { ROOT_DIR, SHARED_DIR } from '../../config/paths.ts';
import type { SourceTable } from '../../store/tables/core.ts';
import { decodeText } from '../repertoire/input.ts';

/** A year's meeting table is under 1 MB and the veto list well under; 32 MB is far beyond any real one. */
export const DEFAULT_SOURCE_MAX_BYTES = 32 * 1024 * 1024;

export interface SourceFile {
  path: string;
  bytes: Buffer;
  source: Insertable<SourceTable>;
}

export function sha256(bytes: Buffer | string): string {
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

export function readSourceFile(
  path: string,
  kind: SourceTable['kind'],
  prefix: string,
  title: string | null,
  maxBytes: number = DEFAULT_SOURCE_MAX_BYTES,
): SourceFile & { text: string } {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new Error(`${path} is a folder, not a file`);
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code ? `cannot read ${path}: ${code}` : (e as Error).message, { cause: e });
  }
  // Checked before reading: a 1 GB file is refused, not loaded into one string.
  if (size > maxBytes)
    throw new Error(`${path} is ${size} bytes, over the --max-bytes limit of ${maxBytes} bytes`);
  if (size === 0) throw new Error(`${path} is empty`);
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
  // Binary files and invalid UTF-8 are refused, naming the file.
  let text: string;
  try {
    text = decodeText(bytes, path);
  } catch (e) {
    throw new Error((e as Error).message, { cause: e });
  }
  return {
    path,
    bytes,
    text,
    source: {
      id: `${prefix}:${basename(path)}`,
      kind,
      uri: sourceUri(path),
      title,
      lang: 'en',
      sha256: sha256(bytes),
      imported_at: new Date().toISOString(),
    },
  };
}
