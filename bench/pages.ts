import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pino from 'pino';
import { loadConfig } from '../src/config/config.ts';
import { buildApp } from '../src/server/app.ts';
import { openStore } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { seedRecord } from '../src/seed/index.ts';
import { countRecords } from '../src/store/counts.ts';
import { percentile } from './measure.ts';

/**
 * Page speed on the demo database (what `council start` loads into an empty database): p95 of the
 * server's own time to answer the item page and a decision page (in-process, no network), then
 * requests per second for each under autocannon on 127.0.0.1 for a few seconds.
 */
const ITEM = '/items/2020/23';
const DECISION = `/decisions/${encodeURIComponent('S/RES/2518 (2020)')}`;
const RENDERS = 200;
const LOAD_SECONDS = 5;

const round = (n: number) => Math.round(n * 100) / 100;

export async function benchPages(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'council-bench-pages-'));
  const store = openStore({ kind: 'sqlite', path: join(dir, 'council.db') });
  const out: Record<string, number | string> = {};
  try {
    await migrate(store);
    await seedRecord(store, pino({ level: 'silent' }));
    const counts = await countRecords(store);
    out['pages.data'] =
      `demo seed: ${counts.meeting} meetings, ${counts.decision} decisions, ${counts.paragraph} paragraphs`;

    const config = loadConfig({
      COUNCIL_DB: join(dir, 'council.db'),
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
    });
    const app = await buildApp({ store, readStore: store, config }, { logger: false });
    for (const [name, url] of [
      ['item', ITEM],
      ['decision', DECISION],
    ] as const) {
      for (let i = 0; i < 10; i++) await app.inject({ url }); // warm caches and JIT
      const times: number[] = [];
      for (let i = 0; i < RENDERS; i++) {
        const t = performance.now();
        const r = await app.inject({ url, headers: { cookie: i % 2 ? 'lang=en' : 'lang=zh' } });
        times.push(performance.now() - t);
        if (r.statusCode !== 200) throw new Error(`bench: ${url} answered ${r.statusCode}`);
      }
      out[`pages.${name}.render_p50_ms`] = round(percentile(times, 50));
      out[`pages.${name}.render_p95_ms`] = round(percentile(times, 95));
    }

    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    for (const [name, url] of [
      ['item', ITEM],
      ['decision', DECISION],
    ] as const) {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}${url}`,
        connections: 10,
        duration: LOAD_SECONDS,
      });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`bench: ${url} had ${result.non2xx} non-2xx and ${result.errors} errors`);
      out[`pages.${name}.requests_per_s`] = round(result.requests.average);
      out[`pages.${name}.load_p97_5_ms`] = result.latency.p97_5;
    }
    out['pages.load'] = `autocannon 10 connections, ${LOAD_SECONDS} s per page, 127.0.0.1`;
    await app.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPages());
}
