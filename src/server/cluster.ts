/**
 * `council start --workers N`: one primary process and N workers (node:cluster) that serve one database.
 *
 * - The primary has prepared the database before it forks (migrations, the bundled record, a stale search
 *   index: `src/cli/commands/start.ts`); the workers only serve. They listen on the same address and the
 *   primary hands them the connections in turn (cluster round-robin).
 * - What must hold whichever worker a request reaches lives in the primary and is asked over the cluster's
 *   IPC channel: the failed-login counts (`LoginGuard`) and the counts of @fastify/rate-limit (the vote limit,
 *   `PrimaryRateLimitStore`). The CSRF key is made by the primary and given to every worker
 *   (COUNCIL_CSRF_KEY). Sessions, procedures and the search index are in the database, and the search
 *   cache already checks the index's version in the database on every request (src/search/cache.ts), so a
 *   write through one worker is never answered from another worker's stale cache.
 * - A worker that dies is replaced; more than `maxDeathsPerMinute` deaths in a minute and the primary logs
 *   why, stops the others and exits 1. SIGTERM or SIGINT to the primary stops every worker, then it exits 0.
 *   A worker whose primary is gone (killed with SIGKILL) stops by itself: no orphan keeps the port.
 */
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { ProcedureError } from '../procedure/errors.ts';
import { LoginGuard, type LoginLimiter } from './login-guard.ts';

/** Marks this module's messages among whatever else travels over the IPC channel. */
const TAG = 'council-record/shared';

type Call =
  | { op: 'rate.incr'; key: string; timeWindow: number }
  | { op: 'rate.read'; key: string; timeWindow: number }
  | { op: 'login.check' | 'login.failed' | 'login.succeeded'; client: string; name: string };

interface CallMessage {
  tag: typeof TAG;
  id: number;
  call: Call;
}

interface Answer {
  result?: { current: number; ttl: number };
  /** login.check: why the client must wait (the message of the 429). */
  refused?: string;
  /** The primary failed to answer. */
  error?: string;
}

type ReplyMessage = Answer & { tag: typeof TAG; id: number };

const isTagged = (m: unknown): m is { tag: string; id: number } =>
  typeof m === 'object' && m !== null && (m as { tag?: unknown }).tag === TAG;

/** Rate-limit windows the primary keeps before it drops the ended ones. */
const MAX_WINDOWS = 50_000;

/** What the primary counts for all its workers. */
export class SharedCounts {
  private readonly windows = new Map<string, { current: number; resetAt: number }>();
  private readonly logins: LoginGuard;

  constructor(
    loginRateMax: number,
    private readonly now: () => number = Date.now,
  ) {
    this.logins = new LoginGuard(loginRateMax, now);
  }

  answer(call: Call): Answer {
    switch (call.op) {
      case 'rate.incr':
        return { result: this.incr(call.key, call.timeWindow) };
      case 'rate.read': {
        const w = this.windows.get(call.key);
        const t = this.now();
        return {
          result: w && w.resetAt > t ? { current: w.current, ttl: w.resetAt - t } : { current: 0, ttl: 0 },
        };
      }
      case 'login.check':
        try {
          this.logins.check(call.client, call.name);
          return {};
        } catch (e) {
          if (e instanceof ProcedureError) return { refused: e.message };
          throw e;
        }
      case 'login.failed':
        this.logins.failed(call.client, call.name);
        return {};
      case 'login.succeeded':
        this.logins.succeeded(call.client, call.name);
        return {};
    }
  }

  /** A fixed window per key, as @fastify/rate-limit's own LocalStore counts. */
  private incr(key: string, timeWindow: number): { current: number; ttl: number } {
    const t = this.now();
    if (this.windows.size > MAX_WINDOWS)
      for (const [k, w] of this.windows) if (w.resetAt <= t) this.windows.delete(k);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= t) {
      w = { current: 0, resetAt: t + timeWindow };
      this.windows.set(key, w);
    }
    w.current += 1;
    return { current: w.current, ttl: w.resetAt - t };
  }
}

// ---- in a worker: asking the primary -------------------------------------------------------------------

const pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
let lastId = 0;
let wired = false;

function wire(): void {
  if (wired) return;
  wired = true;
  process.on('message', (m: unknown) => {
    if (!isTagged(m)) return;
    const reply = m as ReplyMessage;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.error !== undefined) waiting.reject(new Error(`the primary process: ${reply.error}`));
    else waiting.resolve(reply);
  });
  process.once('disconnect', () => {
    for (const [id, waiting] of pending) {
      pending.delete(id);
      waiting.reject(new Error('the primary process is gone'));
    }
  });
}

function ask(call: Call): Promise<Answer> {
  wire();
  return new Promise((resolve, reject) => {
    if (!process.send || !process.connected) return reject(new Error('the primary process is gone'));
    const id = ++lastId;
    pending.set(id, { resolve, reject });
    const message: CallMessage = { tag: TAG, id, call };
    process.send(message);
  });
}

