import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyCsrfProtectionOptions } from '@fastify/csrf-protection';

/**
 * CSRF tokens for the procedure API and the console, one setup for both: the secret lives in the `_csrf`
 * cookie (SameSite=Strict, httpOnly), and each token is bound to the session cookie the browser holds, so
 * a token taken from one session (or from before logging in) is refused in another. The HMAC key of that
 * binding is made when the server starts: tokens from before a restart are refused (the page is
 * reloaded), nothing else is lost.
 */
export const SESSION_COOKIE = 'council_session';

const hmacKey = randomBytes(32);

export function sessionBinding(req: FastifyRequest): string {
  const session = req.cookies[SESSION_COOKIE];
  return session ? createHash('sha256').update(session).digest('hex') : 'no session';
}

export const csrfOptions: FastifyCsrfProtectionOptions = {
  cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true },
  getUserInfo: sessionBinding,
  csrfOpts: { hmacKey },
};

/** A token for the forms of this response, bound to the caller's session. */
export function csrfToken(req: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ userInfo: sessionBinding(req) });
}
