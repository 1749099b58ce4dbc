import type { Command } from 'commander';
import { formatProblem, importDhlFiles, type ImportReport } from '../../ingest/dhl/index.ts';
import { reindexAll } from '../../search/indexer.ts';
import { createProgress } from '../../ingest/progress.ts';
import { importUndlVoting } from '../../ingest/undl/index.ts';
import { printJson, withStore } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseMaxBytes } from './extract.ts';

const KINDS = ['dhl', 'vetoes', 'undl'] as const;
type Kind = (typeof KINDS)[number];
type ImportOptions = { json?: boolean; strict?: boolean; maxBytes?: string };

function printReport(r: ImportReport): void {
  for (const s of r.sources) process.stdout.write(`${s.id}: ${s.rows} rows (source ${s.outcome})\n`);
  const t = (x: ImportReport['meetings']) => `${x.insert} insert, ${x.update} update, ${x.noop} noop`;
  process.stdout.write(`meetings: ${t(r.meetings)}\ndecisions: ${t(r.decisions)}\n`);
  const errors = r.problems.filter((p) => p.severity === 'error');
  const warnings = r.problems.filter((p) => p.severity === 'warning');
  if (r.problems.length > 0)
    process.stdout.write(`${errors.length} row(s) not imported, ${warnings.length} warning(s):\n`);
  for (const p of r.problems) process.stdout.write(`  ${formatProblem(p)}\n`);
}

export function register(program: Command): void {
  program
    .command('import')
    .description(
      'import sources into the record (idempotent; reports insert/update/noop and every bad row):\n' +
        '  dhl PATH...     UN Library meeting tables (../shared/data/dhl-tables/*.html, 1946-2022; the veto table too)\n' +
        '  vetoes PATH...  veto lists: the CSV (../shared/data/vetoes/*.csv) and/or the DHL veto table\n' +
        '  undl PATH|URL   UN Digital Library "Security Council voting data" CSV, streamed',
    )
    .argument('<kind>', `one of ${KINDS.join(', ')}`)
    .argument('<paths...>', 'files (or, for undl, an http(s) URL)')
    .option('--json', 'print the report as JSON')
    .option('--strict', 'exit non-zero when any row was not imported')
    .option('--max-bytes <size>', 'dhl, vetoes: refuse files larger than this', '32M')
    .action(async (kind: string, paths: string[], opts: ImportOptions) => {
      if (!KINDS.includes(kind as Kind))
        throw new CliError(`unknown import kind "${kind}" (expected ${KINDS.join(', ')})`);
      const maxBytes = parseMaxBytes(opts.maxBytes);
      const progress = createProgress();
      const report = await withStore(async (store) => {
        try {
          let result: ImportReport;
          if (kind === 'undl') {
            if (paths.length !== 1) throw new CliError('council import undl takes one path or URL');
            result = await importUndlVoting(store, paths[0]!, { progress });
          } else
            result = await importDhlFiles(store, paths, {
              kind: kind as 'dhl' | 'vetoes',
              progress,
              maxBytes,
            });
          // Search must find what was just imported; an import that changed nothing leaves the index as it is.
          const changed = [result.meetings, result.decisions].some((t) => t.insert + t.update > 0);
          if (changed) await reindexAll(store);
          return result;
        } catch (e) {
          if (e instanceof CliError) throw e;
          throw new CliError(`import ${kind} failed, nothing was written: ${(e as Error).message}`);
        }
      });
      if (opts.json) printJson(report);
      else printReport(report);
      if (opts.strict && report.problems.some((p) => p.severity === 'error')) process.exitCode = 3;
    });
}
