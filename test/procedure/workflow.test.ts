/**
 * The written procedure end to end on each database, through the service with a controlled clock: the vote
 * on resolution 2518 (2020) replayed with the Council of 29 March 2020, then a vote that runs to its deadline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { membersOn, membershipCoverage } from '../../src/domain/membership.ts';
import type { Actor } from '../../src/procedure/actors.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import type { Receipt } from '../../src/procedure/view.ts';
import { verifyAudit } from '../../src/procedure/audit.ts';
import { actorFor, openMigrated, PASSWORD, postgresBackend, sqliteBackend, type Backend } from './helpers.ts';

const GOLDEN = join(ROOT_DIR, 'test/golden/procedure');
const pgBackend = await postgresBackend('wf');
const cases: [string, Backend | string][] = [
  ['sqlite', sqliteBackend()],
  ['postgres', pgBackend],
];

function clockAt(start: string) {
  let now = Date.parse(start);
  return {
    clock: () => new Date(now),
    advance: (ms: number) => (now += ms),
    set: (t: string) => (now = Date.parse(t)),
  };
}

async function setUp(b: Backend, start: string, tag: string) {
  const store = await openMigrated(b);
  const time = clockAt(start);
  const service = new ProcedureService(store, { clock: time.clock, audit: b.config.audit });
  await service.addUser({ name: `secretariat-${tag}`, role: 'secretariat', password: PASSWORD }, 'test');
  await service.addUser(
    { name: `president-${tag}`, role: 'president', state: 'CHN', password: PASSWORD },
    'test',
  );
  const delegations = new Map<string, Actor>();
  for (const state of membersOn(start.slice(0, 10))) {
    await service.addUser(
      { name: `delegation-${tag}-${state.toLowerCase()}`, role: 'delegation', state, password: PASSWORD },
      'test',
    );
    delegations.set(state, await actorFor(service, `delegation-${tag}-${state.toLowerCase()}`, PASSWORD));
  }
  return {
    store,
    service,
    time,
    delegations,
    secretariat: await actorFor(service, `secretariat-${tag}`, PASSWORD),
    president: await actorFor(service, `president-${tag}`, PASSWORD),
  };
}

function golden(name: string, text: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, text);
  }
  assert.equal(text, readFileSync(path, 'utf8'), `letter differs from ${path} (UPDATE_GOLDEN=1 to accept)`);
}

for (const [name, backend] of cases) {
  test(
    `resolution 2518 (2020) by written procedure, end to end on ${name}`,
    { skip: typeof backend === 'string' ? backend : false },
    async () => {
      const b = backend as Backend;
      const w = await setUp(b, '2020-03-29T13:00:00.000Z', 'a');
      try {
        const opened = await w.service.open(w.secretariat, {
          draftSymbol: 'S/2020/239',
          title: 'Draft resolution on the safety and security of peacekeepers',
          agendaItemId: '2020-23',
          agendaItemTitleEn: 'United Nations peacekeeping operations',
          agendaItemTitleZh: '联合国维持和平行动',
          presidency: 'CHN',
        });
        assert.equal(opened.status, 'voting');
        assert.equal(opened.deadline, '2020-03-30T13:00:00.000Z');
        golden('announcement.en.txt', opened.letters.announcement.en);
        golden('announcement.zh.txt', opened.letters.announcement.zh);

        await assert.rejects(
          w.service.open(w.secretariat, {
            draftSymbol: 'S/2020/239',
            title: 'again',
            agendaItemId: '2020-23',
          }),
          { code: 'already_voting' },
        );
        for (const [state, actor] of w.delegations) {
          w.time.advance(60_000);
          const r = await w.service.vote(actor, opened.id, { vote: 'Y' });
          assert.equal(r.state, state);
          assert.match(r.digest, /^[0-9a-f]{64}$/);
        }
        // The tally stays hidden from delegations until the announcement.
        const seenByDelegation = await w.service.show(w.delegations.get('GBR')!, opened.id);
        assert.equal(seenByDelegation.outcome, undefined);
        assert.equal(seenByDelegation.ballots, undefined);
        assert.equal(seenByDelegation.yourBallot?.vote, 'Y');

        const closed = await w.service.close(w.president, opened.id);
        assert.equal(closed.status, 'closed');
        assert.deepEqual(closed.outcome && [closed.outcome.adopted, closed.outcome.for], [true, 15]);

        w.time.set('2020-03-30T15:00:00.000Z');
        const announced = await w.service.announce(w.president, opened.id, {
          format: 'closed_vtc',
          resolutionSymbol: 'S/RES/2518 (2020)',
          outcomeLetterSymbol: 'S/2020/249',
          recordLetterSymbol: 'S/2020/268',
        });
        assert.equal(announced.status, 'announced');
        for (const kind of ['outcome', 'votingDetails'] as const) {
          golden(`${kind}.en.txt`, announced.letters[kind]!.en);
          golden(`${kind}.zh.txt`, announced.letters[kind]!.zh);
        }
        assert.match(announced.letters.outcome!.en, /adopted as resolution 2518 \(2020\)/);
        assert.match(announced.letters.outcome!.zh, /作为第2518\(2020\)号决议获得通过/);

        // The decision is in the record like an imported one.
        const decision = await w.store.db
          .selectFrom('decision')
          .selectAll()
          .where('id', '=', 'S/RES/2518 (2020)')
          .executeTakeFirstOrThrow();
        assert.deepEqual(
          [
            decision.draft_symbol,
            decision.modality,
            decision.adopted,
            decision.vote_for,
            decision.written_procedure_letter,
            decision.record_letter,
            decision.meeting_id,
          ],
          ['S/2020/239', 'written_procedure', 1, 15, 'S/2020/249', 'S/2020/268', 'S/2020/268'],
        );
        const meeting = await w.store.db
          .selectFrom('meeting')
          .selectAll()
          .where('id', '=', 'S/2020/268')
          .executeTakeFirstOrThrow();
        assert.deepEqual(
          [meeting.date, meeting.format, meeting.agenda_item_id],
          ['2020-03-30', 'closed_vtc', '2020-23'],
        );
        const votes = await w.store.db
          .selectFrom('vote')
          .selectAll()
          .where('decision_id', '=', decision.id)
          .execute();
        assert.equal(votes.length, 15);
        assert.ok((await w.service.show(w.delegations.get('GBR')!, opened.id)).outcome?.adopted);
        await assert.rejects(w.service.announce(w.president, opened.id, { format: 'open_vtc' }), {
          code: 'already_announced',
        });
        assert.equal((await verifyAudit(w.store, b.config.audit)).ok, true);
      } finally {
        await w.store.close();
      }
    },
  );

  test(
    `no procedure opens on a date whose membership is not recorded, on ${name}`,
    { skip: typeof backend === 'string' ? backend : false },
    async () => {
      const b = backend as Backend;
      const last = membershipCoverage().to;
      const w = await setUp(b, `${last}T20:00:00.000Z`, 'm');
      try {
        w.time.advance(6 * 3600_000);
        const next = new Date(Date.parse(`${last}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        await assert.rejects(
          w.service.open(w.secretariat, {
            draftSymbol: 'S/2027/1',
            title: 'Draft resolution',
            agendaItemId: '2027-syria',
            agendaItemTitleEn: 'The situation in the Middle East',
          }),
          (e: Error & { code?: string; statusCode?: number }) =>
            e.code === 'membership_unknown' &&
            e.statusCode === 409 &&
            e.message.includes(`members on ${next} are not recorded`) &&
            e.message.includes(`to ${last}`),
        );
        const stored = await w.store.db
          .selectFrom('procedure')
          .select('id')
          .where('draft_symbol', '=', 'S/2027/1')
          .execute();
        assert.equal(stored.length, 0);
      } finally {
        await w.store.close();
      }
    },
  );

  test(
    `a vote that runs to its deadline on ${name}: late votes refused, silent members absent, veto`,
    { skip: typeof backend === 'string' ? backend : false },
    async () => {
      const b = backend as Backend;
      const w = await setUp(b, '2020-07-06T10:00:00.000Z', 'b');
      try {
        const p = await w.service.open(w.secretariat, {
          draftSymbol: 'S/2020/654',
          title: 'Draft resolution on the humanitarian situation in Syria',
          agendaItemId: '2020-syria',
          agendaItemTitleEn: 'The situation in the Middle East',
        });
        const plan: Record<string, 'Y' | 'N' | 'A'> = { CHN: 'N', RUS: 'N' };
        const silent = ['VCT'];
        const receipts = new Map<string, Receipt>();
        for (const [state, actor] of w.delegations) {
          if (silent.includes(state)) continue;
          receipts.set(state, await w.service.vote(actor, p.id, { vote: plan[state] ?? 'Y' }));
        }
        await assert.rejects(w.service.close(w.president, p.id), { code: 'voting_open' });
        await assert.rejects(w.service.vote(w.delegations.get('CHN')!, p.id, { vote: 'Y' }), {
          code: 'vote_conflict',
        });
        w.time.set(p.deadline);
        await assert.rejects(w.service.vote(w.delegations.get('VCT')!, p.id, { vote: 'Y' }), {
          code: 'deadline_passed',
        });
        // A retry of a vote already recorded (its receipt lost on the way) gets the original receipt,
        // before and after the procedure is closed; a different vote is still a conflict.
        for (let i = 0; i < 2; i += 1) {
          const again = await w.service.vote(w.delegations.get('GBR')!, p.id, { vote: 'Y' });
          assert.deepEqual(again, { ...receipts.get('GBR')!, duplicate: true });
          if (i === 0) await w.service.closeDue();
        }
        await assert.rejects(w.service.vote(w.delegations.get('GBR')!, p.id, { vote: 'N' }), {
          code: 'vote_conflict',
        });
        const seen = await w.service.show(w.president, p.id);
        assert.equal(seen.status, 'closed');
        assert.deepEqual(
          seen.outcome && [
            seen.outcome.adopted,
            seen.outcome.for,
            seen.outcome.against,
            seen.outcome.absent,
            seen.outcome.vetoedBy,
          ],
          [false, 12, 2, 1, ['CHN', 'RUS']],
        );
        const announced = await w.service.announce(w.president, p.id, {
          format: 'open_vtc',
          date: '2020-07-07',
        });
        assert.match(
          announced.letters.outcome!.en,
          // The wording of the UN (press release SC/14244 on this draft, S/2020/654: "owing the negative
          // vote of two permanent Council members"): "vote", and state names with their article.
          /not been adopted, owing to the negative vote of China and the Russian Federation, permanent members of the Council\./,
        );
        assert.match(
          announced.letters.outcome!.zh,
          /由于安全理事会常任理事国中国和俄罗斯联邦投反对票，该决议草案未获通过。/,
        );
        assert.match(
          announced.letters.votingDetails!.en,
          /Did not participate: Saint Vincent and the Grenadines/,
        );
        const d = await w.store.db
          .selectFrom('decision')
          .selectAll()
          .where('id', '=', 'S/2020/654')
          .executeTakeFirstOrThrow();
        assert.deepEqual(
          [d.kind, d.adopted, d.vetoed_by, d.vote_absent],
          ['draft_not_adopted', 0, '["CHN","RUS"]', 1],
        );
        const refusals = await w.store.db
          .selectFrom('audit_log')
          .select('action')
          .where('action', 'like', '%.refused')
          .execute();
        assert.equal(refusals.length, 0, 'the service records refusals only when asked (the API and CLI do)');
      } finally {
        await w.store.close();
      }
    },
  );
}
