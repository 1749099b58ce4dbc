/**
 * Scaling out: a second PostgreSQL instance on localhost, started as a streaming replica of the test
 * cluster (pg_basebackup -R), serves searches while writes go to the primary (ctx.readStore ≠ ctx.store,
 * as `council start` sets up with DATABASE_READ_URL). Runs when PostgreSQL is reachable and its binaries
 * and the postgres OS user are there (always under CI=true); otherwise skipped with the reason.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';
import { indexDocs } from '../../src/search/indexer.ts';
import { search } from '../../src/search/search.ts';
import { buildApp } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { query, replicaPrerequisites, startReplica, type Replica } from '../support/replica.ts';
import { PG_ADMIN_URL, postgresTestStore, type TestStore } from '../support/stores.ts';
import { SEED_FILE } from './support/record.ts';

const skip = await replicaPrerequisites();
if (skip && process.env.CI === 'true') throw new Error(`CI=true but the replica test cannot run: ${skip}`);
if (skip) process.stderr.write(`# replica test SKIPPED: ${skip}\n`);

describe('search served from a streaming read replica', { skip: skip || false }, () => {
  let primary: TestStore;
  let replica: Store;
  let standby: Replica;
  let replicaUrl: string;

  const paragraphs = readFileSync(SEED_FILE, 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ''))
    .filter((p) => p.length > 80);
  const doc = (i: number, body: string) => ({
    id: `paragraph:replica-test:p${i}`,
    kind: 'paragraph' as const,
    entityId: `replica-test:p${i}`,
    lang: 'zh' as const,
    year: 2020,
    date: null,
    agendaItemId: '2020-23',
    itemNumber: 23,
    format: null,
    decisionKind: null,
    states: [],
    sectionId: 'replica-test',
    link: `/items/2020/23#p${i}`,
    title: '联合国维持和平行动',
    body,
  });

  before(async () => {
    primary = await postgresTestStore();
    await indexDocs(
      primary.store.db,
      paragraphs.slice(0, 5).map((p, i) => doc(i, p)),
    );
    standby = await startReplica(primary.env.DATABASE_URL!);
    replicaUrl = standby.url;
    replica = openStore({ kind: 'postgres', url: replicaUrl });
  });

  after(async () => {
    await replica?.close();
    await standby?.stop();
    await primary?.dispose();
  });

  it('is a hot standby streaming from the primary', async () => {
    const [r] = await query<{ pg_is_in_recovery: boolean }>(replicaUrl, 'select pg_is_in_recovery()');
    assert.equal(r!.pg_is_in_recovery, true);
    const senders = await query<{ state: string }>(PG_ADMIN_URL, 'select state from pg_stat_replication');
    assert.ok(senders.some((s) => s.state === 'streaming'));
    await assert.rejects(query(replicaUrl, 'create table t (x int)'), /read-only/);
  });

  it('serves /api/search from the replica, with writes to the primary arriving by streaming', async () => {
    const config = loadConfig({ ...primary.env, DATABASE_READ_URL: replicaUrl });
    assert.equal(config.database.kind === 'postgres' && config.database.readUrl, replicaUrl);
    const app = await buildApp({ store: primary.store, readStore: replica, config }, { logger: false });
    try {
      const get = async (q: string) =>
        (await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` })).json<{
          hits: { id: string }[];
        }>();
      assert.ok((await get('维和人员')).hits.length > 0, 'the base backup holds the indexed paragraphs');
      // A paragraph written to the primary after the backup: found only once the replica has replayed it.
      const later = paragraphs.find((p) => p.includes('荷花'))!;
      await indexDocs(primary.store.db, [doc(99, later)]);
      let found = false;
      for (let i = 0; i < 100 && !found; i++) {
        found = (await get('荷花')).hits.some((h) => h.id === 'paragraph:replica-test:p99');
        if (!found) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(found, 'the new paragraph reached the replica');
      assert.deepEqual(
        (await search(replica, { q: '荷花' })).hits.map((h) => h.id),
        (await search(primary.store, { q: '荷花' })).hits.map((h) => h.id),
      );
    } finally {
      await app.close();
    }
  });
});
