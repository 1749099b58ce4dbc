import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCES_ORIGIN } from '../../config/paths.ts';
import { buildReference, DEFAULT_DIRS, SHARED_INPUTS, type ReferenceDirs } from './build.ts';

/** An input of the reference build is not there (the shared folder missing): not an error in the inputs. */
export class MissingInputError extends Error {}

/** The stamp beside the built files: the hash of every input they were built from. */
const STAMP = 'inputs.sha256';
/** The builder's own code is an input too: a change to how the files are built rebuilds them. */
const CODE = [
  fileURLToPath(new URL('./build.ts', import.meta.url)),
  resolve(dirname(fileURLToPath(import.meta.url)), '../terms.ts'),
  resolve(dirname(fileURLToPath(import.meta.url)), '../names.ts'),
];

/** Hash of the shared tables, our curated files and the builder; a missing shared file is an error naming it. */
export function inputsHash(dirs: ReferenceDirs = DEFAULT_DIRS): string {
  const hash = createHash('sha256');
  const files = [
    ...SHARED_INPUTS.map((f) => join(dirs.shared, f)),
    ...readdirSync(dirs.curated)
      .sort()
      .map((f) => join(dirs.curated, f)),
    ...CODE,
  ];
  for (const f of files) {
    if (!existsSync(f))
      throw new MissingInputError(
        `the reference data cannot be built: ${f} is missing. The shared sources folder is read from ` +
          `COUNCIL_SHARED (default: ../shared beside the checkout); its files come from ${SOURCES_ORIGIN.join('; ')}`,
      );
    hash
      .update(f.slice(f.lastIndexOf('/') + 1))
      .update('\0')
      .update(readFileSync(f))
      .update('\0');
  }
  return hash.digest('hex');
}

/**
 * Builds the reference files into dirs.out unless they were built from the same inputs; returns whether it
 * built. The stamp is written last, so an interrupted build is redone by the next process.
 */
export function ensureReference(dirs: ReferenceDirs = DEFAULT_DIRS): boolean {
  const hash = inputsHash(dirs);
  const stamp = join(dirs.out, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) return false;
  buildReference(dirs);
  mkdirSync(dirs.out, { recursive: true });
  const tmp = `${stamp}.${process.pid}.tmp`;
  writeFileSync(tmp, `${hash}\n`);
  renameSync(tmp, stamp);
  return true;
}

let checked = false;

/**
 * The path of a built reference file (states.json, …), built or rebuilt first when needed (once a process).
 * When the shared folder has gone but an earlier build is there, that build is used, with a warning.
 */
export function referenceFile(name: string): string {
  if (!checked) {
    try {
      ensureReference();
    } catch (e) {
      if (!(e instanceof MissingInputError) || !existsSync(join(DEFAULT_DIRS.out, STAMP))) throw e;
      process.emitWarning(`${(e as Error).message}; using the reference data built earlier`);
    }
    checked = true;
  }
  return join(DEFAULT_DIRS.out, name);
}

/** A reference file parsed as JSON; an error names the file. */
export function readReferenceFile<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}
