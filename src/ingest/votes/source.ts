import type { Source } from '../common/contract.ts';
import { readVotes, votesLines, votesRun, writeVotes, type VotesInput, type VotesRun } from './index.ts';

export const source: Source<VotesInput, VotesRun> = {
  kind: 'votes',
  summary:
    "per-member votes (the dashboards' voting sheet, or a UNDL voting CSV), matched to the decisions of the meeting tables; refusals listed with their reason",
  read: (paths, { progress, maxBytes }) => readVotes(paths, progress, maxBytes),
  write: async (store, input, { progress }) => votesRun(await writeVotes(store, input, progress)),
  describe: votesLines,
};
