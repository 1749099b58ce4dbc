/**
 * `npm run bench`: every benchmark prints one `name: value` line per figure, each beside a baseline measured
 * in the same run on the same data. Benchmarks are modules bench/<name>.ts exporting bench<Name>();
 * `npm run bench -- extract search` runs only those.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../src/config/paths.ts';

type Bench = () => Promise<Record<string, number | string>>;

const SUITES: { name: string; file: string; fn: string }[] = [
  { name: 'extract', file: 'bench/extract.ts', fn: 'benchExtract' },
  { name: 'history', file: 'bench/history.ts', fn: 'benchHistory' },
  { name: 'pages', file: 'bench/pages.ts', fn: 'benchPages' },
  { name: 'search', file: 'bench/search.ts', fn: 'benchSearch' },
  { name: 'seed', file: 'bench/seed.ts', fn: 'benchSeed' },
  { name: 'audit', file: 'bench/audit.ts', fn: 'benchAudit' },
  { name: 'verbatim', file: 'bench/verbatim.ts', fn: 'benchVerbatim' },
  { name: 'publish', file: 'bench/publish.ts', fn: 'benchPublish' },
];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
let failed = false;
for (const suite of SUITES) {
  if (wanted.length > 0 && !wanted.includes(suite.name)) continue;
  const path = join(ROOT_DIR, suite.file);
  if (!existsSync(path)) {
    process.stdout.write(`# ${suite.name}: not present\n`);
    continue;
  }
  process.stdout.write(`# ${suite.name}\n`);
  try {
    const mod = (await import(path)) as Record<string, Bench>;
    const figures = await mod[suite.fn]!();
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`${suite.name}.${k}: ${v}\n`);
  } catch (e) {
    failed = true;
    process.stdout.write(`# ${suite.name} failed: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}
process.exit(failed ? 1 : 0);
