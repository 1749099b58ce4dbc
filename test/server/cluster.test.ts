/**
 * `council start --workers 2` on a temporary database of each backend (SQLite, PostgreSQL): requests are answered by two processes, the
 * failed-login limit and the vote rate limit count across them, a vote written through one is read through
 * the other (and votes cast through both at once all commit), a killed worker is replaced, and SIGTERM
 * stops every process.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { membersOn } from '../../src/domain/membership.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import { SharedCounts } from '../../src/server/cluster.ts';
import { PROCEDURE_DAY, TIME_ENV } from '../support/clock.ts';
import { startServer, type RunningServer } from '../support/cli.ts';
import { backends, type TestStore } from '../support/stores.ts';

const PASSWORD = 'correct horse battery staple';
const members = membersOn(PROCEDURE_DAY);
const delegation = (state: string) => `d-${state.toLowerCase()}`;

interface Answer {
  status: number;
  /** The worker that answered (x-council-worker). */
  pid: number;
  body: Record<string, unknown>;
}

/** One request on a connection of its own, so the cluster hands it to the next worker in turn. */
function call(
  url: string,
  method: string,
  path: string,
  { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method,
        agent: false,
        timeout: 30_000,
        headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            pid: Number(res.headers['x-council-worker']),
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(data);
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the primary's shared counts", () => {
  it('counts a fixed window per key, as @fastify/rate-limit does, and the failed logins of every worker', () => {
    let now = 1_000_000;
    const counts = new SharedCounts(2, () => now);
    const incr = (key: string) => counts.answer({ op: 'rate.incr', key, timeWindow: 60_000 }).result;
    assert.deepEqual(incr('a'), { current: 1, ttl: 60_000 });
    now += 1000;
    assert.deepEqual(incr('a'), { current: 2, ttl: 59_000 });
    assert.deepEqual(incr('b'), { current: 1, ttl: 60_000 });
    assert.deepEqual(counts.answer({ op: 'rate.read', key: 'a', timeWindow: 60_000 }).result, {
      current: 2,
      ttl: 59_000,
    });
    now += 59_000;
    assert.deepEqual(incr('a'), { current: 1, ttl: 60_000 });

    const check = () => counts.answer({ op: 'login.check', client: '10.0.0.1', name: 'x' });
    assert.deepEqual(check(), {});
    counts.answer({ op: 'login.failed', client: '10.0.0.1', name: 'x' });
    counts.answer({ op: 'login.failed', client: '10.0.0.1', name: 'y' });
    assert.match(check().refused!, /2 failed logins a minute from this address/);
    now += 60_000;
    assert.deepEqual(check(), {});
  });
});

