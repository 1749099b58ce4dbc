import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Config } from '../config/config.ts';
import type { Store } from '../store/db.ts';
import { loadModules } from '../lib/load-modules.ts';
import { LoginGuard, type LoginLimiter } from './login-guard.ts';
import { openApiTransform, validatorCompiler } from './json-schema.ts';
import { PAGE_CSP } from './web/respond.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Routes by capability, in folders named after their URLs: routes/api/records.ts serves /api/…. */
const ROUTES_DIR = join(HERE, 'routes');
/** What routes share (the procedure's sign-in and CSRF, the publish links): fastify-plugin modules. */
const PLUGINS_DIR = join(HERE, 'plugins');

/** What every route module receives. */
export interface AppContext {
  store: Store;
  /** A store to read from: a PostgreSQL read replica when DATABASE_READ_URL is set, else `store`. */
  readStore: Store;
  config: Config;
  /** Failed logins, one count for the API and the console (made by buildApp when not given). */
  loginGuard?: LoginLimiter;
  /** Where @fastify/rate-limit counts (the vote limit); unset: in this process's memory. */
  rateLimitStore?: FastifyRateLimitStoreCtor;
  /** Set in a worker of `council start --workers N`: every answer names it (`x-council-worker: <pid>`). */
  workerPid?: number;
}

/** The context route modules get: the login guard is always there. */
export type ServerContext = AppContext & { loginGuard: LoginLimiter };

/** A hop count trusts that many proxies in front of the server; addresses trust those proxies. */
const trustProxy = (setting: Config['trustProxy']) =>
  typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;

/** Data answers (JSON, CSV, feeds) run nothing, embed nothing and are framed nowhere. */
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

/** A route module: routes/<folder>/<name>.ts exports default (app, ctx) => Promise<void>. */
export type RouteModule = { default: (app: FastifyInstance, ctx: ServerContext) => Promise<void> };

/** A plugin module: plugins/<name>.ts exports a fastify-plugin, registered once for every route. */
export type PluginModule = { default: FastifyPluginAsync<ServerContext> };

export async function buildApp(
  given: AppContext,
  /** onRoute: sees each route as it is registered (the OpenAPI test checks every route's schemas). */
  opts: { logger?: boolean; onRoute?: (route: RouteOptions) => void } = {},
): Promise<FastifyInstance> {
  const ctx: ServerContext = {
    ...given,
    loginGuard: given.loginGuard ?? new LoginGuard(given.config.loginRateMax),
  };
  const app = Fastify({
    logger: opts.logger === false ? false : { level: ctx.config.logLevel },
    bodyLimit: 1024 * 1024,
    // Only a configured proxy's X-Forwarded-For/-Proto are believed (COUNCIL_TRUST_PROXY).
    trustProxy: trustProxy(ctx.config.trustProxy),
  });
  // Every answer carries the security headers pages carry, whoever made it (publish, API docs, JSON,
  // errors); a route that set its own keeps it. HSTS once the client came over TLS.
  const worker = ctx.workerPid === undefined ? undefined : String(ctx.workerPid);
  app.addHook('onSend', async (request, reply, payload) => {
    if (worker) void reply.header('x-council-worker', worker);
    if (!reply.hasHeader('x-content-type-options')) void reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('referrer-policy')) void reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('content-security-policy')) {
      const html = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
      void reply.header('content-security-policy', html ? PAGE_CSP : DATA_CSP);
    }
    if (request.protocol === 'https')
      void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
  // Query strings, paths and bodies are read by the routes' zod schemas (src/server/json-schema.ts).
  app.setValidatorCompiler(validatorCompiler);
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
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
    transform: openApiTransform,
  });
  // staticCSP: the docs page gets a policy of its own that allows its own scripts and nothing else.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

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

  for (const { module } of await loadModules<PluginModule>(PLUGINS_DIR)) {
    await app.register(module.default, ctx);
  }
  // Each capability adds its routes as one file in routes/, so none has to edit this one.
  for (const { module } of await loadModules<RouteModule>(ROUTES_DIR, { recursive: true })) {
    await app.register(async (scoped) => module.default(scoped, ctx));
  }
  return app;
}
