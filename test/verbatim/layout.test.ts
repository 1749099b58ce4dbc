/** The layout stage: two columns read left then right, running heads and feet dropped, one-column pages. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pageLines } from '../../src/ingest/verbatim/layout.ts';
import { readPdf } from '../../src/ingest/verbatim/pdf.ts';
import { readPdfFile } from '../../src/ingest/verbatim/pipeline.ts';
import type { PdfPage, TextRun } from '../../src/ingest/verbatim/types.ts';
import { PDF_DIR, sharedPdfs } from './helpers.ts';

describe('verbatim layout stage', () => {
  it(
    'reads a two-column page left column first, without its running head and foot',
    { skip: sharedPdfs().length === 0 },
    async () => {
      const file = join(PDF_DIR, 'S-PV.8701.pdf');
      const pages = await readPdf(readPdfFile(file), file);
      const lines = pageLines(pages[1]!);
      assert.equal(lines[0]!.text, 'The meeting was called to order at 10.20 a.m.');
      const firstRight = lines.findIndex((l) => l.column === 1);
      assert.ok(firstRight > 5 && lines.slice(firstRight).every((l) => l.column === 1));
      assert.ok(lines[firstRight]!.text.startsWith('dated 14 October 2019 from the Secretary-General'));
      assert.ok(!lines.some((l) => /S\/PV\.8701|20-00899|2\/2|13\/01\/2020/.test(l.text)));
    },
  );

  it('keeps a one-column page whole: lines that cross the middle are not cut in two', () => {
    const run = (text: string, x: number, y: number, width: number): TextRun => ({
      text,
      x,
      y,
      width,
      size: 10,
      font: 'body',
    });
    const page: PdfPage = {
      number: 2,
      width: 612,
      height: 792,
      runs: [
        run('The President: I now give the floor', 72, 600, 200),
        run('to the representative of Japan, who wishes to speak.', 280, 600, 250),
        run('Mr. Ishikane (Japan): I thank you, Mr. President, for', 90, 585, 260),
        run('this opportunity.', 360, 585, 80),
        run('The meeting rose at 1 p.m.', 200, 570, 150),
      ],
    };
    const lines = pageLines(page);
    assert.deepEqual(
      lines.map((l) => [l.column, l.text]),
      [
        [0, 'The President: I now give the floor to the representative of Japan, who wishes to speak.'],
        [0, 'Mr. Ishikane (Japan): I thank you, Mr. President, for this opportunity.'],
        [0, 'The meeting rose at 1 p.m.'],
      ],
    );
  });
});
