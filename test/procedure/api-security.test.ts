/**
 * The API of the written procedure and its security, on each database: login, rate limit, roles,
 * delegation bound to its state and to membership, expired sessions, CSRF for cookie sessions, injection,
 * oversized and malformed bodies, clock skew, hidden tally, refusals in the audit log, tampering detected.
 */
import { PROCEDURE_DAY, procedureNow } from '../support/clock.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { membersOn } from '../../src/domain/membership.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import { verifyAudit } from '../../src/procedure/audit.ts';
import type { Store } from '../../src/store/db.ts';
import { loadConfig } from '../../src/config/config.ts';
import { openMigrated, PASSWORD, postgresBackend, sqliteBackend, type Backend } from './helpers.ts';

const run = promisify(execFile);
const today = PROCEDURE_DAY;
const members = membersOn(today);
const NON_MEMBER = ['BEL', 'DEU', 'JPN', 'BRA', 'IND'].find((s) => !members.includes(s))!;
const pgBackend = await postgresBackend('api');

async function setUp(b: Backend): Promise<{ app: FastifyInstance; store: Store }> {
  const store = await openMigrated(b);
  const service = new ProcedureService(store, { clock: procedureNow, audit: b.config.audit });
  await service.addUser({ name: 'sec', role: 'secretariat', password: PASSWORD }, 'test');
  await service.addUser({ name: 'pres', role: 'president', password: PASSWORD }, 'test');
  await service.addUser(
    { name: 'outsider', role: 'delegation', state: NON_MEMBER, password: PASSWORD },
    'test',
  );
  for (const s of members)
    await service.addUser(
      { name: `d-${s.toLowerCase()}`, role: 'delegation', state: s, password: PASSWORD },
      'test',
    );
  const app = await buildApp({ store, readStore: store, config: b.config }, { logger: false });
  return { app, store };
}

async function login(app: FastifyInstance, name: string): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password: PASSWORD } });
  assert.equal(r.statusCode, 200, r.body);
  return (r.json() as { token: string }).token;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

