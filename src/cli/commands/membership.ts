import type { Command } from 'commander';
import { displayNameOn } from '../../domain/states.ts';
import { membersOn, permanentOn } from '../../domain/membership.ts';
import { addElectedTerms } from '../../domain/reference/add-terms.ts';
import { CliError } from '../errors.ts';
import { printJson } from '../context.ts';

export function register(program: Command): void {
  const membership = program
    .command('membership')
    .description('who sat on the Council: the members on a date, and adding the terms of a new election');

  membership
    .command('show')
    .description('the members of the Council on a date (1946-01-17 to the last recorded year)')
    .requiredOption('--date <YYYY-MM-DD>', 'the date')
    .option('--json', 'print JSON', false)
    .action((opts: { date: string; json: boolean }) => {
      let members: string[];
      try {
        members = membersOn(opts.date);
      } catch (e) {
        throw new CliError((e as Error).message);
      }
      const permanent = new Set(permanentOn(opts.date));
      const rows = members.map((iso3) => ({
        iso3,
        name: displayNameOn(iso3, opts.date, 'en'),
        seat: permanent.has(iso3) ? 'permanent' : 'elected',
      }));
      if (opts.json) printJson({ date: opts.date, members: rows });
      else for (const r of rows) process.stdout.write(`${r.iso3}  ${r.seat.padEnd(9)}  ${r.name}\n`);
    });

  membership
    .command('add')
    .description(
      'add the elected members of a term (all of one election at once) to data/reference/curated,\n' +
        'refused unless the Council then has 15 members on every day of the first year, never more, and a source is cited',
    )
    .argument('<states>', 'ISO3 codes, comma-separated (e.g. the five elected in one June election)')
    .requiredOption('--from <YYYY-MM-DD>', 'first day of the term (1 January)')
    .requiredOption('--to <YYYY-MM-DD>', 'last day of the term (31 December of the second year)')
    .requiredOption('--source <text>', 'where the election is recorded (GA record or UN press release)')
    .option('--note <text>', 'a note kept with the terms')
    .action((states: string, opts: { from: string; to: string; source: string; note?: string }) => {
      try {
        const r = addElectedTerms({ states: states.split(','), ...opts });
        process.stdout.write(
          `${r.added} term(s) added to data/reference/curated/membership_additions.csv; ` +
            `membership recorded to ${r.recordedTo}\n`,
        );
      } catch (e) {
        throw new CliError(`membership add refused, nothing written: ${(e as Error).message}`);
      }
    });
}
