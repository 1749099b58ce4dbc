import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SHARED_DIR } from '../../config/paths.ts';
import { importVotingSheet } from '../../ingest/votes/index.ts';
import type { Store } from '../../store/db.ts';

export const VOTING_SHEET = join(SHARED_DIR, 'data', 'voting', 'oliverunv_Voting-Agent_sc_voting.csv');

/**
 * Per-member votes 1994–2025 from the shared data folder (never copied into the repository), matched to
 * the decisions the meeting tables loaded before it (10_dhl, 11_vetoes).
 */
export async function seed(store: Store, log: Logger): Promise<void> {
  if (!existsSync(VOTING_SHEET)) {
    log.warn(
      { expected: VOTING_SHEET },
      'per-member voting sheet not found (set COUNCIL_SHARED_DIR to the shared data folder): no per-member votes loaded',
    );
    return;
  }
  const report = await importVotingSheet(store, VOTING_SHEET);
  log.info(
    {
      source: report.sources[0]?.id,
      blocks: report.blocks,
      votes: report.votesTaken,
      dateSwaps: report.dateSwaps,
      decisions: report.decisions,
      refused: Object.fromEntries(report.refused.map((r) => [r.reason, r.count])),
    },
    'per-member votes imported',
  );
}
