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
  COUNCIL_TIME_SHIFT_MS: z.coerce.number().int().default(0),
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
  /** Milliseconds the written procedure's clock runs ahead of (or behind) real time; 0 in service. */
  timeShiftMs: number;
  search: {
    /** Distinct queries whose results a server keeps (src/search/cache.ts); 0 turns the cache off. */
    cacheSize: number;
    /** Worker threads that tokenise large indexing batches (src/search/prepare-pool.ts). */
    indexWorkers: number;
  };
};

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
    timeShiftMs: e.COUNCIL_TIME_SHIFT_MS,
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
