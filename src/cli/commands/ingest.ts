import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { ingestPaths } from '../../ingest/repertoire/index.ts';
import { sectionFiles } from '../../ingest/repertoire/files.ts';
import { ingestVerbatimFiles, splitPdfPaths } from '../../ingest/verbatim/index.ts';
import { indexChanges, indexStaleSince, reindexAll } from '../../search/indexer.ts';
import { createProgress } from '../../ingest/progress.ts';
import { printJson, withStore } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseMaxBytes, parseYear } from '../options.ts';
import { checkDraftFile, type DraftReport } from '../../ingest/repertoire/drafts.ts';
import { factLine } from '../../server/web/facts.ts';
import type { Lang } from '../../domain/vocabulary.ts';

export function register(program: Command): void {
  program
    .command('ingest')
    .description(
      'store Repertoire sections (files, or folders of .txt files) and verbatim records (S/PV PDFs, or folders of .pdf files) in the record, with provenance',
    )
    .argument('<paths...>', 'section files, verbatim-record PDFs, or folders')
    .option('--lang <lang>', 'zh or en (guessed from each file when omitted)')
    .option('--year <year>', 'the Repertoire year (inferred from each file when omitted)')
    .option('--max-bytes <size>', 'refuse files larger than this', '32M')
    .option(
      '--draft',
      'check each file as a draft of its section and keep it as a draft (the record is not changed): ' +
        'prints its findings and what it adds, changes and removes against the published version; ' +
        'publish it with council section publish DRAFT-ID',
    )
    .option('--json', 'print JSON')
    .action(
      async (
        paths: string[],
        opts: { lang?: string; year?: string; maxBytes?: string; draft?: boolean; json?: boolean },
      ) => {
        if (opts.lang !== undefined && opts.lang !== 'zh' && opts.lang !== 'en') {
          throw new CliError(`--lang must be zh or en, not "${opts.lang}"`, 2);
        }
        const year = parseYear(opts.year);
        const maxBytes = parseMaxBytes(opts.maxBytes);
        if (opts.draft) {
          await checkDrafts(paths, {
            ...(opts.lang ? { lang: opts.lang as Lang } : {}),
            ...(year ? { year } : {}),
            maxBytes,
            json: opts.json === true,
          });
          return;
        }
        const { pdfs, others } = splitPdfPaths(paths);
        // A folder of PDFs only is not a missing section: look for section files before reading any.
        const sections = sectionFiles(others);
        const { run, verbatim } = await withStore(async (store) => {
          const progress = createProgress(opts.json ? { mode: 'silent' } : {});
          // Search must find what was just stored: each file's changed units are re-indexed in the
          // transaction that stores it. An index already behind the record (an import killed before its
          // rebuild) is rebuilt whole instead, after a run that changed something.
          const stale = (await indexStaleSince(store.db)) !== null;
          const follow = stale ? undefined : indexChanges;
          const verbatim = await ingestVerbatimFiles(store, pdfs, progress, follow);
          const result =
            sections.length > 0
              ? await ingestPaths(store, sections, {
                  ...(opts.lang ? { lang: opts.lang as Lang } : {}),
                  ...(year ? { year } : {}),
                  maxBytes,
                  progress,
                  ...(follow ? { follow } : {}),
                })
              : { files: [], failed: [], total: { insert: 0, update: 0, noop: 0 } };
          const changed =
            result.total.insert + result.total.update + verbatim.total.insert + verbatim.total.update;
          if (stale && changed > 0) await reindexAll(store);
          return { run: result, verbatim };
        });
        const failed = [...verbatim.failed, ...run.failed];
        const stored = run.files.length + verbatim.files.length;
        if (opts.json)
          printJson(verbatim.files.length + verbatim.failed.length > 0 ? { ...run, verbatim } : run);
        else {
          for (const f of [...verbatim.files, ...run.files]) {
            const changed = f.total.insert + f.total.update;
            const detail = Object.entries(f.counts)
              .map(([k, t]) => `${k} ${t.insert}/${t.update}/${t.noop}`)
              .join(', ');
            process.stdout.write(
              `${f.file}: ${changed === 0 ? `unchanged (all ${f.total.noop} records noop)` : `insert ${f.total.insert}, update ${f.total.update}, noop ${f.total.noop}`}` +
                ` [${detail}]${f.findings ? `; ${f.findings} findings (see council extract)` : ''}\n`,
            );
          }
          const total = {
            insert: run.total.insert + verbatim.total.insert,
            update: run.total.update + verbatim.total.update,
            noop: run.total.noop + verbatim.total.noop,
          };
          process.stdout.write(`total: insert ${total.insert}, update ${total.update}, noop ${total.noop}\n`);
        }
        // The reader's errors of a verbatim record name the file already.
        for (const f of verbatim.failed) process.stderr.write(`council: ${f.error}\n`);
        for (const f of run.failed) process.stderr.write(`council: ${f.file}: ${f.error}\n`);
        if (failed.length > 0) {
          throw new CliError(`${failed.length} of ${failed.length + stored} files could not be stored`, 1);
        }
        if (stored === 0) throw new CliError('no section files or verbatim records found', 2);
      },
    );
}

async function checkDrafts(
  paths: string[],
  opts: { lang?: Lang; year?: number; maxBytes: number; json: boolean },
): Promise<void> {
  const files = sectionFiles(paths);
  if (files.length === 0) throw new CliError('no section files found', 2);
  const reports: DraftReport[] = [];
  const failed: { file: string; error: string }[] = [];
  await withStore(async (store) => {
    for (const file of files) {
      try {
        reports.push(await checkDraftFile(store, file, { ...opts, by: `cli:${userInfo().username}` }));
      } catch (e) {
        if (!(e instanceof Error)) throw e;
        failed.push({ file, error: e.message });
      }
    }
  });
  if (opts.json) printJson({ drafts: reports, failed });
  else for (const r of reports) process.stdout.write(draftText(r));
  for (const f of failed) process.stderr.write(`council: ${f.file}: ${f.error}\n`);
  if (failed.length > 0)
    throw new CliError(`${failed.length} of ${files.length} drafts could not be checked`, 1);
}

function draftText(r: DraftReport): string {
  const lines = [
    `${r.file}: ${r.outcome === 'noop' ? 'already kept as' : 'kept as'} draft ${r.draftId} (the record is unchanged)`,
    `findings: ${r.findings.length}`,
    ...r.findings.map((f) => `  ${f.severity} ${f.where}: ${f.message} [${f.code}]`),
    r.publishedId
      ? `against the published version ${r.publishedId}: ${r.changes.length} facts added, changed or removed`
      : `no published version of ${r.sectionId} yet: every fact is new`,
    ...r.changes.map((c) => `  ${factLine(c)}`),
    `publish it: council section publish ${r.draftId}`,
  ];
  return `${lines.join('\n')}\n`;
}
