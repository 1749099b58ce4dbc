/**
 * Golden test per shared verbatim record: the whole extracted record (cover, times, invitations, every
 * speaker in order, decisions and votes) and, per turn, its page, length and first words (the speeches
 * themselves stay out of the repository). UPDATE_GOLDEN=1 rewrites a golden file: only after checking the
 * new values against the PDF (pdftotext -layout).
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { readPdfFile, runVerbatimPipeline } from '../../src/ingest/verbatim/pipeline.ts';
import { PDF_DIR, sharedPdfs } from './helpers.ts';

const GOLDEN_DIR = resolve(ROOT_DIR, 'test/golden/verbatim');
const files = sharedPdfs();

describe(
  'verbatim records: golden extraction of each shared PDF',
  { skip: files.length === 0 && `no PDFs in ${PDF_DIR}` },
  () => {
    for (const file of files) {
      it(file, async () => {
        const path = join(PDF_DIR, file);
        const run = await runVerbatimPipeline(readPdfFile(path), file);
        const actual = JSON.parse(
          JSON.stringify({
            record: run.record,
            turns: run.turns.map((t) => ({
              order: t.order,
              name: t.name,
              page: t.page,
              chars: t.text.length,
              opening: t.text.split(/\s+/).slice(0, 6).join(' '),
            })),
          }),
        ) as unknown;
        const golden = join(GOLDEN_DIR, file.replace(/\.pdf$/, '.json'));
        if (process.env.UPDATE_GOLDEN === '1') {
          mkdirSync(GOLDEN_DIR, { recursive: true });
          writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
          return;
        }
        assert.ok(existsSync(golden), `golden file ${golden} is missing (UPDATE_GOLDEN=1 after checking)`);
        assert.deepEqual(actual, JSON.parse(readFileSync(golden, 'utf8')));
      });
    }
  },
);
