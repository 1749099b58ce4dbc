/**
 * `council user import FILE`: the 15 delegations of a real Council (the members on the procedure day,
 * from the membership data) created from one CSV file; generated passwords printed once and usable; a
 * file with bad rows names each by its line and creates no one.
 */
import { PROCEDURE_DAY, procedureNow } from '../support/clock.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/config/paths.ts';
import { membersOn } from '../../src/domain/membership.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import { actorFor, openMigrated, PASSWORD, sqliteBackend, type Backend } from './helpers.ts';

function council(b: Backend, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _d, COUNCIL_DB: _c, ...rest } = process.env;
  const child = spawn(process.execPath, [join(ROOT_DIR, 'bin/council.mjs'), ...args], {
    cwd: ROOT_DIR,
    env: { ...rest, ...b.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

test('council user import creates the delegations in one go, or none', { timeout: 300_000 }, async () => {
  const b = sqliteBackend();
  const dir = mkdtempSync(join(tmpdir(), 'council-user-import-'));
  const members = membersOn(PROCEDURE_DAY);
  assert.equal(members.length, 15);

  // Bad rows: a delegation without a state, a name too short, a name twice. Good rows come first, so a
  // half-done import would leave them behind.
  const bad = join(dir, 'bad.csv');
  writeFileSync(
    bad,
    [
      'name,role,state,password',
      `del-${members[0]!.toLowerCase()},delegation,${members[0]},${PASSWORD}`,
      'del-nostate,delegation,,',
      'x,president,USA,',
      `del-${members[0]!.toLowerCase()},delegation,${members[0]},`,
      '',
    ].join('\n'),
  );
  const refused = await council(b, ['user', 'import', bad]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /bad\.csv line 3: .*state: a delegation is bound to one member state/);
  assert.match(refused.stderr, /bad\.csv line 4: .*name: 3–64 letters/);
  assert.match(refused.stderr, /bad\.csv line 5: user "del-\w+" is also on .*bad\.csv line 2/);
  assert.doesNotMatch(refused.stdout, /added/);

  const wrongHeader = join(dir, 'header.csv');
  writeFileSync(wrongHeader, 'user,role\nabc,secretariat\n');
  const header = await council(b, ['user', 'import', wrongHeader]);
  assert.notEqual(header.code, 0);
  assert.match(
    header.stderr,
    /header\.csv line 1: expected a header of name, role, state, password.*missing name.*unknown column user/,
  );

  // The 15 delegations: the first with its password in the file, the others generated.
  const good = join(dir, 'delegations.csv');
  writeFileSync(
    good,
    [
      'name,role,state,password',
      ...members.map(
        (m, i) => `del-${m.toLowerCase()},delegation,${m.toLowerCase()},${i === 0 ? PASSWORD : ''}`,
      ),
      '',
    ].join('\n'),
  );
  const added = await council(b, ['user', 'import', good]);
  assert.equal(added.code, 0, added.stderr);
  const lines = added.stdout.trim().split('\n');
  assert.equal(lines.length, 15);
  assert.doesNotMatch(lines[0]!, /password/, 'a password given in the file is not printed');
  const printed = new Map(
    lines.slice(1).map((l) => {
      const m = /^added delegation (\S+) \(([A-Z]{3})\)\tpassword: (\S{24})$/.exec(l);
      assert.ok(m, l);
      return [m[1]!, m[3]!];
    }),
  );
  assert.equal(printed.size, 14);
  assert.equal(new Set(printed.values()).size, 14, 'each generated password is different');
  assert.match(added.stderr, /shown only this once/);

  const store = await openMigrated(b);
  try {
    const service = new ProcedureService(store, { clock: procedureNow, audit: b.config.audit });
    const users = await store.db.selectFrom('app_user').select(['name', 'role', 'state']).execute();
    assert.deepEqual(users.map((u) => u.state).sort(), [...members].sort(), 'only the good file was stored');
    const [name, password] = [...printed][3]!;
    const actor = await actorFor(service, name, password);
    assert.equal(actor.role, 'delegation');
    assert.equal(actor.state, members[4]);
    await actorFor(service, `del-${members[0]!.toLowerCase()}`, PASSWORD);
    const audit = await store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'user.add')
      .execute();
    assert.equal(audit.length, 15);
  } finally {
    await store.close();
  }

  // Importing again: every name is taken, nothing changes.
  const again = await council(b, ['user', 'import', good]);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /no user was added: .*delegations\.csv line 2: user "del-\w+" already exists/);
});
