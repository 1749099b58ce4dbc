import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { withStore } from '../context.ts';
import { ProcedureService } from '../../procedure/service.ts';
import { cliError } from './user.ts';

export function register(program: Command): void {
  const session = program.command('session').description('login sessions of the written voting procedure');
  session
    .command('revoke <name>')
    .description('end every session of a user now (a stolen token, a lost device); it can log in again')
    .action(async (name: string) => {
      await withStore(async (store, config) => {
        const service = ProcedureService.configured(store, config);
        const r = await service.revokeSessions(name, `cli:${userInfo().username}`).catch(cliError);
        process.stdout.write(`ended ${r.sessionsEnded} session(s) of ${name}\n`);
      });
    });
}
