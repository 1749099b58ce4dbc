import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../../src/config/paths.ts';

export const PDF_DIR = join(SHARED_DIR, 'corpus', 'pdf');

/** The shared verbatim records (read from ../shared, never copied into the repository). */
export function sharedPdfs(): string[] {
  try {
    return readdirSync(PDF_DIR)
      .filter((f) => f.endsWith('.pdf'))
      .sort();
  } catch {
    return [];
  }
}
