import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config.ts';
import { SHARED_DIR } from '../src/config/paths.ts';
import { importTableFiles } from '../src/ingest/sources.ts';
import { importVotingSheet } from '../src/ingest/votes/index.ts';
import { bumpVersion } from '../src/search/indexer.ts';
import { buildApp } from '../src/server/app.ts';
import { countRecords } from '../src/store/counts.ts';
import { openStore, type Store } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { percentile } from './measure.ts';

/**
 * The home and statistics pages with the whole history loaded (every UN Library meeting table 1946–2022,
 * the veto lists, the per-member voting sheet), beside the same pages over 2020 alone (the baseline, same
 * run, same machine). Also the voting sheet's import speed. Wall and CPU time are both printed: the machine
 * is shared, so wall time alone overstates; so is the load average. The pages keep what they compute from
 * the whole record until it changes (search/cache.ts): each page is measured as served (`p95_ms`) and as
 * computed afresh after a write (`fresh_p95_ms`, the index version bumped before every render).
 */
const DHL = join(SHARED_DIR, 'data', 'dhl-tables');
const SHEET = join(SHARED_DIR, 'data', 'voting', 'oliverunv_Voting-Agent_sc_voting.csv');
const VETO_CSV = join(SHARED_DIR, 'data', 'vetoes', 'unsc_vetoes_1946_sept2022.csv');
const PAGES = [
  ['home', '/'],
  ['stats_2020', '/stats?year=2020'],
  ['stats_1950', '/stats?year=1950'],
] as const;
const RENDERS = 100;
/** Renders after a write: fewer, each computing the page from the record. */
const FRESH_RENDERS = 30;
const round = (n: number) => Math.round(n * 100) / 100;

function cpuMs(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

async function load(store: Store, tables: string[]): Promise<Record<string, number | string>> {
  await migrate(store);
  await importTableFiles(store, [...tables, join(DHL, 'scact_veto_table_en.html'), VETO_CSV]);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await importVotingSheet(store, SHEET);
  const wall = performance.now() - t0;
  const rows = r.sources[0]!.rows;
  return {
    rows,
    wall_ms: Math.round(wall),
    cpu_ms: Math.round(cpuMs(c0)),
    rows_per_s: Math.round(rows / (wall / 1000)),
    matched: r.blocks.matched,
  };
}

async function renders(store: Store, dir: string): Promise<Record<string, number>> {
  const config = loadConfig({ COUNCIL_DB: join(dir, 'council.db'), LOG_LEVEL: 'silent' });
  const app = await buildApp({ store, readStore: store, config }, { logger: false });
  const out: Record<string, number> = {};
  try {
    for (const [name, url] of PAGES) {
      for (let i = 0; i < 5; i++) await app.inject({ url }); // warm caches and JIT
      const times: number[] = [];
      const c0 = process.cpuUsage();
      for (let i = 0; i < RENDERS; i++) {
        const t = performance.now();
        const r = await app.inject({ url, headers: { cookie: i % 2 ? 'lang=en' : 'lang=zh' } });
        times.push(performance.now() - t);
        if (r.statusCode !== 200) throw new Error(`bench: ${url} answered ${r.statusCode}`);
      }
      out[`${name}.p50_ms`] = round(percentile(times, 50));
      out[`${name}.p95_ms`] = round(percentile(times, 95));
      out[`${name}.cpu_ms_per_render`] = round(cpuMs(c0) / RENDERS);
      const fresh: number[] = [];
      const c1 = process.cpuUsage();
      for (let i = 0; i < FRESH_RENDERS; i++) {
        await bumpVersion(store.db);
        const t = performance.now();
        await app.inject({ url, headers: { cookie: i % 2 ? 'lang=en' : 'lang=zh' } });
        fresh.push(performance.now() - t);
      }
      out[`${name}.fresh_p95_ms`] = round(percentile(fresh, 95));
      out[`${name}.fresh_cpu_ms_per_render`] = round(cpuMs(c1) / FRESH_RENDERS);
    }
  } finally {
    await app.close();
  }
  return out;
}

export async function benchHistory(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const all = readdirSync(DHL)
    .filter((f) => /^scact\d{4}.*\.html$/.test(f))
    .sort()
    .map((f) => join(DHL, f));
  const only2020 = all.filter((f) => /scact2020/.test(f));
  for (const [label, tables] of [
    ['baseline_2020_only', only2020],
    ['whole_history', all],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'council-bench-history-'));
    const store = openStore({ kind: 'sqlite', path: join(dir, 'council.db') });
    try {
      const votes = await load(store, tables);
      const counts = await countRecords(store);
      out[`${label}.data`] =
        `${tables.length} meeting tables: ${counts.meeting} meetings, ${counts.decision} decisions`;
      for (const [k, v] of Object.entries(votes)) out[`${label}.votes_import.${k}`] = v;
      for (const [k, v] of Object.entries(await renders(store, dir))) out[`${label}.${k}`] = v;
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  out.target = 'home and statistics p95 < 50 ms with the whole history loaded';
  out.loadavg_1_5_15 = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  return out;
}
