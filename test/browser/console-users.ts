import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openStore } from '../../src/store/db.ts';
import type { ServiceOptions } from '../../src/procedure/audited-service.ts';
import { ProcedureService } from '../../src/procedure/service.ts';
import type { RunningServer } from './server.ts';

export interface ConsoleUser {
  name: string;
  role: 'secretariat' | 'president' | 'delegation' | 'editor';
  state?: string;
}

/** Adds console accounts to a running server's database (the server reads them on sign-in). */
export async function addConsoleUsers(
  server: RunningServer,
  users: ConsoleUser[],
  password: string,
  options: ServiceOptions = {},
): Promise<void> {
  const store = openStore({ kind: 'sqlite', path: server.dbPath });
  try {
    const service = new ProcedureService(store, options);
    for (const u of users) await service.addUser({ ...u, password }, 'test');
  } finally {
    await store.close();
  }
}

/** Signs in on the console page the browser shows, and checks the sign-in form is gone. */
export async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.locator('#l-name').fill(name);
  await page.locator('#l-pass').fill(password);
  await Promise.all([
    page.waitForURL('**/console*'),
    page.locator('#login-h + form button[type="submit"]').click(),
  ]);
  assert.equal(await page.locator('#login-h').count(), 0, `${name} is signed in`);
}
