import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { CORPUS_DIR, ROOT_DIR } from '../../src/config/paths.ts';

export const SEED_ZH = join(CORPUS_DIR, 'zh', 'repertoire-2020-part1-item23-peacekeeping.txt');
export const SEED_EN = resolve(ROOT_DIR, 'test/fixtures/en/repertoire-2020-part1-item23-peacekeeping.txt');
export const GOLDEN_DIR = resolve(ROOT_DIR, 'test/golden/repertoire');

export function seedText(lang: 'zh' | 'en' = 'zh'): string {
  return readFileSync(lang === 'zh' ? SEED_ZH : SEED_EN, 'utf8');
}

/**
 * Compares a stage's output with its golden file. UPDATE_GOLDEN=1 rewrites the file: do that only after
 * checking every value of the new output by hand against the source text.
 */
export function assertGolden(name: string, value: unknown): void {
  const path = join(GOLDEN_DIR, `${name}.json`);
  const actual = JSON.parse(JSON.stringify(value)) as unknown;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1')
      assert.fail(`golden file ${path} is missing (run with UPDATE_GOLDEN=1 after checking the output)`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  assert.deepEqual(actual, JSON.parse(readFileSync(path, 'utf8')));
}
