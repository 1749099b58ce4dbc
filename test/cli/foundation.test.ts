import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends, type TestStore } from '../support/stores.ts';
import { council, startServer, type RunningServer } from '../support/cli.ts';

describe('council --help', () => {
  it('lists the commands and exits 0', () => {
    const r = council(['--help']);
    assert.equal(r.status, 0, r.stderr);
    for (const cmd of ['init', 'doctor', 'start']) assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`));
  });
  it('refuses an unknown command with a non-zero exit', () => {
    const r = council(['no-such-command']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /unknown command/);
  });
  it('names a bad environment variable', () => {
    const r = council(['doctor'], { DATABASE_URL: 'mysql://x' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /DATABASE_URL/);
  });
});

for (const backend of await backends()) {
  describe(`init and doctor on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestStore;
    before(async () => {
      t = await backend.open();
    });
    after(async () => t?.dispose());

    it('init is idempotent and doctor --json reports the database, schema and counts', () => {
      const init = council(['init'], t.env);
      assert.equal(init.status, 0, init.stderr);
      assert.match(init.stdout, /already up to date|applied/);
      const r = council(['doctor', '--json'], t.env);
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(r.stdout) as {
        database: { kind: string };
        reachable: boolean;
        schemaVersion: string;
        pendingMigrations: string[];
        counts: Record<string, number>;
      };
      assert.equal(report.database.kind, backend.name);
      assert.equal(report.reachable, true);
      assert.match(report.schemaVersion, /^\d{3}_/);
      assert.deepEqual(report.pendingMigrations, []);
      assert.equal(typeof report.counts.meeting, 'number');
      assert.equal(typeof report.counts.decision, 'number');
    });
  });
}

describe('council doctor on an unreachable database', () => {
  it('says so and exits non-zero', () => {
    const r = council(['doctor', '--json'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /"reachable": false/);
  });
});

describe('council start', () => {
  let t: TestStore;
  let server: RunningServer;
  before(async () => {
    t = await (await backends())[0]!.open();
    server = await startServer(t.env, ['--no-seed']);
  });
  after(async () => {
    await server?.stop();
    await t?.dispose();
  });

  it('answers /health and lists what the record holds at /api', async () => {
    const health = await fetch(`${server.url}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', database: 'sqlite' });
    const api = (await (await fetch(`${server.url}/api`)).json()) as { counts: Record<string, number> };
    assert.equal(typeof api.counts.meeting, 'number');
  });
});
