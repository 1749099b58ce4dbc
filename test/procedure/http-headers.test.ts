/**
 * Every answer of the server carries the security headers pages carry (published HTML, the API docs,
 * JSON, errors); behind a trusted proxy that says the client came over TLS, the session cookie is Secure
 * and HSTS is sent; /health names no database error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/config/config.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import { sqliteTestStore } from '../support/stores.ts';
import { loadRepertoire } from '../web/record.ts';
import { PASSWORD } from './helpers.ts';

test('security headers on every answer, Secure cookie and HSTS behind a trusted TLS proxy, quiet /health', async (t) => {
  const ts = await sqliteTestStore();
  await loadRepertoire(ts.store);
  const config = loadConfig({ ...ts.env, LOG_LEVEL: 'silent', COUNCIL_TRUST_PROXY: '127.0.0.1' });
  await new ProcedureService(ts.store, { audit: config.audit }).addUser(
    { name: 'sec', role: 'secretariat', password: PASSWORD },
    'test',
  );
  const app = await buildApp({ store: ts.store, readStore: ts.store, config }, { logger: false });
  try {
    await t.test('published HTML, API docs, JSON and errors', async () => {
      for (const url of [
        '/publish/items/2020/23.html',
        '/api/docs',
        '/api',
        '/api/procedures',
        '/api/nothing-here',
        '/health',
      ]) {
        const r = await app.inject({ method: 'GET', url });
        assert.ok(r.statusCode < 500, `${url}: ${r.statusCode}`);
        assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
        const csp = String(r.headers['content-security-policy'] ?? '');
        assert.match(csp, /default-src '(self|none)'/, `${url}: ${csp}`);
        if (String(r.headers['content-type']).startsWith('application/json'))
          assert.match(csp, /default-src 'none'/, url);
        assert.equal(r.headers['strict-transport-security'], undefined, `${url}: HSTS over plain HTTP`);
      }
      const docs = await app.inject({ method: 'GET', url: '/api/docs/static/index.html' });
      assert.match(String(docs.headers['content-security-policy']), /script-src 'self'/);
    });

    await t.test('behind the trusted proxy, over TLS: Secure cookie and HSTS', async () => {
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };
      const csrf = await app.inject({ method: 'GET', url: '/api/session/csrf', headers: forwarded });
      assert.match(String(csrf.headers['strict-transport-security']), /max-age=\d+/);
      const login = await app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { ...forwarded, 'x-csrf-token': csrf.json().token },
        cookies: { _csrf: csrf.cookies.find((c) => c.name === '_csrf')!.value },
        payload: { name: 'sec', password: PASSWORD },
      });
      assert.equal(login.statusCode, 200, login.body);
      assert.equal(login.cookies.find((c) => c.name === 'council_session')?.secure, true);
      // The same header from a client the proxy setting does not name is not believed.
      const direct = await app.inject({
        method: 'GET',
        url: '/api/session/csrf',
        headers: forwarded,
        remoteAddress: '198.51.100.7',
      });
      assert.equal(direct.headers['strict-transport-security'], undefined);
    });

    await t.test('/health names no database error', async () => {
      await ts.store.close();
      const r = await app.inject({ method: 'GET', url: '/health' });
      assert.equal(r.statusCode, 503);
      assert.deepEqual(r.json(), { status: 'unavailable', database: 'sqlite' });
    });
  } finally {
    await app.close();
    await ts.dispose().catch(() => undefined);
  }
});
