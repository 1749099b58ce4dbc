import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE, csrfToken } from '../../plugins/procedure-auth.ts';
import { errorResponses, objectOf } from '../../json-schema.ts';
import { PUBLIC, type Actor } from '../../../procedure/actors.ts';
import { ProcedureError } from '../../../procedure/errors.ts';
import { announceSchema, loginSchema, openSchema, voteSchema } from '../../../procedure/schemas.ts';

/**
 * The written procedure's API. Two ways to be logged in: a bearer token (API clients; no CSRF token
 * needed, as a browser never attaches it by itself) or the httpOnly session cookie set at login (browser
 * forms; every state-changing request must then carry a CSRF token from GET /api/session/csrf).
 */

declare module 'fastify' {
  interface FastifyRequest {
    procedureActor?: Actor;
  }
  interface FastifyContextConfig {
    action?: string;
  }
}

const errors = errorResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.string().max(64) });
const letter = objectOf({ zh: 'string', en: 'string' });
const outcome = objectOf({
  adopted: 'boolean',
  for: 'integer',
  against: 'integer',
  abstaining: 'integer',
  absent: 'integer',
  vetoedBy: { type: 'array', items: { type: 'string' } },
  reason: 'string',
});
const ballot = { state: 'string', vote: 'string', receivedAt: 'string', digest: 'string' } as const;
const receipt = objectOf({
  procedureId: 'string',
  draftSymbol: 'string',
  ...ballot,
  duplicate: 'boolean',
  auditSeq: 'integer',
  auditHash: 'string',
});
const strings = { type: 'array', items: { type: 'string' } } as const;
const nullable = ['string', 'null'] as const;
const procedureView = objectOf({
  id: 'string',
  draftSymbol: 'string',
  title: 'string',
  text: nullable,
  agendaItemId: 'string',
  procedural: 'boolean',
  rehearsal: { type: 'boolean', description: 'a rehearsal: kept apart, never entered in the record' },
  parties: strings,
  date: 'string',
  openedAt: 'string',
  deadline: 'string',
  status: { type: 'string', enum: ['voting', 'closed', 'announced'] },
  closedAt: nullable,
  announcedAt: nullable,
  meetingFormat: nullable,
  meetingId: nullable,
  decisionId: nullable,
  resolutionSymbol: nullable,
  members: strings,
  letters: objectOf({ announcement: letter, outcome: letter, votingDetails: letter }),
  ballotsReceived: 'integer',
  ballots: { type: 'array', items: objectOf(ballot) },
  outcome,
  yourBallot: { anyOf: [receipt, { type: 'null' }] },
});
const loginAnswer = objectOf({
  token: 'string',
  expiresAt: 'string',
  user: objectOf({ name: 'string', role: 'string', state: nullable }),
});

/** Votes a session (or an address with no session) may send a minute: far above a delegation's need. */
const VOTE_RATE_MAX = 60;

function clientKey(req: FastifyRequest): string {
  const token = req.headers.authorization ?? req.cookies[SESSION_COOKIE];
  return token ? `session:${createHash('sha256').update(token).digest('hex')}` : `ip:${req.ip}`;
}

function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(h);
  if (!m) throw new ProcedureError('unauthenticated', 'Authorization header must be "Bearer <token>"');
  return m[1];
}

