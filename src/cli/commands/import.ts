import type { Command } from 'commander';
import { formatProblem, importDhlFiles, type ImportReport } from '../../ingest/dhl/index.ts';
import { followedByIndex } from '../../search/indexer.ts';
import { createProgress } from '../../ingest/progress.ts';
import { importUndlVoting } from '../../ingest/undl/index.ts';
import { importVotes, type VotesImportReport } from '../../ingest/votes/index.ts';
import { importVtcLetters, type VtcLettersReport } from '../../ingest/vtc-letters/index.ts';
import { printJson, withStore } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseMaxBytes } from '../options.ts';
import { UNDL_MAX_BYTES } from '../../ingest/undl/parse.ts';

const KINDS = ['dhl', 'vetoes', 'undl', 'votes', 'vtc-letters'] as const;
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

/** The votes report adds what was matched, the day/month swaps, and a table of what was refused and why. */
function printVotesReport(r: VotesImportReport): void {
  printReport(r);
  process.stdout.write(
    `vote blocks: ${r.blocks.read} read, ${r.blocks.matched} matched to a decision; ${r.votesTaken} member votes taken; ` +
      `${r.dateSwaps} dated with day and month swapped (the tables' date kept, the sheet's a conflict)\n`,
  );
  if (r.refused.length === 0) return;
  process.stdout.write('refused        count  reason\n');
  for (const x of r.refused)
    process.stdout.write(`  ${x.reason.padEnd(34)} ${String(x.count).padStart(5)}\n`);
}

export function register(program: Command): void {
  program
    .command('import')
    .description(
      'import sources into the record (idempotent; reports insert/update/noop and every bad row):\n' +
        '  dhl PATH...     UN Library meeting tables (../shared/data/dhl-tables/*.html, 1946-2022; the veto table too)\n' +
        '  vetoes PATH...  veto lists: the CSV (../shared/data/vetoes/*.csv) and/or the DHL veto table\n' +
        '  undl PATH|URL   UN Digital Library "Security Council voting data" CSV, streamed\n' +
        "  votes PATH...   per-member votes (the dashboards' voting sheet, or a UNDL voting CSV), matched\n" +
        '                  to the decisions of the meeting tables; refusals listed with their reason\n' +
        '  vtc-letters CSV the 2020 videoconference letters (text by OCR): participants and statements',
    )
    .argument('<kind>', `one of ${KINDS.join(', ')}`)
    .argument('<paths...>', 'files (or, for undl, an http(s) URL)')
    .option('--json', 'print the report as JSON')
    .option('--strict', 'exit non-zero when any row was not imported')
    .option('--max-bytes <size>', 'undl, dhl, vetoes: refuse a file larger than this', '256M')
    .action(
      async (
        kind: string,
        paths: string[],
        opts: { json?: boolean; strict?: boolean; maxBytes?: string },
      ) => {
        if (!KINDS.includes(kind as Kind))
          throw new CliError(`unknown import kind "${kind}" (expected ${KINDS.join(', ')})`);
        const maxBytes = opts.maxBytes ? parseMaxBytes(opts.maxBytes) : UNDL_MAX_BYTES;
        const progress = createProgress();
        const report = await withStore(async (store) => {
          try {
            // Search must find what was just imported; an import that changed nothing leaves the index as
            // it is, unless an earlier import was killed before the index caught up.
            const { result } = await followedByIndex(
              store,
              async (): Promise<ImportReport | VtcLettersReport | VotesImportReport[]> => {
                if (kind === 'votes') return importVotes(store, paths, { progress });
                if (kind === 'vtc-letters') {
                  if (paths.length !== 1) throw new CliError('council import vtc-letters takes one CSV file');
                  return importVtcLetters(store, paths[0]!, { progress });
                }
                if (kind !== 'undl')
                  return importDhlFiles(store, paths, { kind: kind as 'dhl' | 'vetoes', progress, maxBytes });
                if (paths.length !== 1) throw new CliError('council import undl takes one path or URL');
                return importUndlVoting(store, paths[0]!, { progress, maxBytes });
              },
              // Any insert or update of any kind of row (meetings, decisions, participants, speeches).
              (r) =>
                (Array.isArray(r) ? r : [r]).some((x) =>
                  Object.values(x)
                    .filter(
                      (v): v is ImportReport['meetings'] =>
                        typeof v === 'object' && v !== null && 'noop' in v,
                    )
                    .some((c) => c.insert + c.update > 0),
                ),
            );
            return result;
          } catch (e) {
            if (e instanceof CliError) throw e;
            throw new CliError(`import ${kind} failed, nothing was written: ${(e as Error).message}`);
          }
        });
        const all = Array.isArray(report) ? report : [report];
        if (opts.json) printJson(Array.isArray(report) ? { kind, reports: report } : report);
        else if (Array.isArray(report)) report.forEach(printVotesReport);
        else printReport(report);
        if (opts.strict && all.some((r) => r.problems.some((p) => p.severity === 'error')))
          process.exitCode = 3;
      },
    );
}
