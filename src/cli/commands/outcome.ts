import type { Command } from 'commander';
import { Article27Error, decide, parseVoteList } from '../../domain/article27.ts';
import { CliError } from '../errors.ts';
import { printJson } from '../context.ts';
import { collectCodes } from '../options.ts';

export function register(program: Command): void {
  program
    .command('outcome')
    .description('apply Article 27 of the Charter to a vote: adopted or not, and why')
    .requiredOption(
      '--date <YYYY-MM-DD>',
      'date of the vote, 1946-01-17 to 2026-12-31 (fixes the members: 11 to 1965, 15 since)',
    )
    .requiredOption(
      '--votes <list>',
      "every member's vote: ISO3=Y|N|A|X, comma-separated (X = absent or not participating)",
    )
    .option('--procedural', 'a procedural matter (Art. 27(2): no veto)', false)
    .option(
      '--party <ISO3>',
      'a member that is party to the dispute and must abstain (repeatable)',
      collectCodes,
      [],
    )
    .option('--json', 'print JSON', false)
    .action((opts: { date: string; votes: string; procedural: boolean; party: string[]; json: boolean }) => {
      try {
        const outcome = decide({
          date: opts.date,
          votes: parseVoteList(opts.votes),
          procedural: opts.procedural,
          parties: opts.party,
        });
        if (opts.json) printJson(outcome);
        else
          process.stdout.write(
            `${outcome.adopted ? 'ADOPTED' : 'NOT ADOPTED'} ${outcome.for}-${outcome.against}-${outcome.abstaining}` +
              `${outcome.absent > 0 ? ` (${outcome.absent} absent)` : ''}: ${outcome.reason}\n`,
          );
      } catch (e) {
        if (e instanceof Article27Error) throw new CliError(e.message);
        throw e;
      }
    });
}