for (const [name, backend] of [
  ['sqlite', sqliteBackend()],
  ['postgres', pgBackend],
] as const) {
  test(`API security on ${name}`, { skip: typeof backend === 'string' ? backend : false }, async (t) => {
    const { app, store } = await setUp(backend as Backend);
    try {
      const sec = await login(app, 'sec');
      const pres = await login(app, 'pres');
      const [first, second] = [members[0]!, members[1]!];
      const d1 = await login(app, `d-${first.toLowerCase()}`);

      await t.test('login: wrong password 401, then rate-limited 429', async () => {
        const attempt = (name: string, remoteAddress: string, password = 'wrong password!') =>
          app.inject({ method: 'POST', url: '/api/session', remoteAddress, payload: { name, password } });
        const bad = await attempt('pres', '10.0.0.1');
        assert.equal(bad.statusCode, 401);
        assert.equal(bad.json().code, 'bad_credentials');
        // The account back-off: from the third failure on, this address waits before trying this name again.
        assert.equal((await attempt('pres', '10.0.0.1')).statusCode, 401);
        assert.equal((await attempt('pres', '10.0.0.1')).statusCode, 401);
        const backedOff = await attempt('pres', '10.0.0.1', PASSWORD);
        assert.deepEqual([backedOff.statusCode, backedOff.json().code], [429, 'rate_limited']);
        assert.match(backedOff.json().error, /too many login attempts \(3 failed logins as pres\)/);
        // …but the President logging in from its own address is not locked out.
        assert.equal((await attempt('pres', '10.0.0.2', PASSWORD)).statusCode, 200);
        // One password tried across many names: the address is limited, whatever the names.
        const names = ['sec', 'outsider', ...members.map((m) => `d-${m.toLowerCase()}`)];
        const statuses = [];
        for (const n of names.slice(0, 6)) statuses.push((await attempt(n, '10.0.0.3')).statusCode);
        assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
        // The console's login form counts in the same counter.
        const page = await app.inject({ method: 'GET', url: '/console', remoteAddress: '10.0.0.4' });
        const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
        const csrfCookie = page.cookies.find((c) => c.name === '_csrf')!.value;
        for (let i = 0; i < 4; i++) assert.equal((await attempt(names[i]!, '10.0.0.4')).statusCode, 401);
        const viaConsole = await app.inject({
          method: 'POST',
          url: '/console/login',
          remoteAddress: '10.0.0.4',
          cookies: { _csrf: csrfCookie },
          payload: { name: names[5]!, password: 'wrong password!', _csrf: token },
        });
        assert.equal(viaConsole.statusCode, 401);
        assert.equal((await attempt(names[6]!, '10.0.0.4', PASSWORD)).statusCode, 429);
      });

      await t.test('a bad login limit or proxy setting is refused, naming the variable', () => {
        for (const [variable, value] of [
          ['COUNCIL_LOGIN_RATE_MAX', 'five'],
          ['COUNCIL_LOGIN_RATE_MAX', '0'],
          ['COUNCIL_TRUST_PROXY', 'true'],
          ['COUNCIL_TRUST_PROXY', 'proxy.example'],
        ] as const)
          assert.throws(
            () => loadConfig({ [variable]: value }),
            new RegExp(`invalid environment variable ${variable}`),
          );
        assert.equal(
          loadConfig({ COUNCIL_TRUST_PROXY: '10.0.0.5, loopback' }).trustProxy,
          '10.0.0.5, loopback',
        );
        assert.equal(loadConfig({ COUNCIL_TRUST_PROXY: '1' }).trustProxy, 1);
      });

      let id = '';
      await t.test('open: roles, injection, markup, oversized and malformed bodies', async () => {
        const body = {
          draftSymbol: 'S/2026/901',
          title: "Robert'); DROP TABLE ballot; --",
          agendaItemId: `${today.slice(0, 4)}-99`,
          agendaItemTitleEn: 'Test item',
        };
        assert.equal(
          (await app.inject({ method: 'POST', url: '/api/procedures', payload: body })).statusCode,
          401,
        );
        const asDelegation = await app.inject({
          method: 'POST',
          url: '/api/procedures',
          headers: bearer(d1),
          payload: body,
        });
        assert.equal(asDelegation.statusCode, 403);
        const html = await app.inject({
          method: 'POST',
          url: '/api/procedures',
          headers: bearer(sec),
          payload: { ...body, title: '<script>alert(1)</script>' },
        });
        assert.equal(html.statusCode, 400);
        assert.match(html.json().error, /plain text/);
        for (const [field, value] of [
          ['title', 'Draft \u202eresolution'],
          ['text', 'Operative \u2066paragraph\u2069 1'],
        ] as const) {
          const bidi = await app.inject({
            method: 'POST',
            url: '/api/procedures',
            headers: bearer(sec),
            payload: { ...body, [field]: value },
          });
          assert.equal(bidi.statusCode, 400, field);
          assert.match(bidi.json().error, new RegExp(`${field}: contains bidirectional control characters`));
        }
        const big = await app.inject({
          method: 'POST',
          url: '/api/procedures',
          headers: bearer(sec),
          payload: { ...body, text: 'x'.repeat(600 * 1024) },
        });
        assert.equal(big.statusCode, 413);
        const malformed = await app.inject({
          method: 'POST',
          url: '/api/procedures',
          headers: { ...bearer(sec), 'content-type': 'application/json' },
          payload: '{"draftSymbol":',
        });
        assert.equal(malformed.statusCode, 400);
        const badSymbol = await app.inject({
          method: 'POST',
          url: '/api/procedures',
          headers: bearer(sec),
          payload: { ...body, draftSymbol: "S/2026/1' OR 1=1" },
        });
        assert.equal(badSymbol.statusCode, 400);
        assert.equal(
          await store.db.selectFrom('procedure').select('id').executeTakeFirst(),
          undefined,
          'nothing recorded by refusals',
        );
        const ok = await app.inject({
          method: 'POST',
          url: '/api/procedures',
          headers: bearer(sec),
          payload: body,
        });
        assert.equal(ok.statusCode, 201, ok.body);
        id = ok.json().id;
        assert.equal(ok.json().title, body.title, 'SQL-looking text is stored as written');
        const again = await app.inject({
          method: 'POST',
          url: '/api/procedures',
          headers: bearer(sec),
          payload: body,
        });
        assert.equal(again.statusCode, 409);
        assert.equal(again.json().code, 'already_voting');
        assert.equal((await app.inject({ method: 'GET', url: '/api/procedures/nope' })).statusCode, 404);
      });

      await t.test('votes: own state only, members only, once, no clock skew', async () => {
        const other = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          headers: bearer(d1),
          payload: { vote: 'Y', state: second },
        });
        assert.deepEqual([other.statusCode, other.json().code], [403, 'wrong_state']);
        const outsider = await login(app, 'outsider');
        const nm = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          headers: bearer(outsider),
          payload: { vote: 'Y' },
        });
        assert.deepEqual([nm.statusCode, nm.json().code], [403, 'not_member']);
        const skew = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          headers: bearer(d1),
          payload: { vote: 'Y', sentAt: new Date(procedureNow().getTime() - 3600_000).toISOString() },
        });
        assert.deepEqual([skew.statusCode, skew.json().code], [400, 'clock_skew']);
        const x = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          headers: bearer(d1),
          payload: { vote: 'X' },
        });
        assert.equal(x.statusCode, 400);
        const big = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          headers: bearer(d1),
          payload: { vote: 'Y', pad: 'x'.repeat(5000) },
        });
        assert.equal(big.statusCode, 413);
        const ok = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          headers: bearer(d1),
          payload: { vote: 'Y', sentAt: procedureNow().toISOString() },
        });
        assert.equal(ok.statusCode, 201, ok.body);
        const replay = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          headers: bearer(d1),
          payload: { vote: 'Y', sentAt: procedureNow().toISOString() },
        });
        assert.deepEqual(
          [replay.statusCode, replay.json().digest, replay.json().duplicate],
          [200, ok.json().digest, true],
        );
        const changed = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          headers: bearer(d1),
          payload: { vote: 'N' },
        });
        assert.deepEqual([changed.statusCode, changed.json().code], [409, 'vote_conflict']);
        const ballots = await store.db
          .selectFrom('ballot')
          .selectAll()
          .where('procedure_id', '=', id)
          .execute();
        assert.deepEqual(
          ballots.map((b) => [b.state, b.vote]),
          [[first, 'Y']],
        );
      });

      await t.test('the tally is hidden from delegations and the public until announced', async () => {
        const pub = (await app.inject({ method: 'GET', url: `/api/procedures/${id}` })).json();
        assert.equal(pub.ballots, undefined);
        assert.equal(pub.ballotsReceived, undefined);
        const del = (
          await app.inject({ method: 'GET', url: `/api/procedures/${id}`, headers: bearer(d1) })
        ).json();
        assert.equal(del.ballots, undefined);
        assert.equal(del.yourBallot.vote, 'Y');
        const off = (
          await app.inject({ method: 'GET', url: `/api/procedures/${id}`, headers: bearer(pres) })
        ).json();
        // S/2020/253: the votes go to the Secretariat; the President learns them when the vote is closed,
        // and meanwhile sees only how many have arrived (to close early once all have voted).
        assert.equal(off.ballotsReceived, 1);
        assert.equal(off.ballots, undefined);
        assert.equal(off.outcome, undefined);
        const bySecretariat = (
          await app.inject({ method: 'GET', url: `/api/procedures/${id}`, headers: bearer(sec) })
        ).json();
        assert.deepEqual(
          bySecretariat.ballots.map((b: { vote: string }) => b.vote),
          ['Y'],
        );
        const early = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/close`,
          headers: bearer(pres),
        });
        assert.deepEqual([early.statusCode, early.json().code], [409, 'voting_open']);
        const bySec = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/close`,
          headers: bearer(sec),
        });
        assert.equal(bySec.statusCode, 403);
      });

      await t.test('expired sessions are refused', async () => {
        const token = await login(app, `d-${second.toLowerCase()}`);
        const hash = createHash('sha256').update(token).digest('hex');
        await store.db
          .updateTable('session')
          .set({ expires_at: '2000-01-01T00:00:00.000Z' })
          .where('token_hash', '=', hash)
          .execute();
        const r = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          headers: bearer(token),
          payload: { vote: 'Y' },
        });
        assert.deepEqual([r.statusCode, r.json().code], [401, 'session_expired']);
      });

      await t.test('a cookie session needs a CSRF token; a bearer token does not', async () => {
        const credentials = { name: `d-${second.toLowerCase()}`, password: PASSWORD };
        // Login CSRF: without a token the API login answers with a bearer token and sets no cookie.
        const bearerOnly = await app.inject({ method: 'POST', url: '/api/session', payload: credentials });
        assert.equal(bearerOnly.statusCode, 200);
        assert.equal(
          bearerOnly.cookies.find((c) => c.name === 'council_session'),
          undefined,
        );
        const forgedLogin = await app.inject({
          method: 'POST',
          url: '/api/session',
          headers: { 'x-csrf-token': 'forged' },
          payload: credentials,
        });
        assert.equal(forgedLogin.statusCode, 403);
        const before = await app.inject({ method: 'GET', url: '/api/session/csrf' });
        const loginRes = await app.inject({
          method: 'POST',
          url: '/api/session',
          headers: { 'x-csrf-token': before.json().token },
          cookies: { _csrf: before.cookies.find((c) => c.name === '_csrf')!.value },
          payload: credentials,
        });
        assert.equal(loginRes.statusCode, 200, loginRes.body);
        const session = loginRes.cookies.find((c) => c.name === 'council_session')!;
        assert.equal(session.httpOnly, true);
        assert.equal(session.secure, undefined, 'plain HTTP with no trusted proxy: not Secure');
        const noToken = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          cookies: { council_session: session.value },
          payload: { vote: 'A' },
        });
        assert.equal(noToken.statusCode, 403);
        assert.match(noToken.json().code, /CSRF/);
        const csrfRes = await app.inject({
          method: 'GET',
          url: '/api/session/csrf',
          cookies: { council_session: session.value },
        });
        const secret = csrfRes.cookies.find((c) => c.name === '_csrf')!;
        // The token is bound to the session it was issued to: another session cannot use it.
        const otherSession = bearerOnly.json().token as string;
        const elsewhere = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          cookies: { council_session: otherSession, _csrf: secret.value },
          headers: { 'x-csrf-token': csrfRes.json().token },
          payload: { vote: 'A' },
        });
        assert.deepEqual([elsewhere.statusCode, elsewhere.json().code], [403, 'FST_CSRF_INVALID_TOKEN']);
        const withToken = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          cookies: { council_session: session.value, _csrf: secret.value },
          headers: { 'x-csrf-token': csrfRes.json().token },
          payload: { vote: 'A' },
        });
        assert.equal(withToken.statusCode, 201, withToken.body);
      });

      await t.test(
        'end to end over the API: all vote, the President closes and announces, the record has it',
        async () => {
          const year = today.slice(0, 4);
          const opened = await app.inject({
            method: 'POST',
            url: '/api/procedures',
            headers: bearer(sec),
            payload: {
              draftSymbol: `S/${year}/902`,
              title: 'Draft resolution voted end to end',
              agendaItemId: `${year}-99`,
            },
          });
          assert.equal(opened.statusCode, 201, opened.body);
          const pid = opened.json().id as string;
          const plan = (s: string) => (s === members[2] ? 'A' : 'Y');
          for (const s of members) {
            const token = s === first ? d1 : await login(app, `d-${s.toLowerCase()}`);
            const r = await app.inject({
              method: 'POST',
              url: `/api/procedures/${pid}/votes`,
              headers: bearer(token),
              payload: { vote: plan(s) },
            });
            assert.equal(r.statusCode, 201, r.body);
          }
          const early = await app.inject({
            method: 'POST',
            url: `/api/procedures/${pid}/announce`,
            headers: bearer(pres),
            payload: { format: 'open_vtc' },
          });
          assert.deepEqual([early.statusCode, early.json().code], [409, 'voting_open']);
          const closed = await app.inject({
            method: 'POST',
            url: `/api/procedures/${pid}/close`,
            headers: bearer(pres),
          });
          assert.equal(closed.statusCode, 200, closed.body);
          assert.deepEqual(
            [closed.json().outcome.adopted, closed.json().outcome.for, closed.json().outcome.abstaining],
            [true, 14, 1],
          );
          const hidden = (await app.inject({ method: 'GET', url: `/api/procedures/${pid}` })).json();
          assert.equal(hidden.outcome, undefined, 'closed but not announced: still hidden from the public');
          const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          const future = await app.inject({
            method: 'POST',
            url: `/api/procedures/${pid}/announce`,
            headers: bearer(pres),
            payload: { format: 'open_vtc', date: tomorrow },
          });
          assert.equal(future.statusCode, 400, future.body);
          assert.match(future.json().error, new RegExp(`announcement date ${tomorrow} is in the future`));
          const announced = await app.inject({
            method: 'POST',
            url: `/api/procedures/${pid}/announce`,
            headers: bearer(pres),
            payload: { format: 'open_vtc', resolutionSymbol: `S/RES/2999 (${year})` },
          });
          assert.equal(announced.statusCode, 200, announced.body);
          const pub = (await app.inject({ method: 'GET', url: `/api/procedures/${pid}` })).json();
          assert.equal(pub.outcome.for, 14);
          assert.match(pub.letters.outcome.zh, new RegExp(`第2999\\(${year}\\)号决议`));
          assert.match(pub.letters.votingDetails.en, /Abstaining: /);
          const decision = await store.db
            .selectFrom('decision')
            .selectAll()
            .where('id', '=', `S/RES/2999 (${year})`)
            .executeTakeFirstOrThrow();
          assert.deepEqual(
            [decision.modality, decision.vote_for, decision.vote_abstaining, decision.meeting_id],
            ['written_procedure', 14, 1, `${today}:open_vtc:${year}-99`],
          );
        },
      );

      await t.test('anonymous requests are refused before any write, limited, and counted', async () => {
        const entries = async () =>
          Number(
            (
              await store.db
                .selectFrom('audit_log')
                .select((e) => e.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        const before = await entries();
        const statuses = new Map<number, number>();
        for (let i = 0; i < 80; i++) {
          const r = await app.inject({
            method: 'POST',
            url: `/api/procedures/${id}/votes`,
            payload: { vote: 'N' },
          });
          statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
        }
        // 60 a minute from one address, then 429; none of them wrote anything.
        assert.deepEqual(Object.fromEntries(statuses), { 401: 60, 429: 20 });
        assert.equal(await entries(), before);
        const forged = await app.inject({
          method: 'POST',
          url: `/api/procedures/${id}/votes`,
          headers: { authorization: `Bearer ${'x'.repeat(43)}` },
          payload: { vote: 'N' },
        });
        assert.deepEqual([forged.statusCode, forged.json().code], [401, 'unauthenticated']);
        assert.equal(await entries(), before);
      });

      await t.test('every refusal is in the audit log; the chain verifies', async () => {
        const actions = (await store.db.selectFrom('audit_log').select('action').execute()).map(
          (r) => r.action,
        );
        for (const a of ['procedure.open.refused', 'vote.refused', 'procedure.close.refused']) {
          assert.ok(actions.includes(a), `no ${a} in the audit log`);
        }
        const report = await verifyAudit(store, (backend as Backend).config.audit);
        assert.deepEqual(report.problems, []);
      });

      await t.test('OpenAPI documents the procedure routes', async () => {
        const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
          paths: Record<string, unknown>;
        };
        for (const p of [
          '/api/session',
          '/api/procedures',
          '/api/procedures/{id}',
          '/api/procedures/{id}/votes',
          '/api/procedures/{id}/close',
          '/api/procedures/{id}/announce',
        ]) {
          assert.ok(doc.paths[p], `${p} missing from OpenAPI`);
        }
      });

      await t.test(
        'the database refuses edits of the audit log; an edited or deleted entry is detected',
        async () => {
          await assert.rejects(
            sql`update audit_log set actor = 'someone else' where seq = 3`.execute(store.db),
            /append-only/,
          );
          if (store.dialect === 'sqlite') {
            await sql`drop trigger audit_log_no_update`.execute(store.db);
            await sql`drop trigger audit_log_no_delete`.execute(store.db);
          } else {
            await sql`drop trigger audit_log_no_change on audit_log`.execute(store.db);
          }
          await sql`update audit_log set actor = 'someone else' where seq = 3`.execute(store.db);
          const ballotSeq = (
            await store.db.selectFrom('ballot').select('audit_seq').executeTakeFirstOrThrow()
          ).audit_seq;
          await sql`delete from audit_log where seq = ${ballotSeq}`.execute(store.db);
          const report = await verifyAudit(store, (backend as Backend).config.audit);
          assert.equal(report.ok, false);
          assert.ok(
            report.problems.some((p) => /entry 3 .*edited/.test(p)),
            report.problems.join('\n'),
          );
          assert.ok(
            report.problems.some((p) => new RegExp(`entry ${ballotSeq}.* missing`).test(p)),
            report.problems.join('\n'),
          );
          assert.ok(
            report.problems.some((p) =>
              /ballot of .*: in the database but recorded by no audit entry/.test(p),
            ),
            report.problems.join('\n'),
          );
          if (store.dialect === 'sqlite') {
            const env = { ...process.env, ...(backend as Backend).env };
            const cli = await run(process.execPath, ['bin/council.mjs', 'audit', 'verify'], { env }).catch(
              (e: { code: number; stdout: string }) => e,
            );
            assert.equal((cli as { code?: number }).code, 1);
            assert.match((cli as { stdout: string }).stdout, /TAMPERED/);
          }
        },
      );
      // Closing the server writes the refusals it counted: the API and the console share one service
      // (plugins/procedure-auth.ts), so one entry for the whole flood, plus one a minute while it ran.
      await app.close();
      const counted = await store.db
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'refusals.counted')
        .execute();
      const counts: Record<string, number> = {};
      for (const c of counted)
        for (const [k, n] of Object.entries(
          (JSON.parse(c.detail) as { counts: Record<string, number> }).counts,
        ))
          counts[k] = (counts[k] ?? 0) + n;
      assert.ok(counted.length >= 1, `${counted.length} entries`);
      assert.equal(counts['vote.refused unauthenticated'], 61, JSON.stringify(counts));
      assert.equal(counts['vote.refused rate_limited'], 20);
      assert.equal(counts['session.login.refused bad_credentials pres'], 3);
      assert.equal(counts['session.login.refused rate_limited pres'], 1);
    } finally {
      await app.close();
      await store.close();
    }
  });
}
