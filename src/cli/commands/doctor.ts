import type { Command } from 'commander';
import { sql } from 'kysely';
import { loadConfig } from '../../config/config.ts';
import { countRecords } from '../../store/counts.ts';
import { openStore } from '../../store/db.ts';
import { pendingMigrations, schemaVersion } from '../../store/migrate.ts';
import { printJson } from '../context.ts';
import { indexStaleSince } from '../../search/indexer.ts';
import { loadKeys } from '../../procedure/audit-keys.ts';
import { checkpointPath } from '../../procedure/audit-anchor.ts';
import { CliError } from '../errors.ts';

export function register(program: Command): void {
  program
    .command('doctor')
    .description('show the configuration in use, whether the database is reachable, its schema and counts')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const store = openStore(config.database);
      const report: Record<string, unknown> = {
        database: { kind: store.dialect, location: store.location },
        server: { host: config.host, port: config.port },
        node: process.version,
      };
      let healthy = true;
      let problem: string | undefined;
      try {
        await sql`select 1`.execute(store.db);
        report.reachable = true;
        report.schemaVersion = await schemaVersion(store);
        report.pendingMigrations = await pendingMigrations(store);
        report.counts = report.schemaVersion ? await countRecords(store) : null;
        if (report.schemaVersion) {
          // Where the audit's key and checkpoint are (never the key itself): docs/security.md.
          let keys: string;
          try {
            const ring = loadKeys(config.audit);
            keys = ring
              ? `${ring.byId.size} key(s) from ${ring.source}, signing with ${ring.current.id}`
              : 'none yet';
          } catch (e) {
            keys = `unreadable: ${(e as Error).message}`;
            problem = `the audit key cannot be read (${(e as Error).message})`;
          }
          report.audit = { keys, checkpoint: await checkpointPath(store, config.audit.checkpoint) };
          const staleSince = await indexStaleSince(store.db);
          report.searchIndex = staleSince
            ? {
                stale: true,
                since: staleSince,
                repair:
                  'an import was interrupted: the next `council start` or import rebuilds it (or `council search reindex`)',
              }
            : { stale: false };
          if (staleSince)
            problem = `the search index is stale since ${staleSince}: the next \`council start\` or import rebuilds it`;
        }
      } catch (e) {
        healthy = false;
        report.reachable = false;
        report.error = e instanceof Error ? e.message : String(e);
      } finally {
        await store.close();
      }
      if (opts.json) printJson(report);
      else {
        for (const [k, v] of Object.entries(report)) {
          process.stdout.write(
            `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}\n`,
          );
        }
      }
      if (!healthy) throw new CliError(`database not reachable: ${String(report.error)}`);
      if (problem) throw new CliError(problem);
    });
}
