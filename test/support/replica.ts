/**
 * A streaming read replica of the local PostgreSQL cluster, started on a free port from a base backup
 * (pg_basebackup -R), as docs/search.md ("Scaling out") tells an operator to set one up. Used by the
 * replica test and by the search benchmark's read-path figures, so both measure a real standby.
 */
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
import pg from 'pg';
import { PG_ADMIN_URL, postgresReachable } from './stores.ts';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Replica {
  /** `primaryUrl` with the replica's port: the same database, read from the standby. */
  url: string;
  /** Waits until the standby has replayed everything the primary had written when this was called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

function asPostgres(args: string[]): string {
  const r = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Why a replica cannot be set up here, or '' when it can (adding the replication rule if needed). */
export async function replicaPrerequisites(): Promise<string> {
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

/** Takes a base backup of the cluster and starts it as a hot standby; call replicaPrerequisites() first. */
export async function startReplica(primaryUrl: string): Promise<Replica> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'council-replica-'));
  const data = join(dir, 'data');
  const stop = async (): Promise<void> => {
    if (existsSync(join(data, 'postmaster.pid'))) {
      spawnSync('runuser', [
        '-u',
        'postgres',
        '--',
        join(PG_BIN, 'pg_ctl'),
        '-D',
        data,
        '-m',
        'fast',
        '-w',
        'stop',
      ]);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
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
        'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction', 'shared_buffers')`,
    );
    writeFileSync(
      join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${dir}'`,
        'hot_standby = on',
        // As pg_settings gives them: shared_buffers in 8 kB pages, the unit a bare number is read in.
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
  } catch (e) {
    await stop();
    throw e;
  }
  const url = new URL(primaryUrl);
  url.port = String(port);
  const caughtUp = async (timeoutMs = 60_000): Promise<void> => {
    const [{ lsn } = { lsn: '' }] = await query<{ lsn: string }>(
      PG_ADMIN_URL,
      'select pg_current_wal_lsn()::text as lsn',
    );
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [r] = await query<{ done: boolean }>(
        url.toString(),
        'select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as done',
        [lsn],
      );
      if (r?.done) return;
      if (Date.now() > until)
        throw new Error(`the replica had not replayed the primary's WAL to ${lsn} in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { url: url.toString(), caughtUp, stop };
}
