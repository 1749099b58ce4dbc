import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Store } from '../../src/store/db.ts';

/** The real application over a test store, without logging, for app.inject(). */
export function appOver(store: Store, env: Record<string, string>): Promise<FastifyInstance> {
  return buildApp(
    { store, readStore: store, config: loadConfig({ ...env, LOG_LEVEL: 'silent' }) },
    { logger: false },
  );
}

/** The text of every element matching a simple `<tag ...>text</tag>` search, tags inside removed. */
export function texts(body: string, re: RegExp): string[] {
  return [...body.matchAll(re)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').trim());
}
