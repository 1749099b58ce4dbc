/**
 * The verbatim-record reader's throughput (pages per second of CPU time) over the shared S/PV PDFs,
 * beside the floor measured in the same run on the same files: poppler's `pdftotext -layout`, a C++
 * text extractor that does no structure. Peak memory is the process's highest RSS while reading.
 * Targets (issue 14): at least 20 pages/s on one core, within 5× of the floor.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../src/config/paths.ts';
import { readPdfFile, runVerbatimPipeline } from '../src/ingest/verbatim/pipeline.ts';

const PDF_DIR = join(SHARED_DIR, 'corpus', 'pdf');
/** Passes over the corpus: the ten records are small, so a few passes steady the figure. */
const PASSES = 3;

/** CPU seconds (user + system) that `pdftotext -layout` takes over the files, from the shell's `times`. */
function pdftotextCpu(files: string[]): { cpuS: number; wallMs: number } | undefined {
  const script = `for f in "$@"; do pdftotext -layout "$f" /dev/null || exit 1; done; times`;
  const t = performance.now();
  const r = spawnSync('sh', ['-c', script, 'sh', ...files], { encoding: 'utf8' });
  const wallMs = performance.now() - t;
  if (r.status !== 0) return undefined;
  // `times` prints the shell's own times, then its children's: "0m0.312s 0m0.020s".
  const children = r.stdout.trim().split('\n').at(-1) ?? '';
  const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { cpuS: secs.reduce((a, b) => a + b, 0), wallMs };
}

export async function benchVerbatim(): Promise<Record<string, number | string>> {
  let names: string[];
  try {
    names = readdirSync(PDF_DIR).filter((f) => f.endsWith('.pdf'));
  } catch {
    return { skipped: `no PDFs in ${PDF_DIR}` };
  }
  const files = names.map((n) => join(PDF_DIR, n));
  const bytes = files.map((f) => readPdfFile(f));
  const rssBefore = process.memoryUsage.rss();
  // Warm up pdf.js and the state lookup outside the timings.
  const warm = await runVerbatimPipeline(bytes[0]!, files[0]!);
  let pages = 0;
  let peak = process.memoryUsage.rss();
  let t = performance.now();
  const c = process.cpuUsage();
  for (let pass = 0; pass < PASSES; pass++)
    for (const [i, b] of bytes.entries()) {
      pages += (await runVerbatimPipeline(b, files[i]!)).pages.length;
      peak = Math.max(peak, process.memoryUsage.rss());
    }
  const readerWall = performance.now() - t;
  const used = process.cpuUsage(c);
  const readerCpu = (used.user + used.system) / 1e6;
  t = performance.now();
  const floorRuns = [];
  for (let pass = 0; pass < PASSES; pass++) floorRuns.push(pdftotextCpu(files));
  const floorWall = performance.now() - t;
  const rate = (n: number, s: number) => Number((n / s).toFixed(1));
  const out: Record<string, number | string> = {
    files: files.length,
    pages: pages / PASSES,
    passes: PASSES,
    pages_per_s_cpu: rate(pages, readerCpu),
    pages_per_s_wall: rate(pages, readerWall / 1000),
    reader_cpu_s: Number(readerCpu.toFixed(2)),
    peak_rss_mb: Number((peak / 1024 / 1024).toFixed(1)),
    rss_before_reading_mb: Number((rssBefore / 1024 / 1024).toFixed(1)),
    warm_up_turns: warm.turns.length,
  };
  if (floorRuns.some((r) => r === undefined)) {
    out.floor = 'pdftotext not available (apt-get install poppler-utils)';
    return out;
  }
  const floorCpu = floorRuns.reduce((a, r) => a + r!.cpuS, 0);
  out.floor_pdftotext_pages_per_s_cpu = rate(pages, floorCpu);
  out.floor_pdftotext_pages_per_s_wall = rate(pages, floorWall / 1000);
  out.ratio_to_floor_cpu = Number((readerCpu / floorCpu).toFixed(2));
  out.target = '>= 20 pages/s (cpu), ratio_to_floor_cpu <= 5';
  return out;
}
