import cluster from 'node:cluster';
import type { Command } from 'commander';
import pino, { type Logger } from 'pino';
import { loadConfig, type Config } from '../../config/config.ts';
import { openStore, type Store } from '../../store/db.ts';
import { migrate } from '../../store/migrate.ts';
import { countRecords } from '../../store/counts.ts';
import { seedRecord } from '../../seed/index.ts';
import { indexStaleSince, reindexAll } from '../../search/indexer.ts';
import { buildApp, type AppContext } from '../../server/app.ts';
import { PrimaryLoginGuard, PrimaryRateLimitStore, runPrimary } from '../../server/cluster.ts';
import { parseWholeNumber } from '../options.ts';

const MAX_WORKERS = 64;

export function register(program: Command): void {
  program
    .command('start')
    .description('create or migrate the database, load the bundled record if it is empty, and serve HTTP')
    .option('--no-seed', 'do not load the bundled record into an empty database')
    .option(
      '--workers <n>',
      'serve from n processes sharing the database (default: COUNCIL_WORKERS, else the number of cores; ' +
        '1: this process alone)',
    )
    .action(async (opts: { seed: boolean; workers?: string }) => {
      const config = loadConfig();
      const log = pino({ level: config.logLevel });
      // A worker of `--workers N`: the primary has prepared the database; it only serves.
      if (cluster.isWorker) {
        try {
          const store = openStore(config.database);
          return await serve(
            config,
            { store, readStore: readStoreOf(config, store) },
            {
              loginGuard: new PrimaryLoginGuard(),
              rateLimitStore: PrimaryRateLimitStore,
              workerPid: process.pid,
            },
          );
        } catch (e) {
          // Its channel to the primary would keep it alive, serving nothing: it exits, and the primary
          // starts another (or gives up when they keep failing).
          process.stderr.write(
            `council: worker ${process.pid} could not serve: ${e instanceof Error ? e.message : String(e)}\n`,
          );
          process.exit(1);
        }
      }
      let workers =
        opts.workers === undefined
          ? config.workers
          : parseWholeNumber(opts.workers, '--workers', MAX_WORKERS);
      const store = openStore(config.database);
      await prepare(store, opts.seed, log);
      if (workers > 1 && config.database.kind === 'sqlite' && config.database.path === ':memory:') {
        log.warn('an in-memory SQLite database cannot be shared by several processes: serving from one');
        workers = 1;
      }
      if (workers === 1) return serve(config, { store, readStore: readStoreOf(config, store) }, {}, true);
      // The primary serves nothing itself: its workers open the database on their own.
      await store.close();
      const code = await runPrimary({
        workers,
        host: config.host,
        log,
        loginRateMax: config.loginRateMax,
        ...(config.csrfKey ? { csrfKey: config.csrfKey } : {}),
      });
      process.exit(code);
    });
}

/** A PostgreSQL read replica when DATABASE_READ_URL is set, else the store itself. */
function readStoreOf(config: Config, store: Store): Store {
  return config.database.kind === 'postgres' && config.database.readUrl
    ? openStore({ kind: 'postgres', url: config.database.readUrl })
    : store;
}

/** Migrations, the bundled record into an empty database, a stale search index rebuilt: once, before serving. */
async function prepare(store: Store, seed: boolean, log: Logger): Promise<void> {
  await migrate(store);
  const counts = await countRecords(store);
  if (seed && counts.source === 0) {
    log.info('empty record: loading the record from the shared sources (COUNCIL_SHARED, default ../shared)');
    await seedRecord(store, log);
  }
  const stale = await indexStaleSince(store.db);
  if (stale) {
    log.warn(`the search index has been stale since ${stale} (an import was interrupted): rebuilding it`);
    const r = await reindexAll(store);
    log.info(`search index rebuilt: ${r.total} documents in ${r.ms} ms`);
  }
}

/**
 * Serves HTTP until SIGTERM or SIGINT (or, in a worker, until its primary is gone), then closes the server
 * and the database and exits 0. `announce`: print the address (the primary does it for its workers).
 */
async function serve(
  config: Config,
  stores: { store: Store; readStore: Store },
  shared: Pick<AppContext, 'loginGuard' | 'rateLimitStore' | 'workerPid'>,
  announce = false,
): Promise<never> {
  const { store, readStore } = stores;
  const app = await buildApp({ store, readStore, config, ...shared });
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    if (readStore !== store) await readStore.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  if (cluster.isWorker) process.once('disconnect', () => void close());
  await app.listen({ host: config.host, port: config.port });
  if (announce) {
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    process.stdout.write(`council-record is serving at http://${config.host}:${port}/\n`);
  }
  // The server keeps the process alive; main() must not exit.
  return new Promise<never>(() => undefined);
}
