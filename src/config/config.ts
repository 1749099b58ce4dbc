import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from './paths.ts';

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_READ_URL must start with postgres:// or postgresql://')
    .optional(),
  COUNCIL_DB: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_MINUTES: z.coerce.number().int().positive().default(60),
  COUNCIL_LOGIN_RATE_MAX: z.coerce
    .number({ message: 'expected a whole number of failed logins a minute (1 to 1000)' })
    .int('expected a whole number of failed logins a minute (1 to 1000)')
    .min(1, 'expected a whole number of failed logins a minute (1 to 1000)')
    .max(1000, 'expected a whole number of failed logins a minute (1 to 1000)')
    .default(5),
  COUNCIL_TRUST_PROXY: z
    .string()
    .regex(
      /^(\d{1,2}|(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*)$/,
      "expected the proxy's addresses (e.g. 10.0.0.5 or loopback or 10.0.0.0/8, comma-separated) or the number of proxy hops",
    )
    .optional(),
  COUNCIL_TIME_SHIFT_MS: z.coerce.number().int().default(0),
  COUNCIL_WORKERS: z.coerce
    .number({ message: 'expected a whole number of server processes (1 to 64)' })
    .int('expected a whole number of server processes (1 to 64)')
    .min(1, 'expected a whole number of server processes (1 to 64)')
    .max(64, 'expected a whole number of server processes (1 to 64)')
    .optional(),
  COUNCIL_CSRF_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64,}$/, 'expected a hex key of at least 32 bytes')
    .optional(),
  COUNCIL_AUDIT_KEY: z
    .string()
    .regex(
      /^\s*[0-9a-fA-F]{64,}\s*(,\s*[0-9a-fA-F]{64,}\s*)*$/,
      'expected hex keys of at least 32 bytes, comma-separated',
    )
    .optional(),
  COUNCIL_AUDIT_KEY_FILE: z.string().min(1).optional(),
  COUNCIL_AUDIT_CHECKPOINT: z.string().min(1).optional(),
  SEARCH_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  SEARCH_INDEX_WORKERS: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(Math.min(3, availableParallelism() - 1)),
});

export type Config = {
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; readUrl?: string };
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  sessionTtlMinutes: number;
  /** Failed logins a client address may make a minute, over all user names, API and console together. */
  loginRateMax: number;
  /**
   * Fastify's trustProxy: the reverse proxies whose X-Forwarded-For/-Proto are believed (addresses or a hop
   * count); false when the server is reached directly.
   */
  trustProxy: false | number | string;
  /** Milliseconds the written procedure's clock runs ahead of (or behind) real time; 0 in service. */
  timeShiftMs: number;
  /** Processes `council start` serves from (1: the process itself; default the cores). */
  workers: number;
  /**
   * The key that binds CSRF tokens to sessions (hex); unset, each server makes one when it starts. The
   * primary of `council start --workers N` makes one and gives it to its workers, so they accept each
   * other's tokens.
   */
  csrfKey?: string;
  /** The audit log's signing keys and the checkpoint file that anchors its head (docs/security.md). */
  audit: AuditSettings;
  search: {
    /** Distinct queries whose results a server keeps (src/search/cache.ts); 0 turns the cache off. */
    cacheSize: number;
    /** Worker threads that tokenise large indexing batches (src/search/prepare-pool.ts). */
    indexWorkers: number;
  };
};

export interface AuditSettings {
  /** Keys given in the environment (COUNCIL_AUDIT_KEY), newest first; when set, the key file is not read. */
  keys?: string[];
  /** The key file (one hex key a line, newest first). */
  keyFile: string;
  /** The checkpoint file; by default derived from the database (src/procedure/audit-anchor.ts). */
  checkpoint?: string;
}

/** Reads configuration from the environment; a bad value is an error naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          ...(e.DATABASE_READ_URL ? { readUrl: e.DATABASE_READ_URL } : {}),
        }
      : { kind: 'sqlite', path: resolve(e.COUNCIL_DB ?? resolve(DATA_DIR, 'council.db')) },
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    loginRateMax: e.COUNCIL_LOGIN_RATE_MAX,
    trustProxy:
      e.COUNCIL_TRUST_PROXY === undefined
        ? false
        : /^\d+$/.test(e.COUNCIL_TRUST_PROXY)
          ? Number(e.COUNCIL_TRUST_PROXY)
          : e.COUNCIL_TRUST_PROXY,
    timeShiftMs: e.COUNCIL_TIME_SHIFT_MS,
    workers: e.COUNCIL_WORKERS ?? availableParallelism(),
    ...(e.COUNCIL_CSRF_KEY ? { csrfKey: e.COUNCIL_CSRF_KEY } : {}),
    audit: {
      ...(e.COUNCIL_AUDIT_KEY ? { keys: e.COUNCIL_AUDIT_KEY.split(',').map((k) => k.trim()) } : {}),
      keyFile: resolve(e.COUNCIL_AUDIT_KEY_FILE ?? resolve(DATA_DIR, 'audit.key')),
      ...(e.COUNCIL_AUDIT_CHECKPOINT ? { checkpoint: resolve(e.COUNCIL_AUDIT_CHECKPOINT) } : {}),
    },
    search: {
      cacheSize: e.SEARCH_CACHE_SIZE,
      indexWorkers: e.SEARCH_INDEX_WORKERS,
    },
  };
}

let processSearchConfig: Config['search'] | undefined;
/** The search settings of this process's environment (read once; `council` has validated it at start). */
export function searchConfig(): Config['search'] {
  processSearchConfig ??= loadConfig().search;
  return processSearchConfig;
}

/** Hides a password in a database URL before it is shown. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
