// Briefers' gender, read only where the text says it (她/She, 他/He right after the sentence whose only
// briefer is the subject), the same from both editions, left empty otherwise, and kept as a conflict
// when the editions disagree.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { ingestPaths } from '../../src/ingest/repertoire/index.ts';
import { extractSection } from '../../src/ingest/repertoire/pipeline.ts';
import { SEED_EN, SEED_ZH, seedText } from './helpers.ts';
import { appOver, parse, text } from '../web/app.ts';

const genders = (text: string, lang: 'zh' | 'en') =>
  extractSection(text, { lang })
    .meetings.flatMap((m) => m.briefers.map((b) => [m.date, b.roleEn, b.gender ?? null]))
    .filter(([, , g]) => g !== null);

let dir: string;
let store: Store;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'council-gender-'));
  store = openStore({ kind: 'sqlite', path: join(dir, 'record.db') });
  await migrate(store);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('briefers’ gender', () => {
  it('is read where the text says it, the same in both editions', () => {
    const expected = [
      ['2020-06-04', 'Force Commander, MINUSMA', 'male'],
      ['2020-06-04', 'Deputy Force Commander, UNDOF', 'female'],
      ['2020-07-07', 'United Nations High Commissioner for Human Rights', 'female'],
      ['2020-07-07', 'Civil-society representative', 'male'],
      ['2020-09-14', 'Under-Secretary-General for Peace Operations', 'male'],
    ];
    assert.deepEqual(genders(seedText('zh'), 'zh'), expected);
    assert.deepEqual(genders(seedText('en'), 'en'), expected);
  });

  it('is left empty when no pronoun follows, and when two briefers could be meant', () => {
    const en = seedText('en')
      .replace('the ceasefire line. She noted that', 'the ceasefire line. It was noted that')
      // The sentence before "He said" now names two briefers: either could be meant.
      .replace(
        'The Force Commander of MINUSMA said that',
        'The Force Commander of MINUSMA and the Force Commander of UNMISS said that',
      );
    const got = genders(en, 'en').map(([, role]) => role);
    assert.ok(!got.includes('Deputy Force Commander, UNDOF'), JSON.stringify(got));
    assert.ok(!got.includes('Force Commander, MINUSMA'), JSON.stringify(got));
    const zh = seedText('zh').replace('她指出,主要的行动挑战', '观察员部队指出,主要的行动挑战');
    assert.ok(!genders(zh, 'zh').some(([, role]) => role === 'Deputy Force Commander, UNDOF'));
  });

  it('is stored once for both editions; editions that disagree leave a conflict, not a guess', async () => {
    await ingestPaths(store, [SEED_ZH, SEED_EN]);
    const rows = await store.db
      .selectFrom('participant')
      .select(['office', 'mission', 'gender'])
      .where('kind', '=', 'briefer')
      .execute();
    assert.equal(rows.length, 13);
    assert.equal(rows.filter((r) => r.gender === 'female').length, 2);
    assert.equal(rows.filter((r) => r.gender === 'male').length, 3);
    assert.equal(rows.filter((r) => r.gender === null).length, 8);
    const wrong = join(dir, 'en-he.txt');
    writeFileSync(
      wrong,
      seedText('en').replace('security forces. She also said that', 'security forces. He also said that'),
    );
    await ingestPaths(store, [wrong]);
    const hc = await store.db
      .selectFrom('participant')
      .select(['id', 'gender'])
      .where('office', '=', 'high-commissioner-human-rights')
      .executeTakeFirstOrThrow();
    assert.equal(hc.gender, 'female');
    const conflicts = await store.db
      .selectFrom('conflict')
      .select(['field', 'value', 'source_id'])
      .where('entity_type', '=', 'participant')
      .where('entity_id', '=', hc.id)
      .orderBy('value')
      .execute();
    assert.deepEqual(
      conflicts.map((c) => [c.field, c.value, c.source_id]),
      [
        ['gender', 'female', 'repertoire:zh:2020:23'],
        ['gender', 'male', 'repertoire:en:2020:23'],
      ],
    );
  });

  it('a briefer page lists every appearance, with gender where the text gives it and both editions as sources', async () => {
    await ingestPaths(store, [SEED_EN]);
    const app = await appOver(store, {});
    try {
      const $ = parse((await app.inject({ url: '/briefers/usg-peace-operations?lang=en' })).body);
      const rows = $('tbody tr')
        .toArray()
        .map((tr) =>
          $(tr)
            .find('td')
            .toArray()
            .map((td) => text($(td))),
        );
      assert.equal(rows.length, 2);
      assert.match(rows[0]![1]!, /^S\/2020\/514 · 2020-23$/);
      assert.equal(rows[0]![3], 'not stated in the text');
      assert.match(rows[1]![1]!, /^S\/2020\/911/);
      assert.equal(rows[1]![3], 'male');
      assert.match(
        rows[1]![4]!,
        /repertoire:en:2020:23 \(paragraph 10\); repertoire:zh:2020:23 \(paragraph 10\)/,
      );
      const zh = parse(
        (await app.inject({ url: '/briefers/deputy-force-commander?mission=UNDOF&lang=zh' })).body,
      );
      assert.equal(zh('tbody tr').length, 1);
      assert.equal(text(zh('tbody tr td').eq(3)), '女');
      const missing = await app.inject({ url: '/briefers/no-such-office' });
      assert.equal(missing.statusCode, 404);
      const bad = await app.inject({ url: '/briefers/force-commander?mission=%3Cscript%3E' });
      assert.equal(bad.statusCode, 400);
      // The meeting page links each briefer to its page.
      const meeting = parse((await app.inject({ url: '/meetings/S%2F2020%2F911?lang=en' })).body);
      assert.ok(meeting('a[href="/briefers/usg-peace-operations"]').length > 0);
    } finally {
      await app.close();
    }
  });
});
