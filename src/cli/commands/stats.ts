import type { Command } from 'commander';
import { formatYearStats, yearStats } from '../../stats/year.ts';
import { printJson, withStore } from '../context.ts';
import { CliError } from '../errors.ts';

export function register(program: Command): void {
  program
    .command('stats')
    .description('yearly figures like the UN Highlights, each with the records and sources behind it')
    .requiredOption('--year <year>', 'calendar year, e.g. 2020')
    .option('--json', 'print JSON (keys meetings, videoconferences, resolutions, ..., sources, coverage)')
    .action(async (opts: { year: string; json?: boolean }) => {
      const year = Number(opts.year);
      if (!/^\d{4}$/.test(opts.year) || year < 1946 || year > 2100)
        throw new CliError(`--year "${opts.year}" is not a year between 1946 and 2100`);
      const stats = await withStore((store) => yearStats(store, year));
      if (opts.json) printJson(stats);
      else process.stdout.write(formatYearStats(stats));
    });
}
