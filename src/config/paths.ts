import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (the folder that holds package.json). */
export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DATA_DIR = resolve(ROOT_DIR, 'data');
export const REFERENCE_DIR = resolve(DATA_DIR, 'reference');
/** Real UN sources the product ships (copied from ../shared with their sources noted in data/SOURCES.md). */
export const SOURCES_DIR = resolve(DATA_DIR, 'sources');
export const CORPUS_DIR = resolve(DATA_DIR, 'corpus');
/** The read-only shared folder beside the repository; used by build scripts and tests only. */
export const SHARED_DIR = process.env.COUNCIL_SHARED_DIR ?? resolve(ROOT_DIR, '../shared');
