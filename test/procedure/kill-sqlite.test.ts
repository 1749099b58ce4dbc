import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKillTrials } from './kill-harness.ts';
import { sqliteBackend } from './helpers.ts';

// KILL_TRIALS=50 for a long run; the default keeps `npm test` short.
const TRIALS = Number(process.env.KILL_TRIALS ?? 5);

test(
  `SIGKILL during concurrent voting, ${TRIALS} trials on SQLite: no acknowledged vote lost or duplicated`,
  { timeout: TRIALS * 120_000 },
  async () => {
    const stats = await runKillTrials(sqliteBackend(), TRIALS, (s) =>
      process.stdout.write(`# sqlite ${s}\n`),
    );
    process.stdout.write(`# kill stats ${JSON.stringify(stats)}\n`);
    assert.equal(stats.trials, TRIALS);
  },
);
