/**
 * A rehearsal is kept apart from the real vote on the same draft (migration 014): both can be open on one
 * draft symbol, a second real vote on it is still refused by the database itself, and a second rehearsal
 * only while the first is still voting. On each database.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProcedureService } from '../../src/procedure/service.ts';
import { actorFor, backends, openMigrated, PASSWORD } from './helpers.ts';

const OPEN_AT = '2020-03-29T13:00:00.000Z';

for (const backend of await backends('hh_rehearsal')) {
  test(`a rehearsal and the real procedure on one draft symbol both open, on ${backend.name}`, async () => {
    const store = await openMigrated(backend);
    let now = Date.parse(OPEN_AT);
    const service = new ProcedureService(store, { clock: () => new Date(now), audit: backend.config.audit });
    try {
      await service.addUser({ name: 'secretariat-r', role: 'secretariat', password: PASSWORD }, 'test');
      await service.addUser(
        { name: 'president-r', role: 'president', state: 'CHN', password: PASSWORD },
        'test',
      );
      const secretariat = await actorFor(service, 'secretariat-r', PASSWORD);
      const president = await actorFor(service, 'president-r', PASSWORD);
      const draft = {
        draftSymbol: 'S/2020/239',
        title: 'Draft resolution on the safety and security of peacekeepers',
        agendaItemId: '2020-23',
        agendaItemTitleEn: 'United Nations peacekeeping operations',
        agendaItemTitleZh: '联合国维持和平行动',
      };
      const real = await service.open(secretariat, draft);
      const rehearsal = await service.open(secretariat, { ...draft, rehearsal: true });
      assert.notEqual(rehearsal.id, real.id);
      assert.deepEqual([real.status, rehearsal.status], ['voting', 'voting']);
      const rows = await store.db
        .selectFrom('procedure')
        .select(['id', 'rehearsal'])
        .where('draft_symbol', '=', 'S/2020/239')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.id, r.rehearsal]).sort(),
        [
          [real.id, null],
          [rehearsal.id, 1],
        ].sort(),
      );

      await assert.rejects(service.open(secretariat, draft), { code: 'already_voting' });
      await assert.rejects(service.open(secretariat, { ...draft, rehearsal: true }), {
        code: 'already_voting',
        message: /being rehearsed/,
      });
      // The database refuses a second real procedure even when the application's check is passed by.
      const row = await store.db
        .selectFrom('procedure')
        .selectAll()
        .where('id', '=', real.id)
        .executeTakeFirstOrThrow();
      await assert.rejects(
        store.db
          .insertInto('procedure')
          .values({ ...row, id: 'wp-duplicate' })
          .execute(),
      );

      // Once the rehearsal's vote is closed, the draft can be rehearsed again; a real vote still cannot.
      now = Date.parse(rehearsal.deadline) + 1000;
      const closed = await service.close(president, rehearsal.id);
      assert.equal(closed.status, 'closed');
      const again = await service.open(secretariat, { ...draft, rehearsal: true });
      assert.equal(again.status, 'voting');
      await assert.rejects(service.open(secretariat, draft), { code: 'already_voting' });
    } finally {
      await store.close();
    }
  });
}
