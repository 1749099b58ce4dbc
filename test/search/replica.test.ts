/**
 * Scaling out: a second PostgreSQL instance on localhost, started as a streaming replica of the test
 * cluster (pg_basebackup -R), serves searches while writes go to the primary (ctx.readStore ≠ ctx.store,
 * as `council start` sets up with DATABASE_READ_URL). Runs when PostgreSQL is reachable and its binaries
 * and the postgres OS user are there (always under CI=true); otherwise skipped with the reason.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../../src/config/config.ts';
import { indexDocs } from '../../src/search/indexer.ts';
import { search } from '../../src/search/search.ts';
import { buildApp } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { PG_ADMIN_URL, postgresReachable, postgresTestStore, type TestStore } from '../support/stores.ts';
import { SEED_FILE } from './support/record.ts';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

function asPostgres(args: string[]): string {
  const r = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Why the replica cannot be set up here, or '' when it can (adding the replication rule if needed). */
async function prerequisites(): Promise<string> {
  if (!(await postgresReachable())) return `PostgreSQL not reachable at ${PG_ADMIN_URL}`;
  if (!existsSync(join(PG_BIN, 'pg_basebackup'))) return `no PostgreSQL binaries in ${PG_BIN} (set PG_BIN)`;
  if (spawnSync('id', ['postgres']).status !== 0) return 'no postgres OS user to run the replica as';
  const [level] = await query<{ wal_level: string }>(PG_ADMIN_URL, 'show wal_level');
  if (!level || !['replica', 'logical'].includes(level.wal_level)) {
    return `the primary has wal_level=${level?.wal_level}; streaming replication needs 'replica' (a restart to change)`;
  }
  const [senders] = await query<{ max_wal_senders: string }>(PG_ADMIN_URL, 'show max_wal_senders');
  if (Number(senders?.max_wal_senders ?? 0) < 1)
    return 'the primary has max_wal_senders=0 (a restart to change)';
  const rules = await query<{ database: string[] }>(PG_ADMIN_URL, 'select database from pg_hba_file_rules');
  if (!rules.some((r) => r.database.includes('replication'))) {
    // pg_hba.conf is re-read on reload, without a restart.
    const [hba] = await query<{ hba_file: string }>(PG_ADMIN_URL, 'show hba_file');
    try {
      appendFileSync(
        hba!.hba_file,
        '\n# council-record replica test: local streaming replication\nhost replication all 127.0.0.1/32 trust\n',
      );
      await query(PG_ADMIN_URL, 'select pg_reload_conf()');
    } catch (e) {
      return `the primary's pg_hba.conf has no replication rule and cannot be changed here: ${(e as Error).message}`;
    }
  }
  return '';
}

const skip = await prerequisites();
if (skip && process.env.CI === 'true') throw new Error(`CI=true but the replica test cannot run: ${skip}`);
if (skip) process.stderr.write(`# replica test SKIPPED: ${skip}\n`);

describe('search served from a streaming read replica', { skip: skip || false }, () => {
  let primary: TestStore;
  let replica: Store;
  let dir: string;
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
    const port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'council-replica-'));
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
    const data = join(dir, 'data');
    const admin = new URL(PG_ADMIN_URL);
    asPostgres([
      join(PG_BIN, 'pg_basebackup'),
      '-h',
      admin.hostname,
      '-p',
      admin.port || '5432',
      '-U',
      admin.username || 'postgres',
      '-D',
      data,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    // A cluster's configuration may live outside its data directory (Debian): the replica gets its own.
    // A standby needs at least the primary's values of these.
    const limits = await query<{ name: string; setting: string }>(
      PG_ADMIN_URL,
      `select name, setting from pg_settings where name in ('max_connections', 'max_worker_processes',
        'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`,
    );
    writeFileSync(
      join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'hot_standby = on',
        'shared_buffers = 32MB',
        ...limits.map((l) => `${l.name} = ${l.setting}`),
        '',
      ].join('\n'),
    );
    writeFileSync(join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    writeFileSync(join(data, 'pg_ident.conf'), '');
    for (const f of ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf']) chownSync(join(data, f), uid, gid);
    try {
      asPostgres([
        join(PG_BIN, 'pg_ctl'),
        '-D',
        data,
        '-l',
        join(dir, 'replica.log'),
        '-w',
        '-t',
        '60',
        'start',
      ]);
    } catch (e) {
      const log = existsSync(join(dir, 'replica.log')) ? readFileSync(join(dir, 'replica.log'), 'utf8') : '';
      throw new Error(`${(e as Error).message}\nreplica log:\n${log.slice(-2000)}`, { cause: e });
    }
    const url = new URL(primary.env.DATABASE_URL!);
    url.port = String(port);
    replicaUrl = url.toString();
    replica = openStore({ kind: 'postgres', url: replicaUrl });
  });

  after(async () => {
    await replica?.close();
    if (dir && existsSync(join(dir, 'data'))) {
      spawnSync('runuser', [
        '-u',
        'postgres',
        '--',
        join(PG_BIN, 'pg_ctl'),
        '-D',
        join(dir, 'data'),
        '-m',
        'fast',
        '-w',
        'stop',
      ]);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
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
