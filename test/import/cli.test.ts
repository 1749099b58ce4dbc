import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { SHARED_DIR } from '../../src/config/paths.ts';
import { main } from '../../src/cli/main.ts';
import { createProgress } from '../../src/ingest/progress.ts';

let dir: string;
const saved = { db: process.env.COUNCIL_DB, progress: process.env.COUNCIL_PROGRESS };

/** Runs the CLI in-process and captures what it writes. */
async function council(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  // The test runner reports through this process's stdout in binary frames; only the CLI's text is captured.
  process.stdout.write = ((s: string | Uint8Array, ...rest: unknown[]) =>
    typeof s === 'string'
      ? ((out += s), true)
      : (o as (...a: unknown[]) => boolean)(s, ...rest)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array, ...rest: unknown[]) =>
    typeof s === 'string'
      ? ((err += s), true)
      : (e as (...a: unknown[]) => boolean)(s, ...rest)) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'council', ...args]);
    return { code, out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
    process.exitCode = undefined;
  }
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'council-cli-'));
  process.env.COUNCIL_DB = join(dir, 'record.db');
  delete process.env.COUNCIL_PROGRESS;
});
after(() => {
  process.env.COUNCIL_DB = saved.db;
  if (saved.db === undefined) delete process.env.COUNCIL_DB;
  if (saved.progress !== undefined) process.env.COUNCIL_PROGRESS = saved.progress;
  rmSync(dir, { recursive: true, force: true });
});

test('council import vetoes: a JSON report, then all noop; plain progress lines on stderr', async () => {
  const csv = join(SHARED_DIR, 'data', 'vetoes', 'unsc_vetoes_1946_sept2022.csv');
  const first = await council('import', 'vetoes', csv, '--json');
  assert.equal(first.code, 0);
  const r1 = JSON.parse(first.out) as { decisions: { insert: number }; problems: unknown[] };
  assert.ok(r1.decisions.insert > 180);
  assert.match(first.err, /import vetoes:unsc_vetoes_1946_sept2022\.csv: started \(214\)/);
  const second = await council('import', 'vetoes', csv);
  assert.match(second.out, /decisions: 0 insert, 0 update, \d+ noop/);
  const stats = await council('stats', '--year', '2020', '--json');
  const s = JSON.parse(stats.out) as { vetoedDrafts: { value: number }; vetoesCast: { value: number } };
  assert.deepEqual([s.vetoedDrafts.value, s.vetoesCast.value], [3, 5]);
});

test('council import with an unknown kind or an unreadable file: one line on stderr, non-zero exit', async () => {
  const bad = await council('import', 'press', 'x.html');
  assert.equal(bad.code, 1);
  assert.match(
    bad.err,
    /unknown import kind "press" \(expected dhl, repertoire, undl, verbatim, vetoes, votes, vtc-letters\)/,
  );
  const missing = await council('import', 'dhl', join(dir, 'nope.html'));
  assert.equal(missing.code, 1);
  assert.match(missing.err, /import dhl failed, nothing was written: cannot read .*nope\.html: ENOENT/);
});

test('progress: a few plain lines when not on a terminal', () => {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  let text = '';
  (stream as unknown as PassThrough).on('data', (c: Buffer) => (text += c.toString()));
  const p = createProgress({ stream, mode: false });
  p.start('read x.csv', null);
  for (let i = 0; i < 25_000; i++) p.tick();
  p.stop();
  assert.equal(text, 'read x.csv: started\nread x.csv: 10000\nread x.csv: 20000\nread x.csv: done (25000)\n');
});
