import type { FastifyInstance } from 'fastify';
import * as cheerio from 'cheerio';
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

/** The page as a document, so tests ask about elements and their text, not about whitespace. */
export function parse(body: string): cheerio.CheerioAPI {
  return cheerio.load(body);
}

/** An element's text with runs of whitespace collapsed. */
export function text(el: { text(): string }): string {
  return el.text().replace(/\s+/g, ' ').trim();
}
