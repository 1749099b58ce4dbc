/**
 * Extraction throughput on a corpus of 1,000 Repertoire sections (the real zh seed and its English
 * counterpart, each copy renumbered as another item), written to a temporary folder and read back file by
 * file as `council ingest` does. Beside it, the floor measured in the same run on the same files: reading
 * them and running the normalise stage only. Peak memory is the highest RSS seen while extracting.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CORPUS_DIR, ROOT_DIR } from '../src/config/paths.ts';
import { normalise } from '../src/ingest/repertoire/normalise.ts';
import { extractSection } from '../src/ingest/repertoire/pipeline.ts';
import { readTextFile } from '../src/ingest/repertoire/input.ts';

const SECTIONS = 1000;

function buildCorpus(dir: string): { files: { path: string; lang: 'zh' | 'en' }[]; bytes: number } {
  const seeds = {
    zh: readFileSync(join(CORPUS_DIR, 'zh', 'repertoire-2020-part1-item23-peacekeeping.txt'), 'utf8'),
    en: readFileSync(
      resolve(ROOT_DIR, 'test/fixtures/en/repertoire-2020-part1-item23-peacekeeping.txt'),
      'utf8',
    ),
  };
  const files: { path: string; lang: 'zh' | 'en' }[] = [];
  let bytes = 0;
  for (let i = 0; i < SECTIONS; i++) {
    const lang = i % 2 === 0 ? 'zh' : 'en';
    const text = seeds[lang].replace(/^23\. /m, `${(i % 60) + 1}. `);
    const path = join(dir, `${String(i).padStart(4, '0')}-${lang}.txt`);
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
    files.push({ path, lang });
  }
  return { files, bytes };
}

export async function benchExtract(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'council-bench-extract-'));
  try {
    const { files, bytes } = buildCorpus(dir);
    // Warm up the reference indexes (states, missions, offices, OpenCC) outside the timings.
    extractSection(readTextFile(files[0]!.path), { lang: 'zh' });
    extractSection(readTextFile(files[1]!.path), { lang: 'en' });

    // CPU time of this process (one core: the loop is synchronous) is the figure that holds on a shared
    // machine; wall-clock throughput is printed beside it.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const d = process.cpuUsage(since);
      return (d.user + d.system) / 1000;
    };
    let t = performance.now();
    let c = process.cpuUsage();
    for (const f of files) normalise(readTextFile(f.path), f.lang);
    const floorMs = performance.now() - t;
    const floorCpu = cpuMs(c);

    let peak = process.memoryUsage.rss();
    let findings = 0;
    t = performance.now();
    c = process.cpuUsage();
    for (const f of files) {
      findings += extractSection(readTextFile(f.path), { lang: f.lang }).findings.length;
      peak = Math.max(peak, process.memoryUsage.rss());
    }
    const extractMs = performance.now() - t;
    const extractCpu = cpuMs(c);
    const mb = bytes / 1024 / 1024;
    const rate = (x: number, ms: number) => Number((x / (ms / 1000)).toFixed(2));
    return {
      sections: files.length,
      corpus_mb: Number(mb.toFixed(2)),
      throughput_mb_s: rate(mb, extractCpu),
      sections_per_s: rate(files.length, extractCpu),
      floor_mb_s: rate(mb, floorCpu),
      ratio_to_floor: Number((extractCpu / floorCpu).toFixed(2)),
      wall_throughput_mb_s: rate(mb, extractMs),
      wall_floor_mb_s: rate(mb, floorMs),
      peak_rss_mb: Number((peak / 1024 / 1024).toFixed(1)),
      findings_per_section: Number((findings / files.length).toFixed(2)),
      files_in_corpus: readdirSync(dir).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
