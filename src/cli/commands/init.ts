import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { openStore } from '../../store/db.ts';
import { migrate } from '../../store/migrate.ts';
import { grantAppRole } from '../../store/grants.ts';
import { CliError } from '../errors.ts';

export function register(program: Command): void {
  program
    .command('init')
    .description('create the database or migrate it to the latest schema')
    .option(
      '--app-role <role>',
      'PostgreSQL: let this role (which must own nothing) use the tables as the server needs, and no more',
    )
    .action(async (opts: { appRole?: string }) => {
      const store = openStore(loadConfig().database);
      try {
        const report = await migrate(store);
        process.stdout.write(
          `${store.dialect} database at ${store.location}: ` +
            (report.applied.length > 0 ? `applied ${report.applied.join(', ')}` : 'already up to date') +
            `; schema version ${report.version}\n`,
        );
        if (opts.appRole) {
          const granted = await grantAppRole(store, opts.appRole).catch((e: Error) => {
            throw new CliError(e.message);
          });
          process.stdout.write(
            `granted to ${opts.appRole}: ${granted.length} tables (${granted.filter((g) => !g.endsWith('DELETE')).join('; ')})\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
