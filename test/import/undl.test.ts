import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR, SHARED_DIR } from '../../src/config/paths.ts';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { importUndlVoting } from '../../src/ingest/undl/index.ts';
import { readUndlVoting } from '../../src/ingest/undl/parse.ts';
import { openInput } from '../../src/ingest/common/stream.ts';
import type { Store } from '../../src/store/db.ts';
import { sqliteTestStore as tempStore } from '../support/stores.ts';

const FIXTURES = join(ROOT_DIR, 'test', 'fixtures', 'undl');
const SAMPLE = join(FIXTURES, 'voting-sample.csv');

describe('UNDL voting data, read', () => {
  test('the fixture has the traps the issue names', () => {
    const text = readFileSync(SAMPLE, 'utf8');
    assert.ok(text.startsWith('\ufeffundl_id,'), 'a BOM');
    assert.ok(/"[^"]*\n[^"]*"/.test(text), 'a quoted multi-line field');
    assert.ok(!text.endsWith('\n'), 'a truncated last line');
  });

  test('bad rows are reported with line and field; good decisions are kept with every member’s vote', async () => {
    const r = await readUndlVoting(await openInput(SAMPLE), 'sample.csv');
    assert.deepEqual(
      r.decisions.map((d) => [d.symbol, d.totals.yes, d.totals.no, d.totals.abstentions, d.votes.length]),
      [
        ['S/RES/2518 (2020)', 15, 0, 0, 15],
        ['S/RES/2504 (2020)', 11, 0, 4, 15],
      ],
    );
    // The multi-line description is one field of the first row (lines 2-3); the next row starts on line 4.
    assert.equal(
      r.decisions[0]!.description,
      'Resolution 2518 (2020) / adopted by the Security Council on 30 March 2020\nadopted at a videoconference',
    );
    assert.deepEqual(r.decisions[0]!.lines.slice(0, 2), [2, 4]);
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.field]),
      [
        [33, 'ms_code'], // unknown state code ZZZ
        [49, 'total_yes'], // the truncated last line ends before the totals
        [34, 'total_yes'], // S/RES/2505 (2020): 15 "Y" rows but total_yes 14
      ],
    );
    assert.match(r.problems[0]!.message, /unknown state code "ZZZ"/);
    assert.match(r.problems[2]!.message, /total_yes is 14 but the members' rows give 15 "Y"/);
  });

  test('a file without a documented column is refused naming the column', async () => {
    await assert.rejects(
      readUndlVoting(await openInput(join(FIXTURES, 'missing-column.csv')), 'm.csv'),
      /line 1: missing column\(s\) total_no/,
    );
  });
});

describe('UNDL voting data, imported', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let server: Server;
  let url: string;
  before(async () => {
    ({ store, dispose } = await tempStore());
    server = createServer((_req, res) => createReadStream(SAMPLE).pipe(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/voting-sample.csv`;
  });
  after(async () => {
    server.close();
    await dispose();
  });

  test('streamed from a URL onto the DHL record: same decisions, votes added, totals agreeing', async () => {
    await importTableFiles(store, [
      join(SHARED_DIR, 'data', 'dhl-tables', 'scact2020_covid_table_en.html'),
      join(SHARED_DIR, 'data', 'dhl-tables', 'scact2020_table_en.html'),
    ]);
    const report = await importUndlVoting(store, url);
    assert.deepEqual(report.decisions, { insert: 0, update: 2, noop: 0 });
    assert.equal(report.problems.length, 3);
    const d = await store.db
      .selectFrom('decision')
      .selectAll()
      .where('id', '=', 'S/RES/2504 (2020)')
      .executeTakeFirstOrThrow();
    assert.equal(d.meeting_id, 'S/PV.8700');
    assert.equal(d.draft_symbol, 'S/2020/24');
    const votes = await store.db
      .selectFrom('vote')
      .select(['state', 'vote'])
      .where('decision_id', '=', 'S/RES/2504 (2020)')
      .where('vote', '=', 'A')
      .orderBy('state')
      .execute();
    assert.deepEqual(
      votes.map((v) => v.state),
      ['CHN', 'GBR', 'RUS', 'USA'],
    );
    assert.equal(
      await store.db.selectFrom('vote').select('state').where('state', '=', 'ZZZ').executeTakeFirst(),
      undefined,
    );
    // Resolution 2505 (2020) is not in the sample, but its 15-0-0 tally proves every member's vote.
    const proven = await store.db
      .selectFrom('vote')
      .select(['state', 'vote', 'basis'])
      .where('decision_id', '=', 'S/RES/2505 (2020)')
      .execute();
    assert.equal(proven.length, 15);
    assert.ok(proven.every((v) => v.vote === 'Y' && v.basis === 'tally'));
    const prov = await store.db
      .selectFrom('provenance')
      .select('source_id')
      .where('entity_id', '=', 'S/RES/2518 (2020)')
      .execute();
    assert.deepEqual(prov.map((p) => p.source_id).sort(), [
      'dhl:scact2020_covid_table_en.html',
      'undl:voting-sample.csv',
    ]);
  });

  test('importing the same file again is all noop', async () => {
    const again = await importUndlVoting(store, SAMPLE);
    assert.deepEqual(again.decisions, { insert: 0, update: 0, noop: 2 });
    assert.equal(again.sources[0]!.outcome, 'noop');
  });
});
