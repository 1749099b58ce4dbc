import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SHARED_DIR } from '../../src/config/paths.ts';

export const PDF_DIR = join(SHARED_DIR, 'corpus', 'pdf');

/**
 * The text of one of the shared verbatim records as `pdftotext` (poppler-utils) gives it: reading order
 * by default, the page laid out in columns of spaces with `layout`. Extracted at test time, never stored.
 */
export function pdfText(name: string, layout = false): string {
  const args = [...(layout ? ['-layout'] : []), join(PDF_DIR, name), '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
}
