/**
 * `council import dhl` refuses input it cannot read as a table, before anything is written: a file over
 * --max-bytes (checked before reading), a binary file, invalid UTF-8, a table of which no row can be read.
 * The record then holds no source row for it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SOURCES_DIR } from '../../src/config/paths.ts';
import { openStore } from '../../src/store/db.ts';
import { council } from '../support/cli.ts';

let dir: string;
let env: Record<string, string>;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'council-dhl-input-'));
  env = { COUNCIL_DB: join(dir, 'record.db') };
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function sources(): Promise<number> {
  const store = openStore({ kind: 'sqlite', path: env.COUNCIL_DB! });
  try {
    return (await store.db.selectFrom('source').select('id').execute()).length;
  } finally {
    await store.close();
  }
}

test('import dhl refuses oversized, binary and non-UTF-8 files, naming them, and stores nothing', async () => {
  const table = join(SOURCES_DIR, 'dhl-tables', 'scact1950_table_en.html');
  const big = council(['import', 'dhl', table, '--max-bytes', '10K'], env);
  assert.equal(big.status, 1);
  assert.match(
    big.stderr,
    /scact1950_table_en\.html is \d+ bytes, over the --max-bytes limit of 10240 bytes/,
  );

  const binary = join(dir, 'zeros.html');
  writeFileSync(binary, Buffer.alloc(4096));
  const bin = council(['import', 'dhl', table, binary], env);
  assert.equal(bin.status, 1);
  assert.match(bin.stderr, /zeros\.html is a binary file/);

  const latin1 = join(dir, 'latin1.html');
  writeFileSync(
    latin1,
    Buffer.from(
      '<table><tr><th>Date</th><th>Topic</th></tr><tr><td>1 Mai</td><td>Caf\xe9</td></tr></table>',
      'latin1',
    ),
  );
  const bad = council(['import', 'dhl', latin1], env);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /latin1\.html is not valid UTF-8 text/);
  assert.equal(await sources(), 0, 'no source row');
});

test('a table of which no row can be read gets no source row; the others are imported', async () => {
  const empty = join(dir, 'scact1999_table_en.html');
  writeFileSync(
    empty,
    '<table><tr><th>Meeting Record</th><th>Date</th><th>Topic</th><th>Security Council Outcome / Vote</th></tr>' +
      '<tr><td>S/PV.X</td><td>31 Febtember</td><td>?</td><td>--</td></tr></table>',
  );
  const table = join(SOURCES_DIR, 'dhl-tables', 'scact1950_table_en.html');
  const r = council(['import', 'dhl', table, empty, '--json'], env);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { sources: { id: string }[]; problems: { message: string }[] };
  assert.deepEqual(
    report.sources.map((s) => s.id),
    ['dhl:scact1950_table_en.html'],
  );
  assert.ok(report.problems.some((p) => /no row of this file could be read/.test(p.message)));
  assert.equal(await sources(), 1);
});
