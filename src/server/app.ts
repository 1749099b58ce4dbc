import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import type { Config } from '../config/config.ts';
import type { Store } from '../store/db.ts';
import { loadModules } from '../lib/load-modules.ts';

const ROUTES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'routes');

/** What every route module receives. */
export interface AppContext {
  store: Store;
  /** A store to read from: a PostgreSQL read replica when DATABASE_READ_URL is set, else `store`. */
  readStore: Store;
  config: Config;
}

/** A route module: routes/<name>.ts exports default (app, ctx) => Promise<void>. */
export type RouteModule = { default: (app: FastifyInstance, ctx: AppContext) => Promise<void> };

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: ctx.config.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'council-record API',
        description: 'The open, structured record of the practice of the UN Security Council.',
        version: '0.1.0',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Errors are JSON with a message and a code, never a stack trace.
  app.setErrorHandler(
    (
      error: { statusCode?: number; message: string; code?: string; validation?: unknown },
      request,
      reply,
    ) => {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
      if (status >= 500) request.log.error(error);
      void reply.status(status).send({
        error: status >= 500 ? 'internal error' : error.message,
        code: error.validation ? 'invalid' : (error.code ?? (status >= 500 ? 'internal' : 'invalid')),
        statusCode: status,
      });
    },
  );

  // Each capability adds its routes as one file in routes/, so none has to edit this one.
  for (const { module } of await loadModules<RouteModule>(ROUTES_DIR)) {
    await app.register(async (scoped) => module.default(scoped, ctx));
  }
  return app;
}
