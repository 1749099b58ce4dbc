import { ProcedureError } from '../procedure/errors.ts';

/**
 * Failed logins, counted once for the API and the console together:
 * - per client address, over every user name: at most `maxPerMinute` failures a minute, then the address
 *   is refused until the minute is over (one password tried across many names is limited too);
 * - per account and client address, a back-off that doubles from the third failure on (1 s, 2 s, … up to
 *   15 min) and ends with a successful login. It is kept per address so that someone guessing a
 *   delegation's password slows down themselves, not the delegation logging in from its own address.
 * Behind a reverse proxy the address is the client's only when the proxy is trusted (COUNCIL_TRUST_PROXY).
 * The counts live in the server's memory; the workers of `council start --workers N` share the primary's
 * (src/server/cluster.ts asks it over IPC), so the limits hold whichever worker a request reaches.
 */
const WINDOW_MS = 60_000;
const BACKOFF_FROM = 3;
const BACKOFF_MAX_MS = 15 * 60_000;
const MAX_TRACKED = 50_000;

/** What counts failed logins: a LoginGuard in this process, or the primary's over IPC (a worker's). */
export interface LoginLimiter {
  /** Rejects (a 429 ProcedureError) when this client, or this client for this account, must wait. */
  check(client: string, name: string): void | Promise<void>;
  failed(client: string, name: string): void | Promise<void>;
  succeeded(client: string, name: string): void | Promise<void>;
}

export class LoginGuard implements LoginLimiter {
  private readonly clients = new Map<string, { failures: number; resetAt: number }>();
  private readonly accounts = new Map<string, { failures: number; until: number }>();

  constructor(
    readonly maxPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws a 429 when this client, or this client for this account, must wait. */
  check(client: string, name: string): void {
    const t = this.now();
    const c = this.clients.get(client);
    if (c && c.resetAt > t && c.failures >= this.maxPerMinute)
      throw tooMany(c.resetAt - t, `${this.maxPerMinute} failed logins a minute from this address`);
    const a = this.accounts.get(pair(client, name));
    if (a && a.until > t) throw tooMany(a.until - t, `${a.failures} failed logins as ${name}`);
  }

  failed(client: string, name: string): void {
    const t = this.now();
    if (this.clients.size + this.accounts.size > MAX_TRACKED) this.prune(t);
    const c = this.clients.get(client);
    if (!c || c.resetAt <= t) this.clients.set(client, { failures: 1, resetAt: t + WINDOW_MS });
    else c.failures += 1;
    const key = pair(client, name);
    const failures = (this.accounts.get(key)?.failures ?? 0) + 1;
    const wait =
      failures < BACKOFF_FROM ? 0 : Math.min(1000 * 2 ** (failures - BACKOFF_FROM), BACKOFF_MAX_MS);
    this.accounts.set(key, { failures, until: t + wait });
  }

  succeeded(client: string, name: string): void {
    this.accounts.delete(pair(client, name));
  }

  private prune(t: number): void {
    for (const [k, c] of this.clients) if (c.resetAt <= t) this.clients.delete(k);
    for (const [k, a] of this.accounts) if (a.until + BACKOFF_MAX_MS <= t) this.accounts.delete(k);
  }
}

const pair = (client: string, name: string) => `${client}\u0000${name.toLowerCase()}`;

function tooMany(ms: number, why: string): ProcedureError {
  const e = new ProcedureError(
    'rate_limited',
    `too many login attempts (${why}): try again in ${Math.ceil(ms / 1000)} s`,
    { key: 'tooManyLogins', vars: { s: Math.ceil(ms / 1000) } },
  );
  return e;
}
