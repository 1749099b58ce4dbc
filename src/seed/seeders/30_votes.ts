import { join } from 'node:path';
import { SHARED_DIR } from '../../config/paths.ts';
import { source } from '../../ingest/votes/source.ts';
import { oneFile, sourceSeeder } from '../index.ts';

export const VOTING_SHEET = join(SHARED_DIR, 'data', 'voting', 'oliverunv_Voting-Agent_sc_voting.csv');

/**
 * Per-member votes 1994–2025 from the shared data folder (never copied into the repository), matched to
 * the decisions the meeting tables loaded before it (10_dhl, 11_vetoes).
 */
export const seed = sourceSeeder({
  source,
  ...oneFile(VOTING_SHEET),
  done: 'per-member votes imported',
  summary: (r) => ({
    source: r.sources[0]?.id,
    blocks: r.files[0]?.blocks,
    votes: r.files[0]?.votesTaken,
    dateSwaps: r.files[0]?.dateSwaps,
    decisions: r.decisions,
    refused: Object.fromEntries((r.files[0]?.refused ?? []).map((x) => [x.reason, x.count])),
  }),
});
