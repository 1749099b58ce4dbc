import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKillTrials } from './kill-harness.ts';
import { postgresBackend } from './helpers.ts';

const TRIALS = Number(process.env.KILL_TRIALS ?? 5);
const backend = await postgresBackend('kill');

test(
  `SIGKILL during concurrent voting, ${TRIALS} trials on PostgreSQL: no acknowledged vote lost or duplicated`,
  { timeout: TRIALS * 120_000, skip: typeof backend === 'string' ? backend : false },
  async () => {
    if (typeof backend === 'string') return;
    const stats = await runKillTrials(backend, TRIALS, (s) => process.stdout.write(`# postgres ${s}\n`));
    process.stdout.write(`# kill stats ${JSON.stringify(stats)}\n`);
    assert.equal(stats.trials, TRIALS);
  },
);
