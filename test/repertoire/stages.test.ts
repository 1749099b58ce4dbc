// Golden files per stage on the real zh seed. Each golden was written from the output only after every
// value was checked by hand against the seed text; a change in any stage's output fails here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPipeline } from '../../src/ingest/repertoire/pipeline.ts';
import { assertGolden, seedText } from './helpers.ts';

const r = runPipeline(seedText('zh'), { lang: 'zh' });

describe('pipeline stages on the zh seed', () => {
  it('normalise: keeps line numbers, removes PDF spaces in Chinese, keeps tabs', () => {
    assert.equal(r.lines.length, seedText('zh').split('\n').length);
    assert.equal(r.lines[4], '23.联合国维持和平行动');
    assert.equal(r.lines[26], '⁶⁴⁶见S/2020/514。');
    assert.equal(r.lines[93]!.split('\t').length, 4);
    assertGolden('01-normalise-sample', [r.lines[6], r.lines[18], r.lines[93], r.lines[100]]);
  });
  it('split blocks', () => {
    assertGolden(
      '02-blocks',
      r.blocks.map((b) => ({ kind: b.kind, line: b.line, lines: b.lines.length })),
    );
  });
  it('collect footnotes', () => assertGolden('03-footnotes', r.bodies));
  it('rejoin paragraphs', () => assertGolden('04-paragraphs', r.rawParagraphs));
  it('attach markers', () =>
    assertGolden(
      '05-markers',
      r.paragraphs.map((p) => ({ index: p.index, line: p.line, markers: p.markers })),
    ));
  it('parse citations', () =>
    assertGolden(
      '06-citations',
      r.footnotes.map(({ number, paragraph, offset, cites, states }) => ({
        number,
        paragraph,
        offset,
        cites,
        states,
      })),
    ));
  it('parse the table', () => assertGolden('07-table', r.tables));
  it('recognise entities', () => assertGolden('08-recognise', r.recognised));
  it('assemble the section (with cross-check findings)', () => assertGolden('09-section', r.section));
});
