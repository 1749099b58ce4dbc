import type { Command } from 'commander';
import { formatYearStats, yearStats } from '../../stats/year.ts';
import { printJson, withStore } from '../context.ts';
import { parseYear } from '../options.ts';

export function register(program: Command): void {
  program
    .command('stats')
    .description('yearly figures like the UN Highlights, each with the records and sources behind it')
    .requiredOption('--year <year>', 'calendar year, e.g. 2020')
    .option('--json', 'print JSON (keys meetings, videoconferences, resolutions, ..., sources, coverage)')
    .action(async (opts: { year: string; json?: boolean }) => {
      const year = parseYear(opts.year);
      const stats = await withStore((store) => yearStats(store, year));
      if (opts.json) printJson(stats);
      else process.stdout.write(formatYearStats(stats));
    });
}
