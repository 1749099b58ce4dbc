/**
 * Every source honours --max-bytes: the voting sheet and the verbatim records (which read their own
 * files) are refused over the limit with the file named, a non-zero exit, and nothing stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../../src/config/paths.ts';
import { council } from '../support/cli.ts';
import { sqliteTestStore } from '../support/stores.ts';

const SHEET = join(SHARED_DIR, 'data', 'voting', 'oliverunv_Voting-Agent_sc_voting.csv');
const PDF = join(SHARED_DIR, 'corpus', 'pdf', 'S-PV.8701.pdf');

test(
  'import votes and import verbatim refuse a file over --max-bytes and store nothing',
  {
    skip: !existsSync(SHEET) || !existsSync(PDF) ? 'needs ../shared' : false,
  },
  async () => {
    const ts = await sqliteTestStore();
    try {
      assert.ok(statSync(SHEET).size > 64 * 1024 && statSync(PDF).size > 64 * 1024);
      const votes = council(['import', 'votes', SHEET, '--max-bytes', '64K'], ts.env);
      assert.notEqual(votes.status, 0);
      assert.match(
        votes.stderr,
        /oliverunv_Voting-Agent_sc_voting\.csv: larger than the 64\.0 KB limit|oliverunv_Voting-Agent_sc_voting\.csv: larger than the 65536 bytes limit/,
      );
      const pdf = council(['import', 'verbatim', PDF, '--max-bytes', '64K'], ts.env);
      assert.notEqual(pdf.status, 0);
      assert.match(pdf.stdout + pdf.stderr, /S-PV\.8701\.pdf is \d+ bytes, over the 65536-byte limit/);
      for (const table of ['source', 'meeting', 'decision'] as const) {
        const rows = await ts.store.db.selectFrom(table).select('id').execute();
        assert.deepEqual(rows, [], `nothing stored in ${table}`);
      }
    } finally {
      await ts.dispose();
    }
  },
);
