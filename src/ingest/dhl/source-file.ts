import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import type { Insertable } from 'kysely';
import { ROOT_DIR } from '../../config/paths.ts';
import type { SourceTable } from '../../store/tables/core.ts';

export interface SourceFile {
  path: string;
  bytes: Buffer;
  source: Insertable<SourceTable>;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file inside the repository is named relative to it, so the record reads the same on every clone. */
export function sourceUri(path: string): string {
  const abs = resolve(path);
  const rel = relative(ROOT_DIR, abs);
  return rel.startsWith('..') ? abs : rel;
}

export function readSourceFile(
  path: string,
  kind: SourceTable['kind'],
  prefix: string,
  title: string | null,
): SourceFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      cause: e,
    });
  }
  return {
    path,
    bytes,
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
