/**
 * A formal meeting as the Repertoire tabulates it, built from the record after ingesting the shared
 * verbatim records (English and Chinese headings and names).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ingestVerbatimFiles } from '../../src/ingest/verbatim/index.ts';
import { FORMAL_MEETING_HEADINGS, formalMeetingRow } from '../../src/publish/formal-meeting.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { PDF_DIR, sharedPdfs } from './helpers.ts';

describe(
  'the Repertoire table of a formal meeting',
  { skip: sharedPdfs().length === 0 && `no PDFs in ${PDF_DIR}` },
  () => {
    let t: TestStore;
    before(async () => {
      t = await sqliteTestStore();
      const run = await ingestVerbatimFiles(
        t.store,
        ['S-PV.8701.pdf', 'S-PV.8706.pdf'].map((f) => join(PDF_DIR, f)),
      );
      assert.deepEqual(run.failed, []);
    });
    after(async () => t?.dispose());

    async function row(id: string, lang: 'en' | 'zh') {
      const db = t.store.db;
      const meeting = await db
        .selectFrom('meeting')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const participants = await db
        .selectFrom('participant')
        .selectAll()
        .where('meeting_id', '=', id)
        .execute();
      const speeches = await db
        .selectFrom('speech')
        .selectAll()
        .where('meeting_id', '=', id)
        .orderBy('ordinal')
        .execute();
      const decisions = await db.selectFrom('decision').selectAll().where('meeting_id', '=', id).execute();
      return formalMeetingRow({ meeting, participants, speeches, decisions }, lang);
    }

    it('S/PV.8701: the draft, no invitations, only the President spoke, resolution 2505 (2020) 15-0-0', async () => {
      assert.equal(FORMAL_MEETING_HEADINGS.en.length, 7);
      assert.deepEqual(await row('S/PV.8701', 'en'), {
        record: 'S/PV.8701 13 January 2020',
        subItem: null,
        otherDocuments: ['S/2020/27'],
        rule37: '',
        rule39: [],
        speakers: [],
        decisions: ['Resolution 2505 (2020) 15-0-0'],
      });
      const zh = await row('S/PV.8701', 'zh');
      assert.equal(zh.record, 'S/PV.87012020 年 1 月 13 日');
      assert.deepEqual(zh.decisions, ['第 2505(2020)号决议 15-0-0']);
    });

    it('S/PV.8706: rule 37 states in order, briefers and observers, all members then the others', async () => {
      const r = await row('S/PV.8706', 'en');
      assert.match(
        r.rule37,
        /^Azerbaijan, Bahrain, Bangladesh, Brazil, Canada, .* and the United Arab Emirates$/,
      );
      assert.equal(r.rule39.length, 6);
      assert.equal(
        r.rule39[0],
        'Ms. Rosemary DiCarlo, Under-Secretary-General for Political and Peacebuilding Affairs',
      );
      // Viet Nam, presiding, spoke in its national capacity (page 17): every member spoke.
      assert.deepEqual(r.speakers.slice(0, 4), [
        'All Council members',
        'Ms. Rosemary DiCarlo',
        'Ms. Ursula Mueller',
        'State of Palestine',
      ]);
      assert.ok(r.speakers.includes('Israel') && !r.speakers.includes('Viet Nam'));
      assert.equal(r.speakers.length, 1 + 2 + 6);
      const zh = await row('S/PV.8706', 'zh');
      assert.equal(zh.speakers[0], '安理会全体成员');
      assert.ok(zh.speakers.includes('以色列'));
    });
  },
);
