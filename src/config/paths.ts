import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (the folder that holds package.json). */
export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DATA_DIR = resolve(ROOT_DIR, 'data');
/** Our own curated reference inputs (data/reference/curated/) and their SOURCES.md; committed. */
export const REFERENCE_DIR = resolve(DATA_DIR, 'reference');
/**
 * Where the reference JSON (states, membership, missions, offices) is built at first use from the shared
 * tables and our curated files; ignored by git, rebuilt when an input changes (src/domain/reference/).
 */
export const BUILT_REFERENCE_DIR = resolve(DATA_DIR, 'build', 'reference');
export const CORPUS_DIR = resolve(DATA_DIR, 'corpus');
/**
 * The read-only folder of public sources beside the checkout (`../shared`). The project commits none of
 * its files: it reads them from here. `COUNCIL_SHARED` names another place (`COUNCIL_SHARED_DIR`, the
 * earlier name, still works).
 */
export const SHARED_DIR = resolve(
  process.env.COUNCIL_SHARED || process.env.COUNCIL_SHARED_DIR || resolve(ROOT_DIR, '../shared'),
);
/** The UN sources of the bundled record: `dhl-tables/`, `vetoes/`, `voting/` of the shared folder. */
export const SOURCES_DIR = resolve(SHARED_DIR, 'data');
/** Where the sources come from when the shared folder is missing (named in messages and the README). */
export const SOURCES_ORIGIN = [
  'UN Dag Hammarskjöld Library, "Meetings conducted by the Security Council in YEAR": https://www.un.org/depts/dhl/resguide/scactYEAR_table_en.html (copies: https://github.com/intreleng-research/unsc-dataset)',
  'UN Dag Hammarskjöld Library, "Security Council - Veto List": https://research.un.org/en/docs/sc/quick/veto',
  'vetoes 1946-2022 (CSV): https://github.com/world-politics-datalab/vetoes-un-security-council',
  'reference tables: https://github.com/datasets/country-codes and https://github.com/fmadore/genocide-at-the-security-council',
] as const;
