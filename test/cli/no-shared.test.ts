/**
 * Without the shared sources folder the product still starts: an empty record, and a log line saying where
 * the sources come from. (The reference data built earlier is used; see src/domain/reference/files.ts.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { COUNCIL_BIN } from '../support/cli.ts';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { referenceFile } from '../../src/domain/reference/files.ts';

test('npm start without the shared folder serves an empty record and names the sources', async () => {
  referenceFile('states.json'); // built from the real shared folder first, as on any machine that had it
  const dir = mkdtempSync(join(tmpdir(), 'council-noshared-'));
  const { DATABASE_URL: _unused, ...env } = process.env;
  const child = spawn(process.execPath, [COUNCIL_BIN, 'start'], {
    cwd: ROOT_DIR,
    env: {
      ...env,
      COUNCIL_DB: join(dir, 'council.db'),
      COUNCIL_SHARED: join(dir, 'no-such-folder'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      COUNCIL_WORKERS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`did not start\n${out}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving at (http:\/\/[^\s/]+)\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}\n${out}`)));
    });
    assert.match(out, /no shared sources folder at .*no-such-folder: the record starts empty/);
    assert.match(out, /COUNCIL_SHARED/);
    assert.match(out, /www\.un\.org\/depts\/dhl\/resguide\/scactYEAR_table_en\.html/);
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
    const api = (await (await fetch(`${url}/api`)).json()) as { counts: Record<string, number> };
    assert.equal(api.counts.meeting, 0);
    assert.equal(api.counts.decision, 0);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
});
