import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { SHARED_DIR } from '../../config/paths.ts';
import { importVtcLetters } from '../../ingest/vtc-letters/index.ts';
import type { Store } from '../../store/db.ts';

/** The 2020 videoconference letters of the shared folder, read where they are: never copied. */
export const VTC_LETTERS_CSV = join(SHARED_DIR, 'data', 'vtc-letters-2020', 'unsc_2020_vtc_letters_text.csv');

export async function seed(store: Store, log: Logger): Promise<void> {
  if (!existsSync(VTC_LETTERS_CSV)) {
    log.warn(
      { file: VTC_LETTERS_CSV },
      'videoconference letters not loaded: the shared file is missing (set COUNCIL_SHARED_DIR to the folder holding data/vtc-letters-2020)',
    );
    return;
  }
  const r = await importVtcLetters(store, VTC_LETTERS_CSV);
  log.info(
    {
      file: VTC_LETTERS_CSV,
      letters: r.letters.length,
      ownRecords: r.letters.filter((l) => l.by === 'none' || l.by === 'ambiguous').map((l) => l.symbol),
      meetings: r.meetings,
      participants: r.participants,
      speeches: r.speeches,
      names: r.names,
      rowsSkipped: r.problems.filter((p) => p.severity === 'error').length,
    },
    'videoconference letters loaded',
  );
}
