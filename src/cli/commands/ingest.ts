import type { Command } from 'commander';
import { ingestPaths } from '../../ingest/repertoire/index.ts';
import { reindexAll } from '../../search/indexer.ts';
import { createProgress } from '../../ingest/progress.ts';
import { printJson, withStore } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseMaxBytes, parseYear } from './extract.ts';

export function register(program: Command): void {
  program
    .command('ingest')
    .description('store Repertoire sections (files, or folders of .txt files) in the record, with provenance')
    .argument('<paths...>', 'section files or folders')
    .option('--lang <lang>', 'zh or en (guessed from each file when omitted)')
    .option('--year <year>', 'the Repertoire year (inferred from each file when omitted)')
    .option('--max-bytes <size>', 'refuse files larger than this', '32M')
    .option('--json', 'print JSON')
    .action(
      async (paths: string[], opts: { lang?: string; year?: string; maxBytes?: string; json?: boolean }) => {
        if (opts.lang !== undefined && opts.lang !== 'zh' && opts.lang !== 'en') {
          throw new CliError(`--lang must be zh or en, not "${opts.lang}"`, 2);
        }
        const year = parseYear(opts.year);
        const maxBytes = parseMaxBytes(opts.maxBytes);
        const run = await withStore(async (store) => {
          const result = await ingestPaths(store, paths, {
            ...(opts.lang ? { lang: opts.lang as 'zh' | 'en' } : {}),
            ...(year ? { year } : {}),
            maxBytes,
            progress: createProgress(opts.json ? { mode: 'silent' } : {}),
          });
          // Search must find what was just stored.
          if (result.total.insert + result.total.update > 0) await reindexAll(store);
          return result;
        });
        if (opts.json) printJson(run);
        else {
          for (const f of run.files) {
            const changed = f.total.insert + f.total.update;
            const detail = Object.entries(f.counts)
              .map(([k, t]) => `${k} ${t.insert}/${t.update}/${t.noop}`)
              .join(', ');
            process.stdout.write(
              `${f.file}: ${changed === 0 ? `unchanged (all ${f.total.noop} records noop)` : `insert ${f.total.insert}, update ${f.total.update}, noop ${f.total.noop}`}` +
                ` [${detail}]${f.findings ? `; ${f.findings} findings (see council extract)` : ''}\n`,
            );
          }
          process.stdout.write(
            `total: insert ${run.total.insert}, update ${run.total.update}, noop ${run.total.noop}\n`,
          );
        }
        for (const f of run.failed) process.stderr.write(`council: ${f.file}: ${f.error}\n`);
        if (run.failed.length > 0) {
          throw new CliError(
            `${run.failed.length} of ${run.failed.length + run.files.length} files could not be stored`,
            1,
          );
        }
        if (run.files.length === 0) throw new CliError('no section files found', 2);
      },
    );
}
