import type { Command } from 'commander';
import { followedByIndex } from '../../search/indexer.ts';
import { createProgress } from '../../ingest/progress.ts';
import { runSource } from '../../ingest/common/contract.ts';
import { failedFiles } from '../../ingest/common/file-run.ts';
import { wroteAnything } from '../../ingest/common/report.ts';
import { importContext, loadSources } from '../../ingest/sources.ts';
import { printJson, withStore } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseMaxBytes } from '../options.ts';

/** `council import KIND PATH...`: every source of src/ingest/ (one folder each) is a kind; see docs/import.md. */
export async function register(program: Command): Promise<void> {
  const sources = await loadSources();
  const kinds = sources.map((s) => s.kind);
  const width = Math.max(...kinds.map((k) => k.length));
  program
    .command('import')
    .description(
      'import sources into the record (idempotent; reports insert/update/noop and every bad row):\n' +
        sources.map((s) => `  ${s.kind.padEnd(width)}  ${s.summary}`).join('\n'),
    )
    .argument('<kind>', `one of ${kinds.join(', ')}`)
    .argument('<paths...>', 'files (or, for undl, an http(s) URL)')
    .option('--json', 'print the report as JSON')
    .option('--strict', 'exit non-zero when any row was not imported')
    .option('--max-bytes <size>', 'refuse a file larger than this', '256M')
    .action(
      async (
        kind: string,
        paths: string[],
        opts: { json?: boolean; strict?: boolean; maxBytes?: string },
      ) => {
        const source = sources.find((s) => s.kind === kind);
        if (!source) throw new CliError(`unknown import kind "${kind}" (expected ${kinds.join(', ')})`);
        if (source.single && paths.length !== 1)
          throw new CliError(`council import ${kind} takes one path${kind === 'undl' ? ' or URL' : ''}`);
        const context = await importContext({
          progress: createProgress(),
          ...(opts.maxBytes ? { maxBytes: parseMaxBytes(opts.maxBytes) } : {}),
        });
        const report = await withStore(async (store) => {
          try {
            // Search must find what was just imported; an import that changed nothing leaves the index as
            // it is, unless an earlier import was killed before the index caught up.
            const { result } = await followedByIndex(
              store,
              () => runSource(store, source, paths, context),
              wroteAnything,
            );
            return result;
          } catch (e) {
            if (e instanceof CliError) throw e;
            throw new CliError(`import ${kind} failed, nothing was written: ${(e as Error).message}`);
          }
        });
        if (opts.json) printJson(report);
        else process.stdout.write(`${source.describe(report).join('\n')}\n`);
        // Rows left out of a file that was read fail the import only with --strict.
        const failed = failedFiles(report);
        if (failed > 0)
          throw new CliError(`${failed} of ${failed + report.sources.length} files could not be imported`);
        if (opts.strict && report.problems.some((p) => p.severity === 'error')) process.exitCode = 3;
      },
    );
}
