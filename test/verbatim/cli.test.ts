/**
 * `council extract FILE.pdf`: a verbatim record prints the JSON shape; bad input (not a verbatim
 * record, encrypted, truncated, no text layer) is one line on stderr naming the file, with exit code 2.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { council } from '../support/cli.ts';
import { makePdf } from './make-pdf.ts';
import { PDF_DIR, sharedPdfs } from './helpers.ts';

const skip = sharedPdfs().length === 0 && `no PDFs in ${PDF_DIR}`;

describe('council extract FILE.pdf', { skip }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'verbatim-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a verbatim record in the documented shape, told apart by its bytes, not its name', () => {
    // The same bytes under a name that does not end in .pdf.
    const copy = join(dir, 'record.bin');
    writeFileSync(copy, readFileSync(join(PDF_DIR, 'S-PV.8701.pdf')));
    const r = council(['extract', copy, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      kind: string;
      symbol: string;
      meeting: Record<string, unknown> & { decisions: Record<string, unknown>[]; speakers: unknown[] };
    };
    assert.equal(out.kind, 'verbatim_record');
    assert.equal(out.symbol, 'S/PV.8701');
    for (const key of [
      'number',
      'date',
      'resumption',
      'president',
      'members',
      'agenda',
      'calledToOrder',
      'rose',
      'rule37',
      'rule39',
      'speakers',
      'decisions',
    ])
      assert.ok(key in out.meeting, `meeting.${key}`);
    assert.deepEqual(Object.keys(out.meeting.speakers[0] as object).slice(0, 5), [
      'order',
      'name',
      'state',
      'organisation',
      'language',
    ]);
    assert.deepEqual(out.meeting.decisions[0]!.vote, { for: 15, against: 0, abstaining: 0 });
    const summary = council(['extract', copy]);
    assert.equal(summary.status, 0, summary.stderr);
    assert.match(summary.stdout, /resolution S\/RES\/2505 \(2020\) 15-0-0/);
  });

  const bad: [string, () => Buffer, RegExp][] = [
    [
      'a PDF that is not a verbatim record',
      () => makePdf({ lines: ['Letter dated 1 June 2020', 'Dear Sir'] }),
      /is not a Security Council verbatim record/,
    ],
    [
      'an encrypted PDF',
      () => makePdf({ lines: ['S/PV.8701'], encrypted: true }),
      /encrypted with a password/,
    ],
    ['a scanned PDF without a text layer', () => makePdf({}), /has no text layer/],
    ['a truncated PDF', () => readFileSync(join(PDF_DIR, 'S-PV.8699.pdf')).subarray(0, 600_000), /truncated/],
    [
      'a damaged PDF',
      () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0x41), Buffer.from('\n%%EOF\n')]),
      /damaged/,
    ],
  ];
  for (const [what, bytes, message] of bad) {
    it(`refuses ${what} with one line naming the file`, () => {
      const file = join(dir, `${what.replace(/\W+/g, '-')}.pdf`);
      writeFileSync(file, bytes());
      const r = council(['extract', file, '--json']);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0]!.includes(file), lines[0]);
      assert.match(lines[0]!, message);
    });
  }
});