for (const backend of await backends())
  describe(`council start --workers 2 on ${backend.name}`, { skip: backend.skip, timeout: 600_000 }, () => {
    let dir: string;
    let ts: TestStore;
    let server: RunningServer;
    let url: string;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const login = async (name: string) => {
      const r = await call(url, 'POST', '/api/session', { body: { name, password: PASSWORD } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.token as string;
    };

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'council-cluster-'));
      ts = await backend.open();
      const env = {
        ...ts.env,
        COUNCIL_AUDIT_KEY_FILE: join(dir, 'audit.key'),
        // The login-limit test speaks for other clients through X-Forwarded-For.
        COUNCIL_TRUST_PROXY: 'loopback',
        ...TIME_ENV,
      };
      const config = loadConfig({ ...process.env, ...env });
      const service = ProcedureService.configured(ts.store, config);
      await service.addUser({ name: 'sec', role: 'secretariat', password: PASSWORD }, 'test');
      for (const s of members)
        await service.addUser(
          { name: delegation(s), role: 'delegation', state: s, password: PASSWORD },
          'test',
        );
      server = await startServer(env, ['--no-seed', '--workers', '2']);
      url = server.url;
    });

    after(async () => {
      if (server && server.child.exitCode === null) await server.stop('SIGKILL');
      await ts?.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers from two worker processes in turn', async () => {
      const pids = new Set<number>();
      for (let i = 0; i < 6; i++) {
        const r = await call(url, 'GET', '/health');
        assert.equal(r.status, 200);
        pids.add(r.pid);
      }
      assert.equal(pids.size, 2, `answered by ${[...pids].join(', ')}`);
      for (const pid of pids) assert.notEqual(pid, server.child.pid, 'the primary serves nothing itself');
    });

    it('counts failed logins across the workers (COUNCIL_LOGIN_RATE_MAX, 5 a minute)', async () => {
      const client = { 'x-forwarded-for': '10.9.0.1' };
      const attempt = (name: string) =>
        call(url, 'POST', '/api/session', { body: { name, password: 'wrong password!' }, headers: client });
      const failed = [];
      // Five names, one failure each: the per-account back-off does not start; the per-address limit does.
      for (const s of members.slice(0, 5)) failed.push(await attempt(delegation(s)));
      assert.deepEqual(
        failed.map((r) => r.status),
        [401, 401, 401, 401, 401],
      );
      assert.equal(new Set(failed.map((r) => r.pid)).size, 2, 'the failures went to both workers');
      // Whichever worker answers, the sixth is refused: each worker alone has counted fewer than five.
      for (const s of members.slice(5, 7)) {
        const r = await attempt(delegation(s));
        assert.deepEqual([r.status, r.body.code], [429, 'rate_limited']);
        assert.match(String(r.body.error), /5 failed logins a minute from this address/);
      }
      // Another client is not limited.
      assert.equal((await login('sec')).length > 0, true);
    });

    it('counts the vote rate limit (60 a minute per session) across the workers', async () => {
      // The limit runs before the credentials are looked at, so an unknown token is counted like any other.
      const headers = bearer('x'.repeat(43));
      const answers = [];
      for (let i = 0; i < 61; i++)
        answers.push(await call(url, 'POST', '/api/procedures/none/votes', { headers, body: { vote: 'Y' } }));
      assert.equal(new Set(answers.map((r) => r.pid)).size, 2, 'the requests went to both workers');
      assert.deepEqual(
        answers.slice(0, 60).filter((r) => r.status === 429),
        [],
      );
      assert.deepEqual([answers[60]!.status, answers[60]!.body.code], [429, 'rate_limited']);
    });

    it('a vote written through one worker is read through the other; votes through both at once all commit', async () => {
      const sec = await login('sec');
      const opened = await call(url, 'POST', '/api/procedures', {
        headers: bearer(sec),
        body: {
          draftSymbol: 'S/2025/951',
          title: 'Cluster test draft',
          agendaItemId: '2025-99',
          agendaItemTitleEn: 'Test item',
        },
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const id = opened.body.id as string;
      const [first, ...rest] = members;
      const vote = await call(url, 'POST', `/api/procedures/${id}/votes`, {
        headers: bearer(await login(delegation(first!))),
        body: { vote: 'Y' },
      });
      assert.equal(vote.status, 201, JSON.stringify(vote.body));
      // Read until the other worker answers: it sees the ballot the first one committed.
      let read: Answer | undefined;
      for (let i = 0; i < 10 && (!read || read.pid === vote.pid); i++)
        read = await call(url, 'GET', `/api/procedures/${id}`, { headers: bearer(sec) });
      assert.notEqual(read!.pid, vote.pid);
      assert.deepEqual(
        (read!.body.ballots as { state: string }[]).map((b) => b.state),
        [first],
      );
      // The other delegations vote at once, through both workers: on SQLite every write transaction takes the
      // write lock when it begins, so none fails with SQLITE_BUSY; on PostgreSQL none may fail either.
      const tokens = await Promise.all(rest.map((s) => login(delegation(s))));
      const votes = await Promise.all(
        tokens.map((t) =>
          call(url, 'POST', `/api/procedures/${id}/votes`, { headers: bearer(t), body: { vote: 'Y' } }),
        ),
      );
      assert.deepEqual(
        votes.map((r) => r.status),
        rest.map(() => 201),
        JSON.stringify(votes.find((r) => r.status !== 201)?.body),
      );
      assert.equal(new Set(votes.map((r) => r.pid)).size, 2);
      for (let i = 0; i < 2; i++) {
        const r = await call(url, 'GET', `/api/procedures/${id}`, { headers: bearer(sec) });
        assert.equal(r.body.ballotsReceived, members.length, `worker ${r.pid}`);
      }
    });

    it('replaces a worker that is killed', async () => {
      const victim = (await call(url, 'GET', '/health')).pid;
      process.kill(victim, 'SIGKILL');
      let pids = new Set<number>();
      for (let i = 0; i < 240 && !(pids.size === 2 && !pids.has(victim)); i++) {
        await sleep(500);
        pids = new Set<number>();
        for (let j = 0; j < 4; j++) {
          const r = await call(url, 'GET', '/health').catch(() => undefined);
          if (r?.status === 200) pids.add(r.pid);
        }
      }
      assert.equal(pids.has(victim), false);
      assert.equal(pids.size, 2, `answered by ${[...pids].join(', ')} after ${victim} was killed`);
      assert.equal(server.child.exitCode, null, 'the primary still runs');
    });

    it('SIGTERM to the primary stops every worker and exits 0', async () => {
      const pids = new Set<number>();
      for (let i = 0; i < 4; i++) pids.add((await call(url, 'GET', '/health')).pid);
      await server.stop('SIGTERM');
      assert.equal(server.child.exitCode, 0);
      for (const pid of pids) assert.equal(alive(pid), false, `worker ${pid} still runs`);
      await assert.rejects(call(url, 'GET', '/health'));
    });
  });
