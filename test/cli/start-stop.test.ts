import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get } from 'node:http';
import { join } from 'node:path';
import { startServer } from '../support/cli.ts';

/** GET /health on a fresh connection (no keep-alive socket that would outlive the test): the status or null. */
function health(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = get(`${url}/health`, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

// `npm start` runs the server under npm (through a shell); stopping npm must stop the server, not leave
// it serving as an orphan that holds the port and the database.
describe('npm start stops its server when it is stopped', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'council-start-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to the npm process ends the server`, async () => {
      const server = await startServer({ COUNCIL_DB: join(dir, `${signal}.db`) }, ['--no-seed'], {
        viaNpm: true,
      });
      assert.equal(await health(server.url), 200);
      // npm forwards the signal to its child; without `exec` that child is a shell that ignores it and
      // waits: allow npm 15 s to exit, then look whether anything still serves.
      const exited = await Promise.race([
        server.stop(signal).then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 15_000)),
      ]);
      // The port must stop answering once npm has exited (the server closes before npm returns).
      let answered = true;
      for (let i = 0; i < 50 && answered; i++) {
        answered = (await health(server.url)) !== null;
        if (answered) await new Promise((r) => setTimeout(r, 100));
      }
      if (answered || !exited) process.kill(-server.child.pid!, 'SIGKILL'); // whatever is left, so the run ends
      assert.equal(exited, true, `npm did not exit within 15 s of ${signal}`);
      assert.equal(answered, false, `the server at ${server.url} still answers after npm stopped`);
    });
  }
});
