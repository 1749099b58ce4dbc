/**
 * The whole record as `npm start` seeds it from the shared folder (every UN Library table 1946–2022, the
 * veto lists, the seed section, the search index), for tests that need the whole history. Seeding takes
 * tens of seconds, so it is done once per test process into a template file and each caller gets a copy.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { seedRecord } from '../../src/seed/index.ts';
import { openStore } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { TestStore } from './stores.ts';

let template: Promise<{ path: string; seconds: number }> | undefined;

async function buildTemplate(): Promise<{ path: string; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'council-history-'));
  const path = join(dir, 'template.db');
  const store = openStore({ kind: 'sqlite', path });
  const started = performance.now();
  await migrate(store);
  const seeded = await seedRecord(store, pino({ level: 'silent' }));
  if (!seeded) throw new Error('the shared folder is missing: the whole record cannot be seeded');
  // One file: the copy must not depend on a write-ahead log beside it.
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
  await store.close();
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return { path, seconds: (performance.now() - started) / 1000 };
}

/** A private copy of the seeded whole record (speed is measured in bench/, not here). */
export async function historyStore(): Promise<TestStore & { seconds: number }> {
  template ??= buildTemplate();
  const { path: from, seconds } = await template;
  const dir = mkdtempSync(join(tmpdir(), 'council-test-'));
  const path = join(dir, 'council.db');
  copyFileSync(from, path);
  const store = openStore({ kind: 'sqlite', path });
  return {
    store,
    seconds,
    env: { COUNCIL_DB: path },
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
