/**
 * Imports that cannot half-finish: `import undl` refuses a binary file, invalid UTF-8 and a file over
 * --max-bytes at once, with an error naming the file and the byte, and stores no source row when nothing
 * was imported; an import killed after its records committed leaves the search index marked stale, which
 * `council doctor` reports and the next import or start rebuilds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { importUndlVoting } from '../../src/ingest/undl/index.ts';
import { indexStaleSince, markIndexStale } from '../../src/search/indexer.ts';
import { parseSearchParams, search } from '../../src/search/search.ts';
import { council, startServer } from '../support/cli.ts';
import { sqliteTestStore } from '../support/stores.ts';

const SAMPLE = join(ROOT_DIR, 'test', 'fixtures', 'undl', 'voting-sample.csv');

test('import undl refuses what is not the voting CSV, at once, and stores nothing', async () => {
  const ts = await sqliteTestStore();
  const dir = mkdtempSync(join(tmpdir(), 'council-undl-'));
  try {
    const zeros = join(dir, 'zeros.csv');
    writeFileSync(zeros, '');
    truncateSync(zeros, 512 * 1024 ** 2); // 512 MB of zeros (sparse)
    const t0 = Date.now();
    const z = council(['import', 'undl', zeros, '--max-bytes', '1G'], ts.env);
    assert.notEqual(z.status, 0);
    assert.match(z.stderr, /zeros\.csv: byte 0 is a NUL: a binary file, not the UNDL voting CSV/);
    assert.ok(Date.now() - t0 < 60_000, 'refused within its first chunk, not after reading it all');

    const latin1 = join(dir, 'latin1.csv');
    const sample = readFileSync(SAMPLE);
    writeFileSync(
      latin1,
      Buffer.concat([sample.subarray(0, 600), Buffer.from([0xe9, 0x20, 0xff]), sample.subarray(600)]),
    );
    const l = council(['import', 'undl', latin1], ts.env);
    assert.notEqual(l.status, 0);
    assert.match(l.stderr, /latin1\.csv: not UTF-8 text \(invalid bytes after byte \d+\)/);

    const big = council(['import', 'undl', SAMPLE, '--max-bytes', '4K'], ts.env);
    assert.notEqual(big.status, 0);
    assert.ok(statSync(SAMPLE).size > 4096);
    assert.match(big.stderr, /voting-sample\.csv: larger than the 4096 bytes limit \(raise --max-bytes/);
    const badSize = council(['import', 'undl', SAMPLE, '--max-bytes', 'lots'], ts.env);
    assert.match(badSize.stderr, /--max-bytes must be a size such as 32M, not "lots"/);

    // Rows that are all bad: nothing imported, and no source recorded either.
    const header = sample.toString('utf8').split('\n')[0]!;
    const bad = join(dir, 'only-bad.csv');
    writeFileSync(
      bad,
      `${header}\n1,ZZZ,Nowhere,0,Y,2020-03-30,S/RES/2518 (2020),S/2020/239,,d,a,s,,vote,15,0,0,0,15,\n`,
    );
    const report = await importUndlVoting(ts.store, bad);
    assert.deepEqual(report.sources, []);
    assert.match(
      report.problems.at(-1)!.message,
      /no decision could be imported from .*only-bad\.csv; no source recorded/,
    );
    const sources = await ts.store.db.selectFrom('source').select('id').execute();
    assert.deepEqual(sources, [], 'no source row for any refused or empty import');
  } finally {
    await ts.dispose();
  }
});

test('an import killed before the index caught up: doctor says so, the next import or start rebuilds it', async () => {
  const ts = await sqliteTestStore();
  const find = async () => (await search(ts.store, parseSearchParams({ q: 'videoconference' }))).count;
  try {
    // What a killed `council import` leaves: the mark set, the records committed, the index not rebuilt.
    await markIndexStale(ts.store.db);
    const first = await importUndlVoting(ts.store, SAMPLE);
    assert.equal(first.decisions.insert, 2);
    assert.equal(await find(), 0, 'the index does not have the imported decisions');
    const doctor = council(['doctor', '--json'], ts.env);
    assert.equal(doctor.status, 1);
    assert.match(
      doctor.stderr,
      /the search index is stale since \d{4}-\d\d-\d\dT.*the next `council start` or import rebuilds it/,
    );
    assert.equal((JSON.parse(doctor.stdout) as { searchIndex: { stale: boolean } }).searchIndex.stale, true);

    // The same import again changes nothing in the record, and still rebuilds the index.
    const again = council(['import', 'undl', SAMPLE, '--json'], ts.env);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual((JSON.parse(again.stdout) as { decisions: unknown }).decisions, {
      insert: 0,
      update: 0,
      noop: 2,
    });
    assert.equal(await indexStaleSince(ts.store.db), null);
    assert.ok((await find()) > 0, 'the rebuilt index finds the imported decisions');
    assert.equal(council(['doctor'], ts.env).status, 0);

    // A start repairs it too.
    await markIndexStale(ts.store.db);
    const server = await startServer({ ...ts.env }, ['--no-seed']);
    await server.stop();
    assert.equal(await indexStaleSince(ts.store.db), null);
  } finally {
    await ts.dispose();
  }
});
