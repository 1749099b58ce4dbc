/**
 * The whole history 1946–2022 from the UN Library's tables in the shared folder, seeded as `npm start` does:
 * the open-data exports hold every resolution, presidential statement and meeting record the tables list,
 * each once and dated in its year. The expected sets are counted from the HTML with plain regular
 * expressions over link texts and targets, independently of the importer.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import { SOURCES_DIR } from '../../src/config/paths.ts';
import { checkRecord } from '../../src/check/consistency.ts';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { buildApp } from '../../src/server/app.ts';
import { historyStore } from '../support/history.ts';
import type { TestStore } from '../support/stores.ts';

const DHL = join(SOURCES_DIR, 'dhl-tables');
const YEAR_TABLES = readdirSync(DHL).filter((f) => /^scact\d{4}(_covid)?_table_en\.html$/.test(f));

/** What the tables list, by plain regular expressions over the HTML (tags stripped for the link texts). */
function listed() {
  const resolutions = new Set<number>();
  const statements = new Set<string>();
  const records = new Map<number, number>(); // meeting number → year of the table that lists it
  for (const f of YEAR_TABLES) {
    const year = Number(/\d{4}/.exec(f)![0]);
    const html = readFileSync(join(DHL, f), 'utf8');
    const hrefs = [...html.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((m) => decodeURIComponent(m[1]!));
    const text = html
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/\s+/g, ' ');
    for (const s of [...hrefs, text]) {
      for (const m of s.matchAll(/S\/RES\/(\d+)/g)) resolutions.add(Number(m[1]));
      for (const m of s.matchAll(/S\/PRST\/(\d{4})\/(\d+)/g))
        statements.add(`S/PRST/${m[1]}/${Number(m[2])}`);
    }
    // Statements before the S/PRST series: "S/22862 (PRST)", "S/PV.1603 (PRST)".
    for (const m of text.matchAll(/(S\/(?:PV\.)?\d+)\s*\)?\s*\(PRST\)/g)) statements.add(m[1]!);
    for (const m of text.matchAll(/S\/PV\.(\d+)/g))
      if (!records.has(Number(m[1]))) records.set(Number(m[1]), year);
  }
  return { resolutions, statements, records };
}

describe('the whole history 1946–2022, seeded from the shared folder', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let decisions: Record<string, string | number | null>[];
  let meetings: Record<string, string | number | null>[];
  const expected = listed();

  before(async () => {
    t = await historyStore();
    app = await buildApp(
      { store: t.store, readStore: t.store, config: loadConfig(t.env) },
      { logger: false },
    );
    const get = async (url: string) => {
      const r = await app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 200, url);
      return (r.json() as { rows: Record<string, string | number | null>[] }).rows;
    };
    decisions = await get('/export/decisions.json');
    meetings = await get('/export/meetings.json');
  });
  after(async () => {
    await app.close();
    await t.dispose();
  });

  it('holds every resolution 1–2640 exactly once, dated in its year (666 and 695 are in no table)', () => {
    const byNumber = new Map<number, (typeof decisions)[number][]>();
    for (const d of decisions.filter((d) => d.kind === 'resolution')) {
      const n = Number(/^S\/RES\/(\d+) \(\d{4}\)$/.exec(String(d.symbol))![1]);
      byNumber.set(n, [...(byNumber.get(n) ?? []), d]);
    }
    const all = Array.from({ length: 2640 }, (_, i) => i + 1);
    assert.deepEqual(
      all.filter((n) => !expected.resolutions.has(n)),
      [666, 695],
      'the tables list every other number',
    );
    assert.deepEqual(
      all.filter((n) => !byNumber.has(n)),
      [666, 695],
    );
    for (const [n, list] of byNumber) {
      assert.equal(list.length, 1, `resolution ${n} recorded ${list.length} times`);
      const d = list[0]!;
      assert.equal(
        String(d.date).slice(0, 4),
        /\((\d{4})\)/.exec(String(d.symbol))![1],
        `${d.symbol} on ${d.date}`,
      );
      assert.ok(expected.resolutions.has(n));
    }
  });

  it('holds every presidential statement the tables list, each once', () => {
    const held = decisions.filter((d) => d.kind === 'presidential_statement').map((d) => String(d.symbol));
    assert.equal(new Set(held).size, held.length);
    assert.deepEqual([...held].sort(), [...expected.statements].sort());
  });

  it('holds every meeting record the tables list, each once, dated in the year of its table', () => {
    const byNumber = new Map<number, string[]>();
    for (const m of meetings) {
      const pv = /^S\/PV\.(\d+)/.exec(String(m.record_symbol ?? ''));
      if (pv) byNumber.set(Number(pv[1]), [...(byNumber.get(Number(pv[1])) ?? []), String(m.date)]);
    }
    const ids = meetings.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length, 'each meeting once');
    const missing = [...expected.records.keys()].filter((n) => !byNumber.has(n));
    assert.deepEqual(missing, []);
    for (const [n, year] of expected.records)
      for (const date of byNumber.get(n)!)
        assert.equal(date.slice(0, 4), String(year), `S/PV.${n} on ${date}`);
    assert.ok(expected.records.size > 9000, `${expected.records.size} meeting records listed`);
  });

  it('keeps a self-contradicting cell as a conflict with its row: S/RES/770 (1992), linked as 770 (1991)', async () => {
    const r770 = decisions.find((d) => d.symbol === 'S/RES/770 (1992)');
    assert.ok(r770 && String(r770.date).startsWith('1992-08'));
    assert.ok(!decisions.some((d) => d.symbol === 'S/RES/770 (1991)'));
    const report = await checkRecord(t.store, 1992);
    const c = report.conflicts.find((c) => c.entityId === 'S/RES/770 (1992)' && c.field === 'symbol')!;
    assert.deepEqual(
      c.values.map((v) => [v.value, v.locator]),
      [
        ['S/RES/770 (1992)', 'table 1 row 49'],
        ['S/RES/770 (1991)', 'table 1 row 49 link text'],
      ],
    );
    // 1990: S/RES/663 (1990) is listed again on 13 September (the row of what was 666): kept on 14 August.
    const r663 = decisions.find((d) => d.symbol === 'S/RES/663 (1990)')!;
    assert.equal(r663.date, '1990-08-14');
  });

  it('reports the gaps the sources leave by number, never filling them in', async () => {
    const report = await checkRecord(t.store);
    const res = report.gaps.find((g) => g.series === 'resolutions')!;
    assert.deepEqual(res.missing, [
      [666, 666],
      [695, 695],
    ]);
    assert.equal((await checkRecord(t.store, 1990)).gaps.find((g) => g.series === 'resolutions')?.count, 1);
  });

  it('a second import of the whole set changes nothing (all noop)', async () => {
    const files = YEAR_TABLES.map((f) => join(DHL, f));
    const report = await importTableFiles(t.store, files, { kind: 'dhl' });
    assert.equal(report.meetings.insert + report.meetings.update, 0);
    assert.equal(report.decisions.insert + report.decisions.update, 0);
    assert.ok(report.meetings.noop > 9000);
    assert.equal(report.problems.filter((p) => p.severity === 'error').length, 0);
  });
});
