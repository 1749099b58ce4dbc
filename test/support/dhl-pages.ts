import { join } from 'node:path';
import { after, before } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { importTableFiles } from '../../src/ingest/sources.ts';
import { DHL_DIR } from '../../src/seed/seeders/10_dhl.ts';
import type { Store } from '../../src/store/db.ts';
import { appOver } from '../web/app.ts';
import { sqliteTestStore, type TestStore } from './stores.ts';

export interface DhlPages {
  /** The test store (valid once the suite's `before` has run). */
  readonly store: Store;
  get(url: string): Promise<LightMyRequestResponse>;
}

/**
 * For a page suite over some of the UN Library's meeting tables (file names in the shared
 * `dhl-tables` folder): registers the hooks that load them into a fresh SQLite store and start the
 * application over it, and close both afterwards. Call it inside `describe`.
 */
export function pagesOverDhlTables(files: string[]): DhlPages {
  let ts: TestStore | undefined;
  let app: FastifyInstance | undefined;
  before(async () => {
    ts = await sqliteTestStore();
    await importTableFiles(
      ts.store,
      files.map((f) => join(DHL_DIR, f)),
    );
    app = await appOver(ts.store, ts.env);
  });
  after(async () => {
    await app?.close();
    await ts?.dispose();
  });
  return {
    get store() {
      if (!ts) throw new Error('pagesOverDhlTables: the store is opened in the suite’s before hook');
      return ts.store;
    },
    get: (url) => {
      if (!app) throw new Error('pagesOverDhlTables: the app is started in the suite’s before hook');
      return app.inject({ method: 'GET', url });
    },
  };
}
