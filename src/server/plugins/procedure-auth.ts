import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import csrf, { type FastifyCsrfProtectionOptions } from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import type { ServerContext } from '../app.ts';
import { PUBLIC, type Actor } from '../../procedure/actors.ts';
import { ProcedureService } from '../../procedure/service.ts';
import { ProcedureError } from '../../procedure/errors.ts';

/**
 * Signing in to the written procedure, set up once for the API (routes/api/procedures.ts) and the
 * console (routes/console.ts): one procedure service, the session cookie, CSRF tokens, rate limiting
 * and one count of failed logins.
 *
 * CSRF: the secret lives in the `_csrf` cookie (SameSite=Strict, httpOnly), and each token is bound to the
 * session cookie the browser holds, so a token taken from one session (or from before logging in) is
 * refused in another. The HMAC key of that binding is COUNCIL_CSRF_KEY when set (the primary of
 * `council start --workers N` sets it for its workers, so each accepts the others' tokens), else made when
 * the server starts: tokens from before a restart are then refused (the page is reloaded), nothing else is lost.
 */
export const SESSION_COOKIE = 'council_session';

export function sessionBinding(req: FastifyRequest): string {
  const session = req.cookies[SESSION_COOKIE];
  return session ? createHash('sha256').update(session).digest('hex') : 'no session';
}

const csrfOptions = (key: string | undefined): FastifyCsrfProtectionOptions => ({
  cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true },
  getUserInfo: sessionBinding,
  csrfOpts: { hmacKey: key ? Buffer.from(key, 'hex') : randomBytes(32) },
});

/** A token for the forms of this response, bound to the caller's session. */
export function csrfToken(req: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: sessionBinding(req) });
}

/**
 * The session cookie: httpOnly, SameSite=Strict, Secure when the client came over TLS (directly, or by
 * X-Forwarded-Proto from a trusted proxy).
 */
function sessionCookie(req: FastifyRequest, ttlMinutes: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: req.protocol === 'https',
    // Max-Age, not Expires: the browser counts it from now, whatever the server's clock says.
    maxAge: ttlMinutes * 60,
  };
}

type Session = Awaited<ReturnType<ProcedureService['login']>>;

/** What the API and the console share: `app.procedureAuth`. */
export interface ProcedureAuth {
  service: ProcedureService;
  /** The session cookie's user; the public when there is no cookie or its session is over. */
  cookieActor(req: FastifyRequest): Promise<{ actor: Actor; token?: string }>;
  /**
   * Logs in, counting failed logins per address and account (src/server/login-guard.ts); with
   * `setCookie`, the browser keeps the session in the session cookie.
   */
  login(
    req: FastifyRequest,
    reply: FastifyReply,
    credentials: { name: string; password: string },
    setCookie: boolean,
  ): Promise<Session>;
  /** Ends the session (when there is one) and clears the cookie. */
  logout(reply: FastifyReply, actor: Actor, token: string | undefined): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    procedureAuth: ProcedureAuth;
  }
}

async function procedureAuth(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const service = ProcedureService.configured(ctx.store, ctx.config);
  // Counted in this process, or by the primary for all the workers of `council start --workers N`.
  await app.register(rateLimit, {
    global: false,
    ...(ctx.rateLimitStore ? { store: ctx.rateLimitStore } : {}),
  });
  await app.register(csrf, csrfOptions(ctx.config.csrfKey));

  const auth: ProcedureAuth = {
    service,
    async cookieActor(req) {
      const token = req.cookies[SESSION_COOKIE];
      if (!token) return { actor: PUBLIC };
      try {
        return { actor: await service.authenticate(token), token };
      } catch (e) {
        if (e instanceof ProcedureError) return { actor: PUBLIC };
        throw e;
      }
    },
    async login(req, reply, { name, password }, setCookie) {
      await ctx.loginGuard.check(req.ip, name);
      const session = await service.login({ name, password }).catch(async (e: unknown) => {
        if (e instanceof ProcedureError && e.code === 'bad_credentials')
          await ctx.loginGuard.failed(req.ip, name);
        throw e;
      });
      await ctx.loginGuard.succeeded(req.ip, name);
      if (setCookie)
        void reply.setCookie(SESSION_COOKIE, session.token, sessionCookie(req, ctx.config.sessionTtlMinutes));
      return session;
    },
    async logout(reply, actor, token) {
      if (token && actor.userId) await service.logout(token, actor);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  };
  app.decorate('procedureAuth', auth);

  // Procedures past their deadline close by themselves; refusals of visitors who are not logged in are
  // counted by the service, and their counts written once a minute and when the server stops.
  const timer = setInterval(() => {
    service
      .closeDue()
      .catch((e: unknown) => app.log.error({ err: e }, 'closing procedures past their deadline failed'));
  }, 5000);
  timer.unref();
  const flush = () =>
    service
      .flushRefusals()
      .catch((e: unknown) => app.log.error({ err: e }, 'could not record the counted refusals'));
  const flushTimer = setInterval(() => void flush(), 60_000);
  flushTimer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    clearInterval(flushTimer);
    await flush();
  });
}

export default fp(procedureAuth, { name: 'procedure-auth' });
