import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { openStore } from '../../store/db.ts';
import { migrate } from '../../store/migrate.ts';

export function register(program: Command): void {
  program
    .command('init')
    .description('create the database or migrate it to the latest schema')
    .action(async () => {
      const store = openStore(loadConfig().database);
      try {
        const report = await migrate(store);
        process.stdout.write(
          `${store.dialect} database at ${store.location}: ` +
            (report.applied.length > 0 ? `applied ${report.applied.join(', ')}` : 'already up to date') +
            `; schema version ${report.version}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
