/**
 * A formal meeting as the Repertoire tabulates it, built from the record after ingesting the shared
 * verbatim records (English and Chinese headings and names).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ingestVerbatimFiles } from '../../src/ingest/verbatim/index.ts';
import { FORMAL_MEETING_HEADINGS, formalMeetingRow } from '../../src/publish/formal-meeting.ts';
import { loadPublishedSection, renderSection } from '../../src/publish/index.ts';
import { mergeAgendaItem, mergeMeeting, upsertSource } from '../../src/store/record.ts';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { appOver, parse, text } from '../web/app.ts';
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
        // The cover's sub-item, stored (migration 015), one entry though it wraps over two lines.
        subItem:
          'Letter dated 14 October 2019 from the Secretary-General addressed to the President of the Security Council (S/2019/823)',
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

    /** Files a stored meeting under an agenda item of 2020, as the UN Library's table would (a manual source). */
    async function fileUnderItem(meetingId: string, item: { number: number; title: string }): Promise<void> {
      const prov = { sourceId: `manual:item-${meetingId}`, locator: 'row 1' };
      await upsertSource(t.store.db, {
        id: prov.sourceId,
        kind: 'manual',
        uri: 'test',
        title: `agenda item of ${meetingId}`,
        lang: 'en',
        sha256: 'x',
        imported_at: '2026-01-01T00:00:00Z',
      });
      const agendaItemId = `2020-${item.number}`;
      await mergeAgendaItem(
        t.store.db,
        {
          id: agendaItemId,
          year: 2020,
          number: item.number,
          title_en: item.title,
          title_zh: null,
          category: 'regional',
        },
        prov,
      );
      const m = await t.store.db
        .selectFrom('meeting')
        .select(['date', 'format'])
        .where('id', '=', meetingId)
        .executeTakeFirstOrThrow();
      await mergeMeeting(t.store.db, { id: meetingId, ...m, agenda_item_id: agendaItemId }, prov);
    }

    it("the meeting page names a speaker's language in the reader's language, not by its code", async () => {
      const other = await t.store.db
        .selectFrom('speech')
        .select(['ordinal', 'language'])
        .where('meeting_id', '=', 'S/PV.8706')
        .where('language', 'in', ['ar', 'es', 'fr', 'ru', 'zh'])
        .orderBy('ordinal')
        .execute();
      assert.ok(other.length > 0, 'S/PV.8706 has speeches given in another official language');
      const names = {
        en: { ar: 'Arabic', es: 'Spanish', fr: 'French', ru: 'Russian', zh: 'Chinese' },
        zh: { ar: '阿拉伯文', es: '西班牙文', fr: '法文', ru: '俄文', zh: '中文' },
      } as const;
      const app = await appOver(t.store, t.env);
      try {
        for (const lang of ['en', 'zh'] as const) {
          const r = await app.inject({
            method: 'GET',
            url: `/meetings/${encodeURIComponent('S/PV.8706')}?lang=${lang}`,
          });
          assert.equal(r.statusCode, 200);
          const $ = parse(r.body);
          for (const s of other) {
            const summary = text($(`#speech-${s.ordinal} summary`));
            const name = names[lang][s.language as keyof (typeof names)['en']];
            assert.ok(
              summary.includes(lang === 'en' ? `spoke in ${name}` : `以${name}发言`),
              `${lang} speech ${s.ordinal}: ${summary}`,
            );
            assert.doesNotMatch(summary, /\[[a-z]{2}\]/);
          }
        }
      } finally {
        await app.close();
      }
    });

    it('an agenda item page shows its formal meetings in the Repertoire table, en and zh', async () => {
      await fileUnderItem('S/PV.8706', {
        number: 40,
        title: 'The situation in the Middle East, including the Palestinian question',
      });
      const app = await appOver(t.store, t.env);
      try {
        for (const lang of ['en', 'zh'] as const) {
          const r = await app.inject({ method: 'GET', url: `/items/2020/40?lang=${lang}` });
          assert.equal(r.statusCode, 200);
          const $ = parse(r.body);
          const table = $('table.repertoire.formal');
          assert.deepEqual(
            table
              .find('th[scope=col]')
              .map((_, th) => text($(th)))
              .get(),
            FORMAL_MEETING_HEADINGS[lang],
          );
          const cells = table
            .find('tbody tr')
            .first()
            .children()
            .map((_, c) => text($(c)))
            .get();
          assert.equal(cells.length, 7);
          assert.match(cells[0]!, /^S\/PV\.8706/);
          assert.equal(cells[1], '', 'no sub-item in the record: the cell is empty, not the meeting title');
          assert.match(cells[3]!, lang === 'en' ? /^Azerbaijan, Bahrain/ : /阿塞拜疆/);
          assert.match(cells[4]!, /Rosemary DiCarlo/);
          assert.match(cells[5]!, lang === 'en' ? /^All Council members/ : /^安理会全体成员/);
        }
      } finally {
        await app.close();
      }
    });

    it("the Sub-item / 分项目 cell shows the cover's sub-item on the item page and in council publish", async () => {
      await fileUnderItem('S/PV.8701', { number: 39, title: 'The situation in the Middle East' });
      const subItem = /^Letter dated 14 October 2019 from the Secretary-General .* \(S\/2019\/823\)$/;
      const app = await appOver(t.store, t.env);
      try {
        for (const lang of ['en', 'zh'] as const) {
          const r = await app.inject({ method: 'GET', url: `/items/2020/39?lang=${lang}` });
          assert.equal(r.statusCode, 200);
          const $ = parse(r.body);
          const cells = $('table.repertoire.formal tbody tr')
            .first()
            .children()
            .map((_, c) => text($(c)))
            .get();
          assert.match(cells[1]!, subItem, lang);
          const page = parse(
            (
              await app.inject({
                method: 'GET',
                url: `/meetings/${encodeURIComponent('S/PV.8701')}?lang=${lang}`,
              })
            ).body,
          );
          const cell = page('table.repertoire tbody tr').first().children().eq(1);
          assert.match(text(cell), subItem, `meeting page, ${lang}`);
        }
      } finally {
        await app.close();
      }
      for (const lang of ['en', 'zh'] as const) {
        const section = await loadPublishedSection(t.store.db, 2020, 39, lang);
        const txt = renderSection(section!, 'txt').split('\n');
        const head = txt.findIndex((l) => l === FORMAL_MEETING_HEADINGS[lang].join('\t'));
        assert.match(txt[head + 1]!.split('\t')[1]!, subItem, `council publish, ${lang}`);
      }
    });

    it('council publish writes the same table for the item (txt, md, html), after the page test filed S/PV.8706', async () => {
      for (const lang of ['en', 'zh'] as const) {
        const section = await loadPublishedSection(t.store.db, 2020, 40, lang);
        assert.ok(section, 'item 40 of 2020 is in the record');
        const table = section.tables.find((x) => x.kind === 'meetings')!;
        assert.deepEqual(table.columns, FORMAL_MEETING_HEADINGS[lang]);
        const txt = renderSection(section, 'txt').split('\n');
        const head = txt.findIndex((l) => l === FORMAL_MEETING_HEADINGS[lang].join('\t'));
        assert.ok(head >= 0, 'the seven headings, tab-separated');
        const cells = txt[head + 1]!.split('\t');
        assert.equal(cells.length, 7);
        assert.match(cells[0]!, /^S\/PV\.8706/);
        assert.equal(cells[1], '', 'no sub-item in the record');
        assert.match(cells[3]!, lang === 'en' ? /^Azerbaijan, Bahrain/ : /阿塞拜疆/);
        assert.match(
          cells[5]!,
          lang === 'en' ? /^All Council members; Ms\. Rosemary DiCarlo/ : /^安理会全体成员/,
        );
      }
      const md = renderSection((await loadPublishedSection(t.store.db, 2020, 40, 'en'))!, 'md');
      assert.ok(md.includes(`| ${FORMAL_MEETING_HEADINGS.en.join(' | ')} |`));
      const html = renderSection((await loadPublishedSection(t.store.db, 2020, 40, 'en'))!, 'html');
      const $ = parse(html);
      const row = $('tr[data-meeting="S/PV.8706"]').children('td');
      assert.equal(row.length, 7);
      assert.equal(text(row.eq(1)), '', 'no sub-item in the record');
      assert.match(text(row.eq(4)), /Ms\. Rosemary DiCarlo, Under-Secretary-General/);
    });
  },
);
