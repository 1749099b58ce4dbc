// The commands as a user runs them: real seed, and unusable input refused with a message and exit code 2.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, truncateSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { extractFile } from '../../src/cli/commands/extract.ts';
import { CliError } from '../../src/cli/errors.ts';
import { SEED_ZH } from './helpers.ts';

const BIN = resolve(ROOT_DIR, 'bin/council.mjs');

function council(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { timeout: 120_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'council-extract-'));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  // A sparse 3 GB file: no disk is used, and the command must refuse it without reading it.
  writeFileSync(join(dir, 'huge.txt'), '');
  truncateSync(join(dir, 'huge.txt'), 3 * 1024 ** 3);
  copyFileSync(SEED_ZH, join(dir, 'seed.txt'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('council extract / entities', () => {
  it('ends quietly with success when its reader closes the output early (`| head`)', async () => {
    for (const args of [
      ['extract', SEED_ZH],
      ['extract', SEED_ZH, '--json'],
      ['entities', SEED_ZH, '--json'],
    ]) {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      // The read end closed before a byte is read: the command's first write meets a closed pipe.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      assert.equal(stderr, '', args.join(' '));
      assert.equal(code, 0, args.join(' '));
    }
  });

  it('extract --json prints the section with the issue’s names', async () => {
    const r = await council('extract', SEED_ZH, '--lang', 'zh', '--year', '2020', '--json');
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout) as Record<string, unknown> & {
      meetings: Record<string, unknown>[];
      footnotes: unknown[];
    };
    for (const k of ['item', 'year', 'lang', 'paragraphs', 'footnotes', 'meetings', 'findings'])
      assert.ok(k in s, k);
    assert.equal(s.footnotes.length, 22);
    const m = s.meetings[0]!;
    for (const k of [
      'date',
      'format',
      'record',
      'letterDate',
      'title',
      'decisions',
      'briefers',
      'initiative',
      'notes',
    ])
      assert.ok(k in m, k);
  });

  it('entities --json prints exactly the six lists', async () => {
    const r = await council('entities', SEED_ZH, '--json');
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(e), ['symbols', 'resolutions', 'dates', 'states', 'missions', 'votes']);
  });

  it('refuses a 3 GB file at once, with exit code 2 and one line on stderr', async () => {
    const started = Date.now();
    const r = await council('extract', join(dir, 'huge.txt'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^council: error: .*huge\.txt is 3072 MB, over the 32 MB limit/);
    assert.equal(r.stdout, '');
    assert.ok(Date.now() - started < 60_000);
  });

  it('refuses unusable input with a message naming the file (exit code 2)', () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      [join(dir, 'empty.txt'), {}, /empty\.txt is empty/],
      [join(dir, 'binary.txt'), {}, /binary\.txt is a binary file/],
      [join(dir, 'latin1.txt'), {}, /latin1\.txt is not valid UTF-8/],
      [join(dir, 'huge.txt'), {}, /huge\.txt is 3072 MB, over the 32 MB limit/],
      [join(dir, 'missing.txt'), {}, /cannot read .*missing\.txt: ENOENT/],
      [dir, {}, /is a folder/],
      [join(dir, 'seed.txt'), { lang: 'en' }, /--lang en does not match the text .* use --lang zh/],
      [join(dir, 'seed.txt'), { lang: 'fr' }, /--lang must be zh or en/],
      [join(dir, 'seed.txt'), { year: '20x0' }, /--year must be a year/],
      [join(dir, 'seed.txt'), { maxBytes: '1k' }, /over the 1024 bytes limit/],
    ];
    for (const [file, opts, message] of cases) {
      assert.throws(
        () => extractFile(file, opts),
        (e: unknown) => e instanceof CliError && e.exitCode === 2 && message.test(e.message),
        `${file} ${JSON.stringify(opts)}`,
      );
    }
  });
});