export default async function procedures(app: FastifyInstance): Promise<void> {
  // One service, sign-in, CSRF and rate limiting for the API and the console (plugins/procedure-auth.ts).
  const { service } = app.procedureAuth;

  /** Who is calling, and whether by cookie (then CSRF applies to writes). */
  async function identify(req: FastifyRequest): Promise<{ actor: Actor; token?: string; byCookie: boolean }> {
    const bearer = bearerToken(req);
    const cookie = bearer ? undefined : req.cookies[SESSION_COOKIE];
    const token = bearer ?? cookie;
    const actor = token ? await service.authenticate(token) : PUBLIC;
    req.procedureActor = actor;
    return { actor, ...(token ? { token } : {}), byCookie: !bearer && Boolean(cookie) };
  }

  /** Writes need a login: a request with no credentials at all is refused before its body is looked at. */
  function credentialsRequired(req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
    if (req.headers.authorization || req.cookies[SESSION_COOKIE]) return done();
    done(new ProcedureError('unauthenticated', 'log in first: this request carries no session'));
  }

  /** A browser sends the session cookie by itself, so a cookie-authenticated write must prove its origin. */
  function csrfUnlessBearer(req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void {
    if (req.headers.authorization || !req.cookies[SESSION_COOKIE]) return done();
    app.csrfProtection(req, reply, done);
  }

  // Every refusal on these routes goes to the audit log, including schema and size refusals.
  app.addHook('onError', async (req, _reply, error) => {
    const action = req.routeOptions.config.action;
    if (!action) return;
    const target = (req.params as { id?: string } | undefined)?.id ?? null;
    const attempted =
      action === 'session.login' ? (req.body as { name?: unknown } | undefined)?.name : undefined;
    const actor =
      req.procedureActor ??
      (typeof attempted === 'string'
        ? { ...PUBLIC, name: `login attempt as ${attempted.slice(0, 64)}` }
        : null);
    try {
      await service.refuse(actor, action, target, error);
    } catch (e) {
      req.log.error({ err: e }, 'could not record a refusal in the audit log');
    }
  });

  app.post(
    '/api/session',
    {
      config: { action: 'session.login' },
      // Login CSRF: a login that is to set the session cookie must carry a CSRF token (a page of another
      // site could otherwise log the browser in as someone else); without one, it returns a bearer token only.
      preHandler: (req, reply, done) => {
        if (!req.headers['x-csrf-token']) return done();
        app.csrfProtection(req, reply, done);
      },
      bodyLimit: 4096,
      schema: {
        tags: ['procedure'],
        summary:
          'Log in: returns a bearer token; with an x-csrf-token header, also sets the session cookie (failed logins are limited)',
        body: loginSchema,
        response: { 200: loginAnswer, ...errors },
      },
    },
    async (req, reply) =>
      app.procedureAuth.login(
        req,
        reply,
        req.body as z.infer<typeof loginSchema>,
        Boolean(req.headers['x-csrf-token']),
      ),
  );

  app.get('/api/session', { schema: { tags: ['procedure'], summary: 'Who is logged in' } }, async (req) => {
    const { actor } = await identify(req);
    return { name: actor.name, role: actor.role, state: actor.state };
  });

  app.get(
    '/api/session/csrf',
    {
      schema: {
        tags: ['procedure'],
        summary: 'A CSRF token for browser forms (send as x-csrf-token or _csrf)',
      },
    },
    async (req, reply) => ({ token: csrfToken(req, reply) }),
  );

  /** A write: logged in, CSRF-checked when by cookie, refusals audited as `action`. */
  const write = (action: string, bodyLimit?: number) => ({
    config: { action },
    preValidation: credentialsRequired,
    preHandler: csrfUnlessBearer,
    ...(bodyLimit ? { bodyLimit } : {}),
  });

  /** The schema of a route on one procedure (path `:id`, an optional body), answering with its view. */
  const onProcedure = (summary: string, body?: z.ZodType) => ({
    tags: ['procedure'],
    summary,
    params: idParams,
    ...(body ? { body } : {}),
    response: { 200: procedureView, ...errors },
  });

  /** A handler that acts, as the caller, on the procedure of the path's `:id` (with the body, if any). */
  const asCaller =
    (act: (actor: Actor, id: string, body: unknown) => Promise<unknown>) => async (req: FastifyRequest) =>
      act((await identify(req)).actor, (req.params as { id: string }).id, req.body);

  app.delete(
    '/api/session',
    {
      config: { action: 'session.logout' },
      preHandler: csrfUnlessBearer,
      schema: { tags: ['procedure'], summary: 'Log out', response: { 204: { type: 'null' }, ...errors } },
    },
    async (req, reply) => {
      const { actor, token } = await identify(req);
      await app.procedureAuth.logout(reply, actor, token);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/procedures',
    { schema: { tags: ['procedure'], summary: 'Written procedures, newest first' } },
    async (req) => service.list((await identify(req)).actor),
  );

  app.post(
    '/api/procedures',
    {
      ...write('procedure.open', 512 * 1024),
      schema: {
        tags: ['procedure'],
        summary: 'Secretariat: put a draft in blue to a vote by written procedure (deadline 24 h by default)',
        body: openSchema,
        response: { 201: procedureView, ...errors },
      },
    },
    async (req, reply) => {
      const { actor } = await identify(req);
      return reply.status(201).send(await service.open(actor, req.body));
    },
  );

  app.get(
    '/api/procedures/:id',
    {
      schema: onProcedure(
        'A procedure; the tally is shown to delegations and the public only once announced',
      ),
    },
    asCaller((actor, id) => service.show(actor, id)),
  );

  app.post(
    '/api/procedures/:id/votes',
    {
      ...write('vote', 4096),
      config: {
        action: 'vote',
        // Per session when logged in, else per client address; refusals are counted, not logged.
        rateLimit: {
          max: VOTE_RATE_MAX,
          timeWindow: '1 minute',
          keyGenerator: (req: FastifyRequest) => clientKey(req),
          errorResponseBuilder: (_req: FastifyRequest, c: { after: string }) =>
            Object.assign(new Error(`too many requests: try again in ${c.after}`), {
              statusCode: 429,
              code: 'rate_limited',
            }),
        },
      },
      schema: {
        tags: ['procedure'],
        summary: "Delegation: cast its state's vote once; acknowledged with a receipt after it is committed",
        params: idParams,
        body: voteSchema,
        response: { 200: receipt, 201: receipt, ...errors },
      },
    },
    async (req, reply) => {
      const { actor } = await identify(req);
      const r = await service.vote(actor, (req.params as { id: string }).id, req.body);
      return reply.status(r.duplicate ? 200 : 201).send(r);
    },
  );

  app.post(
    '/api/procedures/:id/close',
    {
      ...write('procedure.close'),
      schema: onProcedure('President: close the vote (before the deadline only when every member has voted)'),
    },
    asCaller((actor, id) => service.close(actor, id)),
  );

  app.post(
    '/api/procedures/:id/announce',
    {
      ...write('procedure.announce', 4096),
      schema: onProcedure(
        'President: announce the outcome at a videoconference; letters are issued and the decision enters the record',
        announceSchema,
      ),
    },
    asCaller((actor, id, body) => service.announce(actor, id, body)),
  );
}
