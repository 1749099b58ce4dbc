import type { Command } from 'commander';
import { formatProblem, importDhlFiles, type ImportReport } from '../../ingest/dhl/index.ts';
import { reindexAll } from '../../search/indexer.ts';
import { createProgress } from '../../ingest/progress.ts';
import { importUndlVoting } from '../../ingest/undl/index.ts';
import { importVtcLetters, type VtcLettersReport } from '../../ingest/vtc-letters/index.ts';
import { printJson, withStore } from '../context.ts';
import { CliError } from '../errors.ts';

const KINDS = ['dhl', 'vetoes', 'undl', 'vtc-letters'] as const;
type Kind = (typeof KINDS)[number];

const t = (x: ImportReport['meetings']) => `${x.insert} insert, ${x.update} update, ${x.noop} noop`;

function printReport(r: ImportReport | VtcLettersReport): void {
  for (const s of r.sources) process.stdout.write(`${s.id}: ${s.rows} rows (source ${s.outcome})\n`);
  if ('letters' in r) {
    const by = (k: string) => r.letters.filter((l) => l.by === k).length;
    process.stdout.write(
      `letters: ${by('symbol')} matched by symbol, ${by('date_topic')} by date and topic, ` +
        `${by('none') + by('ambiguous')} kept as videoconferences of their own\n` +
        `meetings: ${t(r.meetings)}\nparticipants: ${t(r.participants)}\nspeeches: ${t(r.speeches)}\n` +
        `names: ${r.names.matched} matched, ${r.names.corrected} corrected, ${r.names.unresolved} kept as printed (flagged)\n`,
    );
  } else process.stdout.write(`meetings: ${t(r.meetings)}\ndecisions: ${t(r.decisions)}\n`);
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
        '  dhl PATH...     UN Library meeting tables (data/sources/dhl-tables/*.html; the veto table too)\n' +
        '  vetoes PATH...  veto lists: the CSV (data/sources/vetoes/*.csv) and/or the DHL veto table\n' +
        '  undl PATH|URL   UN Digital Library "Security Council voting data" CSV, streamed\n' +
        '  vtc-letters CSV the 2020 videoconference letters (text by OCR): participants and statements',
    )
    .argument('<kind>', `one of ${KINDS.join(', ')}`)
    .argument('<paths...>', 'files (or, for undl, an http(s) URL)')
    .option('--json', 'print the report as JSON')
    .option('--strict', 'exit non-zero when any row was not imported')
    .action(async (kind: string, paths: string[], opts: { json?: boolean; strict?: boolean }) => {
      if (!KINDS.includes(kind as Kind))
        throw new CliError(`unknown import kind "${kind}" (expected ${KINDS.join(', ')})`);
      const progress = createProgress();
      const report = await withStore(async (store) => {
        try {
          let result: ImportReport | VtcLettersReport;
          if (kind === 'vtc-letters') {
            if (paths.length !== 1) throw new CliError('council import vtc-letters takes one CSV file');
            result = await importVtcLetters(store, paths[0]!, { progress });
          } else if (kind === 'undl') {
            if (paths.length !== 1) throw new CliError('council import undl takes one path or URL');
            result = await importUndlVoting(store, paths[0]!, { progress });
          } else result = await importDhlFiles(store, paths, { kind: kind as 'dhl' | 'vetoes', progress });
          // Search must find what was just imported; an import that changed nothing leaves the index as it is.
          const changed = Object.values(result)
            .filter((v): v is ImportReport['meetings'] => typeof v === 'object' && v !== null && 'noop' in v)
            .some((x) => x.insert + x.update > 0);
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
