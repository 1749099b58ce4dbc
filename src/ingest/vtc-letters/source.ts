import type { Source } from '../common/contract.ts';
import { reportLines } from '../common/report.ts';
import { readVtcLetters, writeVtcLetters, type VtcLettersInput, type VtcLettersReport } from './index.ts';

export const source: Source<VtcLettersInput, VtcLettersReport> = {
  kind: 'vtc-letters',
  summary: 'the 2020 videoconference letters CSV (text by OCR): participants and statements',
  single: true,
  read: async (paths, { maxBytes }) => readVtcLetters(paths[0]!, maxBytes),
  write: (store, input, { progress }) => writeVtcLetters(store, input, { progress }),
  describe(r) {
    const by = (k: string) => r.letters.filter((l) => l.by === k).length;
    return reportLines(
      r,
      ['meetings', 'participants', 'speeches'],
      [
        `letters: ${by('symbol')} matched by symbol, ${by('date_topic')} by date and topic, ` +
          `${by('none') + by('ambiguous')} kept as videoconferences of their own`,
        `names: ${r.names.matched} matched, ${r.names.corrected} corrected, ${r.names.unresolved} kept as printed (flagged)`,
      ],
    );
  },
};
