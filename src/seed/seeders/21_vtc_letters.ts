import { join } from 'node:path';
import { SHARED_DIR } from '../../config/paths.ts';
import { source } from '../../ingest/vtc-letters/source.ts';
import { oneFile, sourceSeeder } from '../index.ts';

/** The 2020 videoconference letters of the shared folder, read where they are: never copied. */
export const VTC_LETTERS_CSV = join(SHARED_DIR, 'data', 'vtc-letters-2020', 'unsc_2020_vtc_letters_text.csv');

export const seed = sourceSeeder({
  source,
  ...oneFile(VTC_LETTERS_CSV),
  what: 'videoconference letters',
  done: 'videoconference letters loaded',
  summary: (r) => ({
    file: VTC_LETTERS_CSV,
    letters: r.letters.length,
    ownRecords: r.letters.filter((l) => l.by === 'none' || l.by === 'ambiguous').map((l) => l.symbol),
    meetings: r.meetings,
    participants: r.participants,
    speeches: r.speeches,
    names: r.names,
    rowsSkipped: r.problems.filter((p) => p.severity === 'error').length,
  }),
});
