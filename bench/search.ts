/**
 * Search benchmark (`npm run bench -- search`): on a SYNTHETIC corpus (bench/corpus/synthetic.ts) of
 * 10k and 100k paragraphs (1M with BENCH_SEARCH_MAX=1000000), on SQLite and on PostgreSQL (when
 * reachable): indexing throughput, query latency p50/p95 through the whole search path (parse, match,
 * BM25, snippets; measured in a fresh process by search-queries.ts), and in the same run on the same
 * text the baselines: a SQL LIKE '%q%' scan and ripgrep over the text written to files. Then the HTTP
 * API's requests/s under autocannon on 127.0.0.1 (cached, uncached, and uncached from `council start
 * --workers 2` beside one process), and nDCG@10 of the judged query set on the real record (not synthetic).
 * BENCH_SEARCH_API_ONLY=1 indexes the corpus and measures the API alone (no latency, baseline, exact-ranking
 * or relevance runs); BENCH_SEARCH_API_WORKERS sets the worker counts compared (default 2; 1 is always run),
 * BENCH_SEARCH_API_SECONDS the seconds of load per run (default 5).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { CompiledQuery } from 'kysely';
import pino from 'pino';
import { ROOT_DIR } from '../src/config/paths.ts';
import { checkExactRanking, commonWordQueries, evaluate, readJudgedSet } from '../src/search/evaluate.ts';
import { search } from '../src/search/search.ts';
import { indexDocs } from '../src/search/indexer.ts';
import { seedRecord } from '../src/seed/index.ts';
import {
  postgresReachable,
  postgresTestStore,
  sqliteTestStore,
  type TestStore,
} from '../test/support/stores.ts';
import { replicaPrerequisites, startReplica, type Replica } from '../test/support/replica.ts';
import { SyntheticCorpus } from './corpus/synthetic.ts';
import { percentile, timed } from './measure.ts';
import { QUERIES, SCAN_QUERIES, type QueryTimings } from './search-queries.ts';

export interface BenchSearchOptions {
  sizes?: number[];
  backends?: ('sqlite' | 'postgres')[];
  /** Timed rounds over the query set per size. */
  rounds?: number;
  /** Seconds of autocannon load per backend. */
  apiSeconds?: number;
  log?: (line: string) => void;
}

const CHUNK = 5000;

const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function sizeLabel(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1000}k`;
}

/**
 * Starts `council start --no-seed` on a free port against the given database (one process unless `env`
 * sets COUNCIL_WORKERS); resolves with its URL once every worker listens.
 */
async function startServer(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT_DIR, 'bin/council.mjs'), 'start', '--no-seed'], {
    env: { ...process.env, COUNCIL_WORKERS: '1', ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /serving at (http:\/\/[^\s/]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  // Stopped and gone (every worker too) before the next server starts on the same cores.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** GET on a connection of its own (so `--workers` hands it to the next worker); the answering worker. */
function getFresh(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers['x-council-worker'] ?? 'one process')));
    }).on('error', reject);
  });
}

async function loadApi(url: string, seconds: number, workers: number) {
  // Warm, as a server in service is: each query asked once by every worker before the load (a cold worker
  // runs the search path unoptimised on its first requests).
  for (const q of QUERIES) {
    const seen = new Set<string>();
    for (let i = 0; i < workers * 4 && seen.size < workers; i++)
      seen.add(await getFresh(`${url}/api/search?q=${encodeURIComponent(q)}`));
  }
  const result = await autocannon({
    url,
    connections: 10,
    duration: seconds,
    requests: QUERIES.map((q) => ({
      method: 'GET' as const,
      path: `/api/search?q=${encodeURIComponent(q)}`,
    })),
  });
  return {
    reqPerS: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

/** Runs bench/search-queries.ts in a child process against the database in `env`. */
function queryTimings(rounds: number, env: Record<string, string>): QueryTimings {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT_DIR, 'bench/search-queries.ts'), String(rounds)],
    { env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (res.status !== 0) throw new Error(`bench/search-queries.ts failed (${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout) as QueryTimings;
}