/** A worker's failed-login counts: the primary's LoginGuard. */
export class PrimaryLoginGuard implements LoginLimiter {
  async check(client: string, name: string): Promise<void> {
    const a = await ask({ op: 'login.check', client, name });
    if (a.refused) throw new ProcedureError('rate_limited', a.refused);
  }
  async failed(client: string, name: string): Promise<void> {
    await ask({ op: 'login.failed', client, name });
  }
  async succeeded(client: string, name: string): Promise<void> {
    await ask({ op: 'login.succeeded', client, name });
  }
}

type Done = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** A worker's @fastify/rate-limit store (its `store` option): the counts are the primary's, per route. */
export class PrimaryRateLimitStore implements FastifyRateLimitStore {
  private readonly prefix: string;
  constructor(_options?: unknown, prefix = '') {
    this.prefix = prefix;
  }

  incr(key: string, done: Done, timeWindow: number): void {
    ask({ op: 'rate.incr', key: this.prefix + key, timeWindow }).then(
      (a) => done(null, a.result),
      (e: Error) => done(e),
    );
  }

  read(key: string, done: Done, timeWindow: number): void {
    ask({ op: 'rate.read', key: this.prefix + key, timeWindow }).then(
      (a) => done(null, a.result),
      (e: Error) => done(e),
    );
  }

  child(routeOptions: object): PrimaryRateLimitStore {
    // @fastify/rate-limit passes the route's merged settings, the route itself under `routeInfo`.
    const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
    return new PrimaryRateLimitStore(
      undefined,
      `${this.prefix}${JSON.stringify(route.method ?? '')} ${String(route.url ?? '')} `,
    );
  }
}

// ---- the primary -----------------------------------------------------------------------------------------

export interface PrimaryOptions {
  workers: number;
  /** The address printed once every worker listens (the port is the one they listen on). */
  host: string;
  log: Logger;
  loginRateMax: number;
  /** The configured CSRF key (COUNCIL_CSRF_KEY); made here when unset. */
  csrfKey?: string;
  /** More worker deaths than this within a minute and the primary gives up (exit 1). */
  maxDeathsPerMinute?: number;
  /** Milliseconds a stopping worker is given before it is killed. */
  stopTimeoutMs?: number;
}

/**
 * Forks the workers and keeps them running until SIGTERM or SIGINT (resolves 0) or until they die too often
 * (resolves 1). Prints `council-record is serving at http://host:port/` once all of them listen.
 */
export function runPrimary(opts: PrimaryOptions): Promise<number> {
  const { log } = opts;
  const maxDeaths = opts.maxDeathsPerMinute ?? 5;
  const env = { COUNCIL_CSRF_KEY: opts.csrfKey ?? randomBytes(32).toString('hex') };
  const shared = new SharedCounts(opts.loginRateMax);
  const live = new Set<Worker>();
  const listening = new Set<Worker>();
  const deaths: number[] = [];
  let announced = false;
  let stopping = false;
  let exitCode = 0;

  return new Promise((resolve) => {
    const fork = () => {
      const worker = cluster.fork(env);
      live.add(worker);
      worker.on('message', (m: unknown) => {
        if (!isTagged(m)) return;
        const { id, call } = m as CallMessage;
        let answer: Answer;
        try {
          answer = shared.answer(call);
        } catch (e) {
          answer = { error: e instanceof Error ? e.message : String(e) };
        }
        const reply: ReplyMessage = { tag: TAG, id, ...answer };
        if (worker.isConnected()) worker.send(reply);
      });
      worker.on('listening', (address: AddressInfo) => {
        listening.add(worker);
        if (!announced && listening.size >= opts.workers) {
          announced = true;
          process.stdout.write(
            `council-record is serving at http://${opts.host}:${address.port}/ (${opts.workers} worker processes)\n`,
          );
        }
      });
      worker.once('exit', (code: number | null, signal: string | null) => {
        live.delete(worker);
        listening.delete(worker);
        if (stopping) {
          if (live.size === 0) finish();
          return;
        }
        const t = Date.now();
        deaths.push(t);
        while (deaths[0]! <= t - 60_000) deaths.shift();
        const why = `worker ${worker.process.pid} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`;
        if (deaths.length > maxDeaths) {
          log.error(
            `${why}: ${deaths.length} worker deaths in the last minute (more than ${maxDeaths}); ` +
              'stopping the server (see the workers\u2019 errors above)',
          );
          stop(1);
          return;
        }
        log.warn(`${why}: starting another`);
        fork();
      });
    };

    const finish = () => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      resolve(exitCode);
    };

    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      if (live.size === 0) return finish();
      // Each worker closes its server and its database and exits (its own SIGTERM handler).
      for (const worker of live) worker.process.kill('SIGTERM');
      setTimeout(() => {
        for (const worker of live) worker.process.kill('SIGKILL');
      }, opts.stopTimeoutMs ?? 10_000).unref();
    };

    const onSignal = () => stop(0);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    for (let i = 0; i < opts.workers; i++) fork();
  });
}
