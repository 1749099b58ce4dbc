import type { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../../config/config.ts';
import { openStore } from '../../store/db.ts';
import { migrate } from '../../store/migrate.ts';
import { countRecords } from '../../store/counts.ts';
import { seedRecord } from '../../seed/index.ts';
import { indexStaleSince, reindexAll } from '../../search/indexer.ts';
import { buildApp } from '../../server/app.ts';

export function register(program: Command): void {
  program
    .command('start')
    .description('create or migrate the database, load the bundled record if it is empty, and serve HTTP')
    .option('--no-seed', 'do not load the bundled record into an empty database')
    .action(async (opts: { seed: boolean }) => {
      const config = loadConfig();
      const log = pino({ level: config.logLevel });
      const store = openStore(config.database);
      const readStore =
        config.database.kind === 'postgres' && config.database.readUrl
          ? openStore({ kind: 'postgres', url: config.database.readUrl })
          : store;
      await migrate(store);
      const counts = await countRecords(store);
      if (opts.seed && counts.source === 0) {
        log.info(
          'empty record: loading the record from the shared sources (COUNCIL_SHARED, default ../shared)',
        );
        await seedRecord(store, log);
      }
      const stale = await indexStaleSince(store.db);
      if (stale) {
        log.warn(`the search index has been stale since ${stale} (an import was interrupted): rebuilding it`);
        const r = await reindexAll(store);
        log.info(`search index rebuilt: ${r.total} documents in ${r.ms} ms`);
      }
      const app = await buildApp({ store, readStore, config });
      const close = async () => {
        await app.close();
        if (readStore !== store) await readStore.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void close());
      process.once('SIGTERM', () => void close());
      await app.listen({ host: config.host, port: config.port });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.port;
      process.stdout.write(`council-record is serving at http://${config.host}:${port}/\n`);
      // The server keeps the process alive; main() must not exit.
      await new Promise(() => undefined);
    });
}
