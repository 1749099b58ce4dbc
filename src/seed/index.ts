import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { SHARED_DIR, SOURCES_DIR, SOURCES_ORIGIN } from '../config/paths.ts';
import type { Progress } from '../ingest/progress.ts';
import type { ImportReport } from '../ingest/common/report.ts';
import { runSource, type Source } from '../ingest/common/contract.ts';
import { importContext } from '../ingest/sources.ts';
import type { Store } from '../store/db.ts';
import { loadModules } from '../lib/load-modules.ts';

const SEEDERS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'seeders');

/** A seeder loads one bundled source into an empty record: seeders/<nn>_<name>.ts exports seed(). */
export interface SeederModule {
  seed(store: Store, log: Logger): Promise<void>;
}

/**
 * A seeder that loads one source through its contract (src/ingest/common/contract.ts): the shared files it
 * names, read where they are (never copied), then one log line with what the report says. When the files
 * are missing the record goes on without them and the log says which are missing.
 */
export function sourceSeeder<I, R extends ImportReport<never>>(spec: {
  source: Source<I, R>;
  /** The files to import; null when the shared folder lacks them. */
  files: () => string[] | null;
  /** What is missing when `files` gives null: the path expected. */
  expected: string;
  /** What the log calls the source (default its kind). */
  what?: string;
  /** The log message once imported, and what of the report it logs. */
  done: string;
  summary: (report: R) => Record<string, unknown>;
  /** Log each file's progress (the long imports). */
  progress?: boolean;
}): (store: Store, log: Logger) => Promise<void> {
  return async (store, log) => {
    const files = spec.files();
    if (files === null) {
      log.warn(
        { expected: spec.expected },
        `${spec.what ?? spec.source.kind} not loaded: the shared file is missing (expected at ${spec.expected}; set COUNCIL_SHARED to the shared sources folder)`,
      );
      return;
    }
    const context = await importContext(spec.progress ? { progress: logProgress(log) } : {});
    const report = await runSource(store, spec.source, files, context);
    log.info(spec.summary(report), spec.done);
  };
}

/** The files of a shared folder whose names match, in name order; null when the folder is missing. */
export function filesIn(dir: string, name: RegExp): string[] | null {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => name.test(f))
        .sort()
        .map((f) => join(dir, f))
    : null;
}

/** The `files` and `expected` of a seeder that loads one shared file (none when it is missing). */
export function oneFile(path: string): { files: () => string[] | null; expected: string } {
  return { files: () => (existsSync(path) ? [path] : null), expected: path };
}

/** Import progress as log lines: one when a file starts, one when it is done (with its rows per second). */
export function logProgress(log: Logger): Progress {
  let label = '';
  let total: number | null = null;
  let count = 0;
  let started = 0;
  return {
    start(l, t) {
      label = l;
      total = t;
      count = 0;
      started = performance.now();
      log.debug({ stage: label, rows: total }, 'import started');
    },
    tick(n = 1) {
      count += n;
    },
    stop() {
      const s = (performance.now() - started) / 1000;
      log.info(
        { stage: label, rows: count, rowsPerSecond: s > 0 ? Math.round(count / s) : null },
        'imported',
      );
    },
  };
}

/**
 * Loads the record from the shared sources (../shared, COUNCIL_SHARED) and the seed section, in seeder-name
 * order. Without the shared folder the record stays empty and the log says where the sources come from.
 */
export async function seedRecord(store: Store, log: Logger): Promise<boolean> {
  if (!existsSync(SOURCES_DIR)) {
    log.warn(
      { shared: SHARED_DIR, sources: SOURCES_ORIGIN },
      `no shared sources folder at ${SHARED_DIR}: the record starts empty. Put the sources there (or set ` +
        'COUNCIL_SHARED to their folder) and restart, or load them with `council import`',
    );
    return false;
  }
  for (const { name, module } of await loadModules<SeederModule>(SEEDERS_DIR)) {
    log.info({ seeder: name }, 'seeding');
    await module.seed(store, log);
  }
  return true;
}
