import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

/**
 * The layer check (scripts/check-layers.mjs, run by `npm run lint`): no import in src/ runs against the
 * flow domain → ingest → store → search / publish / procedure → server / cli.
 */
const SCRIPT = join(import.meta.dirname, '../../scripts/check-layers.mjs');

function check(root: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

const trees: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'council-layers-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the layer check', () => {
  after(() => {
    for (const root of trees) rmSync(root, { recursive: true, force: true });
  });

  it('passes on this repository: src/ holds no import against the layers', () => {
    const r = check(join(import.meta.dirname, '../..'));
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });

  it('passes on imports down the layers and within a folder', () => {
    const root = tree({
      'src/domain/rules.ts': "import { paths } from '../config/paths.ts';\nexport const r = paths;\n",
      'src/config/paths.ts': 'export const paths = 1;\n',
      'src/store/record.ts': "import type { Rule } from '../domain/rules.ts';\nimport './db.ts';\n",
      'src/store/db.ts': 'export {};\n',
      'src/cli/main.ts': "import { app } from '../server/app.ts';\nimport { z } from 'zod';\n",
      'src/server/app.ts':
        "export { search } from '../search/search.ts';\nconst m = await import('../store/db.ts');\n",
      'src/search/search.ts': "import {\n  record,\n} from '../store/record.ts';\n",
    });
    const r = check(root);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });

  it('fails on an import up the layers, naming the file, the line and the layers', () => {
    const root = tree({
      'src/store/migrations/003_search.ts':
        "import { sql } from 'kysely';\nimport { TERM_PUNCTUATION } from '../../search/tokenise.ts';\n",
      'src/search/tokenise.ts': 'export const TERM_PUNCTUATION = "";\n',
      'src/domain/agenda.ts': "import type { Row } from '../ingest/dhl/agenda.ts';\n",
      'src/ingest/dhl/agenda.ts': "const s = await import('../../server/app.ts');\n",
      'src/server/app.ts': 'export {};\n',
    });
    const r = check(root);
    assert.equal(r.status, 1);
    const lines = r.stderr.trim().split('\n');
    assert.deepEqual(lines.slice(0, -1).sort(), [
      'src/domain/agenda.ts:1: domain may not import ingest (a higher layer)',
      'src/ingest/dhl/agenda.ts:1: ingest may not import server (a higher layer)',
      'src/store/migrations/003_search.ts:2: store may not import search (a higher layer)',
    ]);
    assert.match(lines.at(-1)!, /^3 import\(s\) against the layers/);
  });

  it('fails on an import between sibling folders of one layer, and on a folder in no layer', () => {
    const root = tree({
      'src/publish/section.ts': "import { letters } from '../procedure/letters.ts';\n",
      'src/procedure/letters.ts': 'export const letters = 1;\n',
      'src/widgets/x.ts': 'export {};\n',
    });
    const r = check(root);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/publish\/section\.ts:1: publish may not import procedure \(same layer\)/);
    assert.match(r.stderr, /src\/widgets\/x\.ts:1: src\/widgets\/ is in no layer/);
  });
});