export async function benchSearch(opts: BenchSearchOptions = {}): Promise<Record<string, number | string>> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`# ${line}\n`));
  const max = Number(process.env.BENCH_SEARCH_MAX ?? 100_000);
  const sizes =
    opts.sizes ??
    process.env.BENCH_SEARCH_SIZES?.split(',').map(Number) ??
    [10_000, 100_000, 1_000_000].filter((s) => s <= max);
  const pgUp = await postgresReachable();
  const fromEnv = process.env.BENCH_SEARCH_BACKENDS?.split(',').filter(
    (b): b is 'sqlite' | 'postgres' => b === 'sqlite' || b === 'postgres',
  );
  const wanted = opts.backends ?? fromEnv ?? (['sqlite', 'postgres'] as const);
  const backends = wanted.filter((b) => b === 'sqlite' || pgUp);
  const rounds = opts.rounds ?? 3;
  const apiOnly = process.env.BENCH_SEARCH_API_ONLY === '1';
  const workerCounts = (process.env.BENCH_SEARCH_API_WORKERS ?? '2')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 1);
  const apiSeconds = opts.apiSeconds ?? Number(process.env.BENCH_SEARCH_API_SECONDS ?? 5);
  const figures: Record<string, number | string> = {};
  // Every figure is also logged as it is measured, so a long run that is stopped still reports.
  const out = new Proxy(figures, {
    set(target, key: string, value: number | string) {
      target[key] = value;
      log(`search.${key}: ${value}`);
      return true;
    },
  });
  Object.assign(out, {
    corpus: `synthetic (bench/corpus/synthetic.ts), ${sizes.map(sizeLabel).join('/')} paragraphs, ~50% zh / 50% en`,
    load_average_at_start: loadavg()[0]!.toFixed(1),
  });
  if (!pgUp && wanted.includes('postgres')) out['postgres'] = 'skipped: PostgreSQL not reachable';

  // ripgrep scans the same text, one paragraph per line, written once for all backends.
  const rgDir = mkdtempSync(join(tmpdir(), 'council-bench-rg-'));
  const rgSizes = new Set<number>();
  // ripgrep's p50/p95 per size, for every backend's speed-up over it.
  const rgTimes = new Map<number, { p50: number; p95: number }>();
  // Why no streaming standby can be set up for the read path ('' when one can), asked once.
  let replicaSkip: string | undefined;
  try {
    for (const backend of backends) {
      const ts: TestStore = backend === 'sqlite' ? await sqliteTestStore() : await postgresTestStore();
      try {
        // The HTTP API under load at each size: as served (a repeated query is answered from the result
        // cache, src/search/cache.ts), and with the cache off, so every request is a full search.
        const report = (prefix: string, api: Awaited<ReturnType<typeof loadApi>>): void => {
          out[`${prefix}_req_per_s`] = api.reqPerS;
          out[`${prefix}_latency_p50_ms`] = api.p50;
          out[`${prefix}_latency_p99_ms`] = api.p99;
          out[`${prefix}_non_2xx`] = api.non2xx;
        };
        const loadApiAt = async (label: string): Promise<void> => {
          if (apiSeconds <= 0) return;
          const runs: [string, Record<string, string>][] = [
            ['', {}],
            ['_uncached', { SEARCH_CACHE_SIZE: '0' }],
            // The same uncached load on `council start --workers N` (node:cluster, one database).
            ...workerCounts.map((n): [string, Record<string, string>] => [
              `_uncached_workers${n}`,
              { SEARCH_CACHE_SIZE: '0', COUNCIL_WORKERS: String(n) },
            ]),
          ];
          for (const [suffix, env] of runs) {
            const server = await startServer({ ...ts.env, ...env });
            try {
              report(
                `${label}.api${suffix}`,
                await loadApi(server.url, apiSeconds, Number(env.COUNCIL_WORKERS ?? 1)),
              );
            } finally {
              await server.stop();
            }
          }
          if (backend === 'postgres' && ts.env.DATABASE_URL) await loadReadReplicaAt(label, ts.env);
        };
        // The read-replica path (DATABASE_READ_URL): the server reads from a streaming standby of the
        // cluster, taken by pg_basebackup just before the load, as docs/search.md ("Scaling out") sets one up,
        // on the same two cores as the primary. Where one cannot be set up, a second pool on the primary
        // database stands in for it, and the output says so.
        const loadReadReplicaAt = async (label: string, env: Record<string, string>): Promise<void> => {
          replicaSkip ??= await replicaPrerequisites();
          let replica: Replica | undefined;
          let readUrl = env.DATABASE_URL!;
          if (replicaSkip) {
            out[`${label}.api_read_url`] =
              `simulated: a second pool on the primary database (${replicaSkip})`;
          } else {
            const t0 = performance.now();
            replica = await startReplica(readUrl);
            await replica.caughtUp();
            readUrl = replica.url;
            out[`${label}.api_read_url`] =
              `streaming standby on this machine (pg_basebackup and start: ${((performance.now() - t0) / 1000).toFixed(0)} s)`;
          }
          try {
            const server = await startServer({ ...env, SEARCH_CACHE_SIZE: '0', DATABASE_READ_URL: readUrl });
            try {
              report(`${label}.api_read_url_uncached`, await loadApi(server.url, apiSeconds, 1));
            } finally {
              await server.stop();
            }
          } finally {
            await replica?.stop();
          }
        };
        const corpus = new SyntheticCorpus();
        let indexed = 0;
        for (const size of sizes) {
          const label = `${backend}.${sizeLabel(size)}`;
          const writeRg = !rgSizes.has(size);
          const file = writeRg ? createWriteStream(join(rgDir, `part-${sizeLabel(size)}.txt`)) : undefined;
          let indexMs = 0;
          let indexCpu = 0;
          const from = indexed;
          while (indexed < size) {
            const chunk = [...corpus.paragraphs(indexed, Math.min(size, indexed + CHUNK))];
            if (file) for (const d of chunk) file.write(`${d.body.replace(/\n/g, ' ')}\n`);
            const c0 = process.cpuUsage();
            indexMs += await timed(() => indexDocs(ts.store.db, chunk, { fresh: true }));
            const c = process.cpuUsage(c0);
            indexCpu += (c.user + c.system) / 1000;
            indexed += chunk.length;
            if (indexed % 100_000 === 0) log(`${label}: ${indexed} paragraphs indexed`);
          }
          if (file) await new Promise<void>((resolve) => file.end(resolve));
          rgSizes.add(size);
          out[`${label}.index_paragraphs_per_s`] = Math.round(((indexed - from) * 1000) / indexMs);
          if (backend === 'sqlite') {
            out[`${label}.index_paragraphs_per_cpu_s`] = Math.round(((indexed - from) * 1000) / indexCpu);
          }
          if (backend === 'postgres') await ts.store.db.executeQuery(CompiledQuery.raw('analyze search_doc'));
          log(`${label}: indexed ${indexed} paragraphs`);

          if (apiOnly) {
            await loadApiAt(label);
            continue;
          }
          // Latency through the whole search path and the LIKE baseline, in a fresh process.
          const { lat, cpu, scanLat, like, slowest } = queryTimings(rounds, ts.env);
          out[`${label}.query_p50_ms`] = r1(percentile(lat, 50));
          out[`${label}.query_p95_ms`] = r1(percentile(lat, 95));
          out[`${label}.query_max_ms`] = r1(Math.max(...lat));
          out[`${label}.query_slowest`] = `${slowest.q} (${r1(slowest.ms)} ms)`;
          // On a shared machine wall time includes waiting for a core; SQLite runs in the querying
          // process, so its CPU time per query is the cost of the query itself.
          if (backend === 'sqlite') {
            out[`${label}.query_cpu_p50_ms`] = r1(percentile(cpu, 50));
            out[`${label}.query_cpu_p95_ms`] = r1(percentile(cpu, 95));
          }
          out[`${label}.like_scan_p50_ms`] = r1(percentile(like, 50));
          out[`${label}.like_scan_p95_ms`] = r1(percentile(like, 95));
          out[`${label}.scan_queries_p95_ms`] = r1(percentile(scanLat, 95));
          out[`${label}.speedup_vs_like_p95`] = r1(percentile(like, 95) / percentile(scanLat, 95));
          out[`${label}.speedup_vs_like_p50`] = r1(percentile(like, 50) / percentile(scanLat, 50));

          // Exact ranking: each page against a brute-force BM25 over every match (BENCH_SEARCH_EXACT_QUERIES
          // common-word queries, default 200, and the judged queries' text), and how many the lists answered.
          const exactQueries = [
            ...readJudgedSet(join(ROOT_DIR, 'test/fixtures/search/judged.json')).queries.map((q) => ({
              q: q.q,
              limit: 10,
            })),
            ...(await commonWordQueries(ts.store, Number(process.env.BENCH_SEARCH_EXACT_QUERIES ?? 200))),
          ];
          const exact = await checkExactRanking(ts.store, exactQueries);
          out[`${label}.exact_top10_same_as_brute_force`] = `${exact.same} of ${exact.total} queries`;
          if (exact.differing.length > 0)
            out[`${label}.exact_differing`] = JSON.stringify(exact.differing[0]);
          // Where each page was proved: the impact lists alone, the blocks of common words, or every match.
          const provedBy = { lists: 0, blocks: 0, matches: 0 };
          const exactMs: number[] = [];
          for (const q of exactQueries) {
            const t0 = performance.now();
            provedBy[(await search(ts.store, q)).rankedFrom]++;
            exactMs.push(performance.now() - t0);
          }
          out[`${label}.exact_ranked_from`] =
            `lists ${provedBy.lists}, blocks ${provedBy.blocks}, every match ${provedBy.matches} of ${exactQueries.length} queries`;
          out[`${label}.exact_queries_p50_ms`] = r1(percentile(exactMs, 50));
          out[`${label}.exact_queries_p95_ms`] = r1(percentile(exactMs, 95));
          out[`${label}.exact_queries_max_ms`] = r1(Math.max(...exactMs));
          out[`${label}.exact_engine_vs_brute_force_ms`] =
            `${Math.round(exact.engineMs)} vs ${Math.round(exact.bruteForceMs)}`;

          if (writeRg) {
            const rg: number[] = [];
            for (const q of SCAN_QUERIES) {
              const t0 = performance.now();
              const res = spawnSync('rg', ['-F', '-c', '--no-messages', '--', q, rgDir], {
                encoding: 'utf8',
              });
              if (res.error) throw new Error(`ripgrep: ${res.error.message}`);
              rg.push(performance.now() - t0);
            }
            rgTimes.set(size, { p50: percentile(rg, 50), p95: percentile(rg, 95) });
            out[`rg.${sizeLabel(size)}.p50_ms`] = r1(percentile(rg, 50));
            out[`rg.${sizeLabel(size)}.p95_ms`] = r1(percentile(rg, 95));
          }
          // The same queries (literal strings) as ripgrep runs over the same text, one paragraph per line.
          const rgAt = rgTimes.get(size);
          if (rgAt) {
            out[`${label}.speedup_vs_rg_p95`] = r1(rgAt.p95 / percentile(scanLat, 95));
            out[`${label}.speedup_vs_rg_p50`] = r1(rgAt.p50 / percentile(scanLat, 50));
          }
          log(
            `${label}: p95 ${out[`${label}.query_p95_ms`]} ms, LIKE p95 ${out[`${label}.like_scan_p95_ms`]} ms`,
          );
          await loadApiAt(label);
        }
      } finally {
        await ts.dispose();
      }
    }
  } finally {
    rmSync(rgDir, { recursive: true, force: true });
  }

  if (apiOnly) return figures;
  // Relevance on the real record: every seeder (the last one builds the search index).
  const judged = readJudgedSet(join(ROOT_DIR, 'test/fixtures/search/judged.json'));
  const tops: Record<string, string[][]> = {};
  for (const backend of backends) {
    const ts = backend === 'sqlite' ? await sqliteTestStore() : await postgresTestStore();
    try {
      await seedRecord(ts.store, pino({ level: 'silent' }));
      const e = await evaluate(ts.store, judged);
      out[`${backend}.ndcg_at_10`] = r3(e.mean);
      tops[backend] = e.perQuery.map((q) => q.top);
    } finally {
      await ts.dispose();
    }
  }
  out['judged_queries'] = judged.queries.length;
  if (tops.sqlite && tops.postgres) {
    const same = tops.sqlite.filter((t, i) => JSON.stringify(t) === JSON.stringify(tops.postgres![i])).length;
    out['backends_same_top10'] = `${same}/${judged.queries.length}`;
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(join(ROOT_DIR, 'tmp'), { recursive: true });
  const figures = await benchSearch();
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`search.${k}: ${v}\n`);
}
