/**
 * First start from empty: `council start` on an empty SQLite database loads the whole record from the
 * shared folder (every UN Library table 1946–2022, the veto lists, the seed section, the search index)
 * before it serves. Measured as a user meets it (the real command, until it prints its URL), with the
 * process's CPU time beside the wall time (the machine may be shared); then the UN Library import alone
 * in rows per second, beside its baseline in the same run: the 2019–2021 tables the record shipped before.
 * Target: first start under 60 s.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR, SOURCES_DIR } from '../src/config/paths.ts';
import { importTableFiles } from '../src/ingest/sources.ts';
import { openStore } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';

const TARGET_SECONDS = 60;
const round = (n: number) => Math.round(n * 100) / 100;
const DHL = join(SOURCES_DIR, 'dhl-tables');

/** User + system CPU seconds of a running process (Linux /proc), or null elsewhere. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; in clock ticks.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function firstStart(): Promise<{ wall: number; cpu: number | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'council-bench-seed-'));
  try {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT_DIR, 'bin/council.mjs'), 'start'], {
      env: {
        ...process.env,
        COUNCIL_DB: join(dir, 'council.db'),
        PORT: '0',
        LOG_LEVEL: 'warn',
        COUNCIL_WORKERS: '1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const wall = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (/serving at http/.test(out)) resolve((performance.now() - t0) / 1000);
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`council start exited (${code ?? signal}) before serving`)),
      );
    });
    const cpu = child.pid ? cpuSeconds(child.pid) : null;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    return { wall, cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importRate(files: string[]): Promise<{ rows: number; seconds: number; cpu: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'council-bench-dhl-'));
  const store = openStore({ kind: 'sqlite', path: join(dir, 'council.db') });
  try {
    await migrate(store);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await importTableFiles(store, files, { kind: 'dhl' });
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(cpu0);
    return { rows: report.sources.reduce((n, s) => n + s.rows, 0), seconds, cpu: (c.user + c.system) / 1e6 };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSeed(): Promise<Record<string, number | string>> {
  const all = readdirSync(DHL)
    .filter((f) => /^scact\d{4}.*\.html$/.test(f))
    .sort();
  const start = await firstStart();
  const whole = await importRate(all.map((f) => join(DHL, f)));
  const baseline = await importRate(
    [
      'scact2019_table_en.html',
      'scact2020_table_en.html',
      'scact2020_covid_table_en.html',
      'scact2021_table_en.html',
    ].map((f) => join(DHL, f)),
  );
  return {
    first_start_s: round(start.wall),
    first_start_cpu_s: start.cpu === null ? 'n/a' : round(start.cpu),
    first_start_target: `< ${TARGET_SECONDS} s: ${start.wall < TARGET_SECONDS ? 'met' : 'MISSED'}`,
    dhl_import_files: all.length,
    dhl_import_rows: whole.rows,
    dhl_import_s: round(whole.seconds),
    dhl_import_cpu_s: round(whole.cpu),
    dhl_import_rows_per_s: Math.round(whole.rows / whole.seconds),
    baseline_2019_2021_rows: baseline.rows,
    baseline_2019_2021_rows_per_s: Math.round(baseline.rows / baseline.seconds),
  };
}
