/**
 * Every source of the record: each folder of src/ingest/ with a `source.ts` exporting `source` (the
 * contract in common/contract.ts), loaded in folder-name order. Adding a source is adding a folder.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModules } from '../lib/load-modules.ts';
import type { Store } from '../store/db.ts';
import type { ImportContext, Source } from './common/contract.ts';
import type { ImportReport } from './common/report.ts';
import { readTableFiles, writeTableFiles, type TableReader } from './common/tables.ts';
import { createProgress, type Progress } from './progress.ts';

const INGEST_DIR = dirname(fileURLToPath(import.meta.url));

export async function loadSources(): Promise<Source[]> {
  const loaded = await loadModules<{ source: Source }>(INGEST_DIR, { entry: 'source.ts' });
  return loaded.map((m) => m.module.source);
}

/** An import's context: progress, the size limit, and the table readers of every source. */
export async function importContext(
  options: { progress?: Progress; maxBytes?: number } = {},
): Promise<ImportContext> {
  const tables: TableReader[] = (await loadSources()).flatMap((s) => (s.table ? [s.table] : []));
  return {
    progress: options.progress ?? createProgress({ mode: 'silent' }),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    tables,
  };
}

/**
 * Imports table files of any layout a source reads (meeting tables, veto lists, mixed) in one transaction:
 * what `council import dhl` and `council import vetoes` do, for callers that hold a list of files.
 */
export async function importTableFiles(
  store: Store,
  paths: string[],
  options: { kind?: string; progress?: Progress; maxBytes?: number } = {},
): Promise<ImportReport> {
  const context = await importContext(options);
  const read = readTableFiles(paths, context.tables, context.maxBytes);
  return writeTableFiles(store, read, { kind: options.kind ?? 'dhl', progress: context.progress });
}
