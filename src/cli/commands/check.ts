import type { Command } from 'commander';
import { checkRecord, formatConsistencyReport } from '../../check/consistency.ts';
import { printJson, withStore } from '../context.ts';
import { parseYear } from '../options.ts';

export function register(program: Command): void {
  program
    .command('check')
    .description(
      'consistency report across sources: conflicts, records with no provenance, vote totals that disagree\n' +
        'with per-member votes, members voting outside their term (exit 1 when anything is found)',
    )
    .option('--year <year>', 'only records dated in this year')
    .option('--json', 'print JSON')
    .action(async (opts: { year?: string; json?: boolean }) => {
      const year = parseYear(opts.year) ?? null;
      const report = await withStore((store) => checkRecord(store, year));
      if (opts.json) printJson(report);
      else process.stdout.write(formatConsistencyReport(report));
      if (!report.ok) process.exitCode = 1;
    });
}
