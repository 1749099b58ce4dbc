import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { cliReference, withReference } from '../../scripts/cli-reference.ts';

describe('README', () => {
  const readme = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8');
  it('carries the CLI reference generated from the commands themselves (run `npm run readme`)', async () => {
    assert.equal(withReference(readme, await cliReference()), readme);
  });
  it('gives the two set-up commands and the test command', () => {
    assert.match(readme, /npm ci/);
    assert.match(readme, /npm start/);
    assert.match(readme, /npm test/);
  });
  it('documents every environment variable the configuration reads', () => {
    const config = readFileSync(join(ROOT_DIR, 'src/config/config.ts'), 'utf8');
    const vars = [...config.matchAll(/^\s{2}([A-Z_]+): z\./gm)].map((m) => m[1]!);
    assert.ok(vars.length >= 5);
    for (const v of vars) assert.match(readme, new RegExp(`\`${v}\``), `${v} is not in the README`);
  });
});
