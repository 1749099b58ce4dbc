// The layer check: no import in src/ runs against the flow
//   domain → ingest → store → search / publish / procedure → server / cli
// Every top folder of src/ sits in one layer (LAYERS, lowest first). A module may import its own folder
// and the folders of lower layers; never a higher layer, and never a sibling folder of its own layer
// (publish, procedure, stats and check stay independent of each other). Run by `npm run lint` (so CI runs it)
// and by test/structure/layers.test.ts. Usage: node scripts/check-layers.mjs [--root DIR] (default: .).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layers, lowest first, with why each sits where it does (docs/architecture.md says the same).
 * - config, lib: shared bottom (settings and paths; generic helpers with no project knowledge).
 * - domain: the Council's rules and vocabulary, pure (Article 27, membership, symbols, agenda titles).
 * - store: the record (schema, migrations, the one write path with provenance, the read queries).
 * - ingest: reads the sources and writes them through the store's one write path (so it imports store:
 *   the data flows from the sources through ingest into the store).
 * - search: the index over the record, kept in step with every write (an import, or a written procedure
 *   entering its decision, re-indexes what it wrote, which also tells the caches the record changed).
 * - publish, procedure, stats, check: read (and, for the procedure, write) the record and its index.
 * - seed: fills an empty record from the shared sources (runs ingest, then builds the search index).
 * - server, cli: the entry points (`council start` starts the server, so cli sits above server).
 */
export const LAYERS = [
  ['config', 'lib'],
  ['domain'],
  ['store'],
  ['ingest'],
  ['search'],
  ['publish', 'procedure', 'stats', 'check'],
  ['seed'],
  ['server'],
  ['cli'],
];

const SOURCE = /\.(ts|mts|mjs|js)$/;
// Static imports and re-exports (`import x from '…'`, `export * from '…'`, `import '…'`) and dynamic
// imports of a literal path (`import('…')`); type-only imports count too (they are a dependency).
const IMPORT = /(?:\bimport|\bexport)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g;

function layerOf(folder) {
  return LAYERS.findIndex((l) => l.includes(folder));
}

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The line number (1-based) of a character offset. */
function lineAt(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Every import in `root`/src that runs against the layers, as { file, line, from, to, why }; none when
 * the layers hold. Only relative imports are checked (packages are outside the layers).
 */
export function checkLayers(root) {
  const src = resolve(root, 'src');
  const problems = [];
  for (const file of sourceFiles(src)) {
    const rel = relative(src, file).split(sep);
    const from = rel.length > 1 ? rel[0] : '(src)';
    const text = readFileSync(file, 'utf8');
    const where = relative(root, file).split(sep).join('/');
    const fromLayer = layerOf(from);
    if (fromLayer < 0) {
      problems.push({ file: where, line: 1, from, to: from, why: `src/${from}/ is in no layer` });
      continue;
    }
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      const target = relative(src, resolve(dirname(file), spec)).split(sep);
      if (target[0] === '..') continue; // outside src (e.g. package.json): not a layer
      const to = target.length > 1 ? target[0] : '(src)';
      if (to === from) continue;
      const toLayer = layerOf(to);
      const line = lineAt(text, m.index);
      if (toLayer < 0) problems.push({ file: where, line, from, to, why: `src/${to}/ is in no layer` });
      else if (toLayer > fromLayer)
        problems.push({ file: where, line, from, to, why: `${from} may not import ${to} (a higher layer)` });
      else if (toLayer === fromLayer)
        problems.push({ file: where, line, from, to, why: `${from} may not import ${to} (same layer)` });
    }
  }
  return problems;
}

function main(argv) {
  const at = argv.indexOf('--root');
  const root = at >= 0 && argv[at + 1] ? argv[at + 1] : '.';
  const problems = checkLayers(root);
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.why}`);
  if (problems.length > 0) {
    console.error(
      `${problems.length} import(s) against the layers (${LAYERS.map((l) => l.join(' ')).join(' < ')}); ` +
        'see docs/architecture.md',
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main(process.argv.slice(2));
