import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CORPUS_DIR } from '../../src/config/paths.ts';

export const SEED = readFileSync(
  resolve(CORPUS_DIR, 'zh/repertoire-2020-part1-item23-peacekeeping.txt'),
  'utf8',
);

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The seed's footnotes by number: lines that start with superscript digits. */
export function seedFootnotes(): Map<number, string> {
  const notes = new Map<number, string>();
  for (const line of SEED.split('\n')) {
    const m = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.+)$/.exec(line.trim());
    if (!m) continue;
    const n = Number([...m[1]!].map((c) => SUPERSCRIPT.indexOf(c)).join(''));
    notes.set(n, m[2]!.trim());
  }
  return notes;
}
