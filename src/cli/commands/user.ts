import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { withStore, printJson } from '../context.ts';
import { CliError } from '../errors.ts';
import { ProcedureService } from '../../procedure/service.ts';
import { ProcedureError } from '../../procedure/errors.ts';
import { readSecret } from '../read-secret.ts';
import { readUserFile } from '../user-file.ts';

export function register(program: Command): void {
  const user = program.command('user').description('accounts of the written voting procedure');
  user
    .command('add <name>')
    .description('add a user; the password (at least 12 characters) is read from stdin')
    .requiredOption('--role <role>', 'public | secretariat | president | delegation | editor')
    .option('--state <ISO3>', 'the member state a delegation (or the presidency) represents')
    .option('--json', 'print JSON', false)
    .action(async (name: string, opts: { role: string; state?: string; json: boolean }) => {
      const password = await readSecret('password');
      await withStore(async (store, config) => {
        const service = ProcedureService.configured(store, config);
        const actor = `cli:${userInfo().username}`;
        try {
          const u = await service.addUser(
            { name, role: opts.role, password, ...(opts.state ? { state: opts.state.toUpperCase() } : {}) },
            actor,
          );
          if (opts.json) printJson(u);
          else process.stdout.write(`added ${u.role} ${u.name}${u.state ? ` (${u.state})` : ''}\n`);
        } catch (e) {
          if (e instanceof ProcedureError) {
            await service.refuse(
              { userId: '', name: actor, role: 'secretariat', state: null },
              'user.add',
              name,
              e,
            );
            throw new CliError(e.message);
          }
          throw e;
        }
      });
    });
  user
    .command('import <file>')
    .description(
      'add users from a CSV file with a header row: name, role, state and an optional password column; ' +
        'an empty password is generated and printed once. All rows are checked and added in one ' +
        'transaction: a bad row is named by its line and nothing is added',
    )
    .action(async (file: string) => {
      const rows = readUserFile(file);
      await withStore(async (store, config) => {
        const service = ProcedureService.configured(store, config);
        const actor = `cli:${userInfo().username}`;
        const added = await service
          .addUsers(
            rows.map((r) => ({ where: `${file} line ${r.line}`, input: r.user })),
            actor,
          )
          .catch(async (e: unknown) => {
            if (e instanceof ProcedureError)
              await service.refuse(
                { userId: '', name: actor, role: 'secretariat', state: null },
                'user.import',
                file,
                e,
              );
            return cliError(e);
          });
        for (const [i, u] of added.entries()) {
          const generated = rows[i]!.generated ? `\tpassword: ${rows[i]!.user.password}` : '';
          process.stdout.write(`added ${u.role} ${u.name}${u.state ? ` (${u.state})` : ''}${generated}\n`);
        }
        if (rows.some((r) => r.generated))
          process.stderr.write(
            'The generated passwords are shown only this once: hand each to its user now.\n',
          );
      });
    });
  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(`${verb} <name>`)
      .description(
        disabled
          ? 'disable a user: it cannot log in any more and its sessions end now (its ballots stay)'
          : 'let a disabled user log in again',
      )
      .action(async (name: string) => {
        await withStore(async (store, config) => {
          const service = ProcedureService.configured(store, config);
          const r = await service.setDisabled(name, disabled, `cli:${userInfo().username}`).catch(cliError);
          process.stdout.write(
            `${verb}d ${name}${disabled ? ` (${r.sessionsEnded} session(s) ended)` : ''}\n`,
          );
        });
      });
  }
}

/** A refusal of the procedure is a one-line CLI error. */
export function cliError(e: unknown): never {
  if (e instanceof ProcedureError) throw new CliError(e.message);
  throw e;
}
