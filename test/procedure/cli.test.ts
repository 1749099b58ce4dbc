/**
 * The workflow from the command line, on each database: users added with the password on stdin, the
 * draft opened, votes cast (two through the CLI, the rest through the service to keep the test short),
 * closed, announced with letters in both languages, shown, and the audit log verified.
 */
import { PROCEDURE_DAY, procedureNow } from '../support/clock.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { membersOn } from '../../src/domain/membership.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import { actorFor, openMigrated, PASSWORD, postgresBackend, sqliteBackend, type Backend } from './helpers.ts';

const pgBackend = await postgresBackend('cli');
const today = PROCEDURE_DAY;

function council(
  b: Backend,
  args: string[],
  stdin = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _d, COUNCIL_DB: _c, ...rest } = process.env;
  const child = spawn(process.execPath, [join(ROOT_DIR, 'bin/council.mjs'), ...args], {
    cwd: ROOT_DIR,
    env: { ...rest, ...b.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

for (const [name, backend] of [
  ['sqlite', sqliteBackend()],
  ['postgres', pgBackend],
] as const) {
  test(
    `the written procedure from the CLI on ${name}`,
    { skip: typeof backend === 'string' ? backend : false, timeout: 300_000 },
    async () => {
      const b = backend as Backend;
      const members = membersOn(today);
      const [d1, d2] = [members[0]!, members[1]!];
      const added = await council(b, ['user', 'add', 'cli-sec', '--role', 'secretariat'], `${PASSWORD}\n`);
      assert.equal(added.code, 0, added.stderr);
      const weak = await council(b, ['user', 'add', 'cli-weak', '--role', 'secretariat'], 'short\n');
      assert.notEqual(weak.code, 0);
      assert.match(weak.stderr, /at least 12 characters/);
      const noState = await council(
        b,
        ['user', 'add', 'cli-nostate', '--role', 'delegation'],
        `${PASSWORD}\n`,
      );
      assert.match(noState.stderr, /bound to one member state/);

      const store = await openMigrated(b);
      try {
        const service = new ProcedureService(store, { clock: procedureNow, audit: b.config.audit });
        await service.addUser({ name: 'cli-pres', role: 'president', password: PASSWORD }, 'test');
        for (const s of members)
          await service.addUser(
            { name: `cli-${s.toLowerCase()}`, role: 'delegation', state: s, password: PASSWORD },
            'test',
          );

        /** `council procedure open` of draft 777 by the Secretariat under the test's agenda item. */
        const open = (title: string, more: string[]) =>
          council(
            b,
            [
              'procedure',
              'open',
              '--as',
              'cli-sec',
              '--draft',
              `S/${today.slice(0, 4)}/777`,
              '--title',
              title,
              '--agenda-item',
              `${today.slice(0, 4)}-cli`,
              ...more,
            ],
            `${PASSWORD}\n`,
          );
        const opened = await open('A draft voted from the CLI', [
          '--agenda-title-en',
          'CLI item',
          '--agenda-title-zh',
          '命令行项目',
          '--json',
        ]);
        assert.equal(opened.code, 0, opened.stderr);
        const id = (JSON.parse(opened.stdout) as { id: string }).id;
        const wrong = await council(
          b,
          [
            'procedure',
            'open',
            '--as',
            'cli-sec',
            '--draft',
            'S/2020/1',
            '--title',
            't',
            '--agenda-item',
            'x',
          ],
          'wrong password\n',
        );
        assert.match(wrong.stderr, /wrong password \[bad_credentials\]/);

        const v1 = await council(
          b,
          ['procedure', 'vote', id, '--as', `cli-${d1.toLowerCase()}`, '--vote', 'N', '--json'],
          `${PASSWORD}\n`,
        );
        assert.equal(v1.code, 0, v1.stderr);
        assert.match((JSON.parse(v1.stdout) as { digest: string }).digest, /^[0-9a-f]{64}$/);
        const v2 = await council(
          b,
          ['procedure', 'vote', id, '--as', `cli-${d1.toLowerCase()}`, '--vote', 'Y'],
          `${PASSWORD}\n`,
        );
        assert.match(v2.stderr, /\[vote_conflict\]/);
        for (const s of members.filter((m) => m !== d1)) {
          await service.vote(await actorFor(service, `cli-${s.toLowerCase()}`, PASSWORD), id, {
            vote: s === d2 ? 'A' : 'Y',
          });
        }
        // A stolen token: its sessions are revoked; a delegate who left: disabled, then enabled again.
        const who = `cli-${d2.toLowerCase()}`;
        const { token } = await service.login({ name: who, password: PASSWORD });
        const revoked = await council(b, ['session', 'revoke', who]);
        assert.equal(revoked.code, 0, revoked.stderr);
        assert.match(revoked.stdout, /ended [1-9]\d* session\(s\) of/);
        await assert.rejects(service.authenticate(token), { code: 'unauthenticated' });
        const again = await service.login({ name: who, password: PASSWORD });
        const disabled = await council(b, ['user', 'disable', who]);
        assert.equal(disabled.code, 0, disabled.stderr);
        assert.match(disabled.stdout, /disabled .* \(1 session\(s\) ended\)/);
        await assert.rejects(service.authenticate(again.token), { code: 'unauthenticated' });
        await assert.rejects(service.login({ name: who, password: PASSWORD }), { code: 'bad_credentials' });
        const twice = await council(b, ['user', 'disable', who]);
        assert.deepEqual(
          [twice.code, twice.stderr.trim()],
          [1, `council: error: user "${who}" is already disabled`],
        );
        assert.match(
          (await council(b, ['session', 'revoke', 'nobody-here'])).stderr,
          /no user "nobody-here"/,
        );
        assert.equal((await council(b, ['user', 'enable', who])).code, 0);
        await service.login({ name: who, password: PASSWORD });

        const closed = await council(
          b,
          ['procedure', 'close', id, '--as', 'cli-pres', '--json'],
          `${PASSWORD}\n`,
        );
        assert.equal(closed.code, 0, closed.stderr);
        const outcome = (JSON.parse(closed.stdout) as { outcome: { adopted: boolean; vetoedBy: string[] } })
          .outcome;
        const vetoExpected = ['CHN', 'FRA', 'GBR', 'RUS', 'USA'].includes(d1);
        assert.equal(outcome.adopted, !vetoExpected);

        const announced = await council(
          b,
          ['procedure', 'announce', id, '--as', 'cli-pres', '--format', 'open_vtc', '--lang', 'zh'],
          `${PASSWORD}\n`,
        );
        assert.equal(announced.code, 0, announced.stderr);
        assert.match(announced.stdout, /安全理事会主席给秘书长和安全理事会成员国常驻代表的信/);
        assert.match(announced.stdout, /反对：/);
        const shown = await council(b, ['procedure', 'show', id, '--letters']);
        assert.match(shown.stdout, /outcome: (ADOPTED|NOT ADOPTED) 13-1-1/);
        assert.match(shown.stdout, /Voting details on draft resolution/);
        // `--rehearsal`: the same draft rehearsed under a banner, kept apart from the record.
        const rehearsed = await open('A draft rehearsed from the CLI', ['--rehearsal']);
        assert.equal(rehearsed.code, 0, rehearsed.stderr);
        assert.match(rehearsed.stdout, /^REHEARSAL: kept apart, never entered in the record/);
        const rehearsalRow = await store.db
          .selectFrom('procedure')
          .select(['id', 'rehearsal', 'meeting_id', 'decision_id'])
          .where('draft_symbol', '=', `S/${today.slice(0, 4)}/777`)
          .where('rehearsal', '=', 1)
          .executeTakeFirstOrThrow();
        assert.notEqual(rehearsalRow.id, id);
        assert.deepEqual([rehearsalRow.meeting_id, rehearsalRow.decision_id], [null, null]);
        const verify = await council(b, ['audit', 'verify']);
        assert.equal(verify.code, 0, verify.stdout + verify.stderr);
        assert.match(verify.stdout, /audit log intact/);
      } finally {
        await store.close();
      }
    },
  );
}
