import { PROCEDURE_DAY, procedureNow, TIME_ENV } from '../support/clock.ts';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sqliteTestStore, type TestStore } from '../support/stores.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import { membersOn } from '../../src/domain/membership.ts';
import { appOver } from './app.ts';
import { loadRepertoire } from './record.ts';
import { load } from 'cheerio';
import { FormBrowser } from './form-browser.ts';

/** A browser signed in with the suite's password. */
class Browser extends FormBrowser {
  override login(name: string): Promise<void> {
    return super.login(name, PASSWORD);
  }
}

const PASSWORD = 'a long enough password';
/** An agenda item of the procedure's own year, added by the first procedure's form. */
const ITEM = `${PROCEDURE_DAY.slice(0, 4)}-23`;

describe('the written-procedure console', () => {
  let ts: TestStore;
  let app: FastifyInstance;
  let members: string[] = [];
  let outsider = '';
  let announcedPath = '';

  before(async () => {
    ts = await sqliteTestStore();
    await loadRepertoire(ts.store);
    const service = new ProcedureService(ts.store, { clock: procedureNow });
    members = membersOn(PROCEDURE_DAY);
    await service.addUser({ name: 'secretariat', role: 'secretariat', password: PASSWORD }, 'test');
    await service.addUser(
      { name: 'president', role: 'president', state: members[0], password: PASSWORD },
      'test',
    );
    outsider = ['BRA', 'JPN', 'IND', 'DEU', 'ZAF'].find((s) => !members.includes(s))!;
    await service.addUser(
      { name: 'delegation-outsider', role: 'delegation', state: outsider, password: PASSWORD },
      'test',
    );
    for (const m of members)
      await service.addUser(
        { name: `delegation-${m}`, role: 'delegation', state: m, password: PASSWORD },
        'test',
      );
    app = await appOver(ts.store, { ...ts.env, ...TIME_ENV });
  });
  after(async () => {
    await app?.close();
    await ts?.dispose();
  });

  test('a form without its CSRF token is refused', async () => {
    const b = new Browser(app);
    await b.get('/console');
    const r = await b.post('/console/login', { name: 'secretariat', password: PASSWORD }, 'forged');
    assert.equal(r.statusCode, 403);
    assert.match(r.headers['content-type'] as string, /text\/html/);
    assert.equal(b.cookies.has('council_session'), false);
  });

  test('a wrong password is refused on the login page', async () => {
    const b = new Browser(app);
    await b.get('/console?lang=en');
    const r = await b.post('/console/login', { name: 'secretariat', password: 'not the password' });
    assert.equal(r.statusCode, 401);
    assert.match(r.body, /Unknown user name or wrong password/);
  });

  test('Secretariat opens, every delegation votes with a receipt, the President closes and announces', async () => {
    const sec = new Browser(app);
    await sec.login('secretariat');
    const opened = await sec.post('/console/procedures', {
      draftSymbol: 'S/2026/999',
      title: 'Draft resolution on peacekeeping',
      agendaItemId: ITEM,
      agendaItemTitleEn: 'United Nations peacekeeping operations',
      agendaItemTitleZh: '联合国维持和平行动',
    });
    assert.equal(opened.statusCode, 303, opened.body.slice(0, 500));
    const where = String(opened.headers.location);
    assert.match(where, /^\/console\/procedures\/wp-[\w-]+\?done=opened$/);
    const path = where.split('?')[0]!;
    const page = await sec.get(where);
    assert.match(page.body, /Written procedure on S\/2026\/999|关于 S\/2026\/999 的书面程序/);

    for (const m of members) {
      const d = new Browser(app);
      await d.login(`delegation-${m}`);
      await d.get(path);
      const voted = await d.post(`${path}/vote`, { vote: 'Y' });
      assert.equal(voted.statusCode, 303, voted.body.slice(0, 500));
      const receipt = await d.get(String(voted.headers.location));
      assert.match(receipt.body, /<code class="hash">[0-9a-f]{64}<\/code>/);
      if (m === members[0]) {
        const again = await d.post(`${path}/vote`, { vote: 'N' });
        assert.equal(again.statusCode, 409, 'a vote cannot be changed');
        assert.match(again.body, /role="alert"/);
      }
    }

    const pres = new Browser(app);
    await pres.login('president');
    await pres.get(path);
    assert.equal((await pres.post(`${path}/close`, {})).statusCode, 303);
    // The President sees the outcome first, then the form that announces it.
    const closedPage = load((await pres.get(`${path}?lang=en`)).body);
    const sections = closedPage('main section')
      .map((_, el) => closedPage(el).attr('aria-labelledby'))
      .get();
    assert.ok(sections.includes('outcome-h') && sections.includes('announce-h'), sections.join());
    assert.ok(sections.indexOf('outcome-h') < sections.indexOf('announce-h'), sections.join());
    assert.match(closedPage('section.outcome').text(), new RegExp(`Adopted[\\s\\S]*${members.length}-0-0`));
    const announced = await pres.post(`${path}/announce`, { format: 'open_vtc' });
    assert.equal(announced.statusCode, 303, announced.body.slice(0, 500));
    const done = await pres.get(String(announced.headers.location));
    assert.match(done.body, new RegExp(`${members.length}-0-0`));
    assert.match(done.body, /<pre class="letter" lang="en">/);
    announcedPath = path;
  });

  test("a procedure under another year's agenda item is refused, the form kept, fields named in Chinese", async () => {
    const sec = new Browser(app);
    await sec.login('secretariat');
    await sec.get('/console?lang=zh');
    const typed = {
      draftSymbol: 'S/2026/996',
      title: '关于维和的决议草案',
      agendaItemId: '2020-23',
      text: 'Operative paragraph 1',
      procedural: 'true',
    };
    const r = await sec.post('/console/procedures', typed);
    assert.equal(r.statusCode, 400);
    const page = load(r.body);
    const alert = page('[role="alert"]').text();
    // 2020-23 is in the record (loaded from the seed section) as an item of 2020.
    assert.match(alert, /议程项目“2020-23”是2020年的项目，而本程序属于2025年/);
    assert.match(alert, /请给出新的编号（例如 2025-23）及其英文和中文标题/);
    for (const [name, value] of Object.entries(typed)) {
      if (name === 'text') assert.equal(page('textarea[name="text"]').text(), value);
      else if (name === 'procedural')
        assert.equal(page('input[name="procedural"]').attr('checked'), 'checked');
      else assert.equal(page(`input[name="${name}"]`).val(), value, name);
    }
    // A bad field is named by its label in the reader's language, never by its internal name.
    const bad = await sec.post('/console/procedures', {
      ...typed,
      agendaItemId: '2025-new',
      draftSymbol: 'not a symbol',
    });
    assert.equal(bad.statusCode, 400);
    const badAlert = load(bad.body)('[role="alert"]').text();
    assert.match(badAlert, /«草案»/);
    assert.doesNotMatch(badAlert, /draftSymbol|agendaItem/);
    const noTitle = await sec.post('/console/procedures', { ...typed, agendaItemId: '2025-new' });
    const noTitleAlert = load(noTitle.body)('[role="alert"]').text();
    assert.match(noTitleAlert, /«议程项目英文标题»、«议程项目中文标题»/);
    assert.doesNotMatch(noTitleAlert, /agendaItem/);
    assert.equal(load(noTitle.body)('label[for="o-agendaItemTitleZh"]').text(), '议程项目中文标题');
  });

  test('a refused form is worded field by field in Chinese on the Chinese console, from the keys the schemas give', async () => {
    /** The alert of a refused form: its status, and its text, which must hold no English word. */
    const alertOf = (r: { statusCode: number; body: string }) => {
      assert.equal(r.statusCode, 400, r.body.slice(0, 300));
      const alert = load(r.body)('[role="alert"]').text().replace(/\s+/g, ' ').trim();
      // Symbols, examples and acronyms (S/2020/249, 2020-03-31T14:00:00Z, YYYY-MM-DD, HTML) may stand in
      // Chinese text; English words, which have a lower-case letter, may not.
      const english = alert.match(/\b(?=[A-Za-z]*[a-z])[A-Za-z]{2,}\b/g);
      assert.equal(english, null, alert);
      return alert;
    };
    const sec = new Browser(app);
    await sec.login('secretariat');
    await sec.get('/console?lang=zh');
    const typed = { draftSymbol: 'S/2026/995', title: '关于维和的决议草案', agendaItemId: ITEM };
    // An empty field is left out of the form, so the schema finds it missing.
    let alert = alertOf(await sec.post('/console/procedures', { ...typed, title: '' }));
    assert.match(alert, /表单未被接受：«标题»: 不得为空$/);
    alert = alertOf(await sec.post('/console/procedures', { ...typed, title: '维'.repeat(501) }));
    assert.match(alert, /«标题»: 最多500个字符/);
    alert = alertOf(await sec.post('/console/procedures', { ...typed, title: '<script>alert(1)</script>' }));
    assert.match(alert, /«标题»: 必须是纯文本（不接受 HTML 或脚本标记）/);
    alert = alertOf(await sec.post('/console/procedures', { ...typed, title: '标题\u202e倒转' }));
    assert.match(alert, /«标题»: 含有双向文字控制字符/);
    alert = alertOf(
      await sec.post('/console/procedures', {
        ...typed,
        draftSymbol: 'draft 995',
        agendaItemId: '-23',
        deadline: 'tomorrow',
      }),
    );
    assert.match(alert, /«草案»: 应为联合国文件文号/);
    assert.match(alert, /«议程项目»: 应为议程项目编号/);
    assert.match(alert, /«截止时间»: 应为带时区的时间/);
    // The same form in English says the dictionary's English words, which the schemas' messages are not.
    await sec.get('/console?lang=en');
    alert = load((await sec.post('/console/procedures', { ...typed, title: 'x'.repeat(501) })).body)(
      '[role="alert"]',
    ).text();
    assert.match(alert, /«Title»: at most 500 characters/);

    // A date on no calendar is refused by the pattern and by the calendar, said once.
    const pres = new Browser(app);
    await pres.login('president');
    await pres.get('/console?lang=zh');
    alert = alertOf(await pres.post(`${announcedPath}/announce`, { format: 'open_vtc', date: '30/02/2025' }));
    assert.match(alert, /表单未被接受：«日期»: 应为“年-月-日”格式的日期（YYYY-MM-DD）$/);
    alert = alertOf(
      await pres.post(`${announcedPath}/announce`, { format: 'formal_public', date: '2025-02-30' }),
    );
    assert.match(alert, /«形式»: 不是可选的值之一/);
    assert.match(alert, /«日期»: 应为“年-月-日”格式的日期/);

    // A vote that is not one of the choices.
    const d = new Browser(app);
    await d.login(`delegation-${members[0]}`);
    await d.get('/console?lang=zh');
    alert = alertOf(await d.post(`${announcedPath}/vote`, { vote: 'Q' }));
    assert.match(alert, /«表决»: 不是可选的值之一/);
  });

  test('the public sees the procedures, announced outcomes and letters without logging in', async () => {
    const reader = new Browser(app);
    const list = load((await reader.get('/console?lang=en')).body);
    assert.equal(list('a[href="' + announcedPath + '"]').text(), 'S/2026/999');
    assert.equal(list('form[action="/console/login"]').length, 1, 'the log-in form is on the same page');
    const r = await reader.get(`${announcedPath}?lang=en`);
    assert.equal(r.statusCode, 200);
    const page = load(r.body);
    assert.match(page('section.outcome').text(), new RegExp(`Adopted[\\s\\S]*${members.length}-0-0`));
    assert.equal(page('pre.letter[lang="en"]').length, 3, 'announcement, outcome and annex letters');
    assert.equal(page('form[action$="/vote"], form[action$="/announce"]').length, 0);
  });

  test('a delegation of a state not on the Council that day sees why it cannot vote, not a form', async () => {
    const sec = new Browser(app);
    await sec.login('secretariat');
    const opened = await sec.post('/console/procedures', {
      draftSymbol: 'S/2026/997',
      title: 'Draft resolution on sanctions',
      agendaItemId: ITEM,
    });
    assert.equal(opened.statusCode, 303, opened.body.slice(0, 500));
    const path = String(opened.headers.location).split('?')[0]!;
    const d = new Browser(app);
    await d.login('delegation-outsider');
    const page = load((await d.get(`${path}?lang=en`)).body);
    assert.equal(page(`form[action="${path}/vote"]`).length, 0);
    assert.match(
      page('section[aria-labelledby="vote-h"]').text(),
      /is not a member of the Security Council on/,
    );
    // Members still get the form.
    const m = new Browser(app);
    await m.login(`delegation-${members[2]}`);
    assert.equal(load((await m.get(path)).body)(`form[action="${path}/vote"]`).length, 1);
  });

  test('a rehearsal runs like a vote under a banner, and nothing of it enters the record', async () => {
    const count = async (table: 'decision' | 'meeting' | 'agenda_item') =>
      Number(
        (
          await ts.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      decision: await count('decision'),
      meeting: await count('meeting'),
      item: await count('agenda_item'),
    };
    const sec = new Browser(app);
    await sec.login('secretariat');
    const opened = await sec.post('/console/procedures', {
      draftSymbol: 'S/2026/995',
      title: 'Draft resolution rehearsed',
      agendaItemId: '2020-23',
      rehearsal: 'true',
    });
    assert.equal(opened.statusCode, 303, opened.body.slice(0, 500));
    const path = String(opened.headers.location).split('?')[0]!;
    const banner = load((await sec.get(`${path}?lang=en`)).body)('p.rehearsal').text();
    assert.match(banner, /Rehearsal.*never enters the record/);
    assert.match(load((await sec.get('/console?lang=zh')).body)('tbody').text(), /演练/);
    for (const m of members) {
      const d = new Browser(app);
      await d.login(`delegation-${m}`);
      assert.equal((await d.post(`${path}/vote`, { vote: m === 'RUS' ? 'N' : 'Y' })).statusCode, 303);
    }
    const pres = new Browser(app);
    await pres.login('president');
    await pres.get(path);
    assert.equal((await pres.post(`${path}/close`, {})).statusCode, 303);
    await pres.get(path);
    const announced = await pres.post(`${path}/announce`, { format: 'open_vtc' });
    assert.equal(announced.statusCode, 303, announced.body.slice(0, 500));
    const done = load((await pres.get(`${path}?lang=en`)).body);
    assert.match(done('section.outcome').text(), /Not adopted|not adopted/i);
    assert.equal(done('p.rehearsal').length, 1);
    assert.deepEqual(
      {
        decision: await count('decision'),
        meeting: await count('meeting'),
        item: await count('agenda_item'),
      },
      before,
      'no meeting, decision or agenda item written',
    );
    const proc = await ts.store.db
      .selectFrom('procedure')
      .selectAll()
      .where('draft_symbol', '=', 'S/2026/995')
      .executeTakeFirstOrThrow();
    assert.deepEqual([proc.rehearsal, proc.meeting_id, proc.decision_id], [1, null, null]);
    for (const url of ['/?lang=en', '/stats?lang=en', '/items/2020/23?lang=en'])
      assert.doesNotMatch((await sec.get(url)).body, /S\/2026\/995/, url);
  });

  test('a delegation cannot open a procedure', async () => {
    const d = new Browser(app);
    await d.login(`delegation-${members[1]}`);
    const r = await d.post('/console/procedures', {
      draftSymbol: 'S/2026/998',
      title: 'x',
      agendaItemId: ITEM,
    });
    assert.equal(r.statusCode, 403);
    assert.match(r.body, /role="alert"/);
  });
});
