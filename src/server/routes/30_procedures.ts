import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import csrf from '@fastify/csrf-protection';
import type { ServerContext } from '../app.ts';
import { csrfOptions, csrfToken, SESSION_COOKIE } from '../csrf.ts';
import { PUBLIC, type Actor } from '../../procedure/actors.ts';
import { ProcedureService } from '../../procedure/service.ts';
import { ProcedureError } from '../../procedure/errors.ts';

/**
 * The written procedure's API. Two ways to be logged in: a bearer token (API clients; no CSRF token
 * needed, as a browser never attaches it by itself) or the httpOnly session cookie set at login (browser
 * forms; every state-changing request must then carry a CSRF token from GET /api/session/csrf).
 */

export { SESSION_COOKIE };

declare module 'fastify' {
  interface FastifyRequest {
    procedureActor?: Actor;
  }
  interface FastifyContextConfig {
    action?: string;
  }
}

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'string' }, code: { type: 'string' }, statusCode: { type: 'integer' } },
};
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } };
const letter = { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } };
const outcome = {
  type: 'object',
  properties: {
    adopted: { type: 'boolean' },
    for: { type: 'integer' },
    against: { type: 'integer' },
    abstaining: { type: 'integer' },
    absent: { type: 'integer' },
    vetoedBy: { type: 'array', items: { type: 'string' } },
    reason: { type: 'string' },
  },
};
const receipt = {
  type: 'object',
  properties: {
    procedureId: { type: 'string' },
    draftSymbol: { type: 'string' },
    state: { type: 'string' },
    vote: { type: 'string' },
    receivedAt: { type: 'string' },
    digest: { type: 'string' },
    duplicate: { type: 'boolean' },
    auditSeq: { type: 'integer' },
    auditHash: { type: 'string' },
  },
};
const procedureView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    draftSymbol: { type: 'string' },
    title: { type: 'string' },
    text: { type: ['string', 'null'] },
    agendaItemId: { type: 'string' },
    procedural: { type: 'boolean' },
    rehearsal: { type: 'boolean', description: 'a rehearsal: kept apart, never entered in the record' },
    parties: { type: 'array', items: { type: 'string' } },
    date: { type: 'string' },
    openedAt: { type: 'string' },
    deadline: { type: 'string' },
    status: { type: 'string', enum: ['voting', 'closed', 'announced'] },
    closedAt: { type: ['string', 'null'] },
    announcedAt: { type: ['string', 'null'] },
    meetingFormat: { type: ['string', 'null'] },
    meetingId: { type: ['string', 'null'] },
    decisionId: { type: ['string', 'null'] },
    resolutionSymbol: { type: ['string', 'null'] },
    members: { type: 'array', items: { type: 'string' } },
    letters: { type: 'object', properties: { announcement: letter, outcome: letter, votingDetails: letter } },
    ballotsReceived: { type: 'integer' },
    ballots: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          state: { type: 'string' },
          vote: { type: 'string' },
          receivedAt: { type: 'string' },
          digest: { type: 'string' },
        },
      },
    },
    outcome,
    yourBallot: { anyOf: [receipt, { type: 'null' }] },
  },
};

/** Votes a session (or an address with no session) may send a minute: far above a delegation's need. */
const VOTE_RATE_MAX = 60;

function clientKey(req: FastifyRequest): string {
  const token = req.headers.authorization ?? req.cookies[SESSION_COOKIE];
  return token ? `session:${createHash('sha256').update(token).digest('hex')}` : `ip:${req.ip}`;
}

/**
 * The session cookie: httpOnly, SameSite=Strict, Secure when the client came over TLS (directly, or by
 * X-Forwarded-Proto from a trusted proxy).
 */
export function sessionCookie(req: FastifyRequest, ttlMinutes: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: req.protocol === 'https',
    // Max-Age, not Expires: the browser counts it from now, whatever the server's clock says.
    maxAge: ttlMinutes * 60,
  };
}

function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(h);
  if (!m) throw new ProcedureError('unauthenticated', 'Authorization header must be "Bearer <token>"');
  return m[1];
}

export default async function procedures(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const service = ProcedureService.configured(ctx.store, ctx.config);
  await app.register(rateLimit, { global: false });
  await app.register(csrf, csrfOptions);

  /** Who is calling, and whether by cookie (then CSRF applies to writes). */
  async function identify(req: FastifyRequest): Promise<{ actor: Actor; token?: string; byCookie: boolean }> {
    const bearer = bearerToken(req);
    const cookie = bearer ? undefined : req.cookies[SESSION_COOKIE];
    const token = bearer ?? cookie;
    const actor = token ? await service.authenticate(token) : PUBLIC;
    req.procedureActor = actor;
    return { actor, ...(token ? { token } : {}), byCookie: !bearer && Boolean(cookie) };
  }

  /** For writes: the caller (the CSRF check has run in preHandler when the session came from a cookie). */
  async function writer(
    req: FastifyRequest,
    _reply: FastifyReply,
  ): Promise<{ actor: Actor; token?: string }> {
    return identify(req);
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
        body: {
          type: 'object',
          required: ['name', 'password'],
          properties: {
            name: { type: 'string', maxLength: 64 },
            password: { type: 'string', maxLength: 1024 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              token: { type: 'string' },
              expiresAt: { type: 'string' },
              user: {
                type: 'object',
                properties: {
                  name: { type: 'string' },
                  role: { type: 'string' },
                  state: { type: ['string', 'null'] },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const name = (req.body as { name: string }).name;
      ctx.loginGuard.check(req.ip, name);
      const session = await service.login(req.body).catch((e: unknown) => {
        if (e instanceof ProcedureError && e.code === 'bad_credentials') ctx.loginGuard.failed(req.ip, name);
        throw e;
      });
      ctx.loginGuard.succeeded(req.ip, name);
      if (req.headers['x-csrf-token'])
        void reply.setCookie(SESSION_COOKIE, session.token, sessionCookie(req, ctx.config.sessionTtlMinutes));
      return session;
    },
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

  app.delete(
    '/api/session',
    {
      config: { action: 'session.logout' },
      preHandler: csrfUnlessBearer,
      schema: { tags: ['procedure'], summary: 'Log out', response: { 204: { type: 'null' }, ...errors } },
    },
    async (req, reply) => {
      const { actor, token } = await writer(req, reply);
      if (token) await service.logout(token, actor);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
      config: { action: 'procedure.open' },
      preValidation: credentialsRequired,
      preHandler: csrfUnlessBearer,
      bodyLimit: 512 * 1024,
      schema: {
        tags: ['procedure'],
        summary: 'Secretariat: put a draft in blue to a vote by written procedure (deadline 24 h by default)',

        body: {
          type: 'object',
          required: ['draftSymbol', 'title', 'agendaItemId'],
          properties: {
            draftSymbol: { type: 'string', description: 'e.g. S/2020/239' },
            title: { type: 'string' },
            text: { type: 'string' },
            agendaItemId: { type: 'string', description: 'e.g. 2020-23' },
            agendaItemTitleEn: { type: 'string' },
            agendaItemTitleZh: { type: 'string' },
            procedural: { type: 'boolean' },
            parties: { type: 'array', items: { type: 'string' } },
            deadline: { type: 'string', description: 'ISO time, at most 24 hours ahead' },
            presidency: { type: 'string' },
            rehearsal: {
              type: 'boolean',
              description: 'a rehearsal: runs like a real vote, but nothing of it enters the record',
            },
          },
        },
        response: { 201: procedureView, ...errors },
      },
    },
    async (req, reply) => {
      const { actor } = await writer(req, reply);
      return reply.status(201).send(await service.open(actor, req.body));
    },
  );

  app.get(
    '/api/procedures/:id',
    {
      schema: {
        tags: ['procedure'],
        summary: 'A procedure; the tally is shown to delegations and the public only once announced',

        params: idParams,
        response: { 200: procedureView, ...errors },
      },
    },
    async (req) => service.show((await identify(req)).actor, (req.params as { id: string }).id),
  );

  app.post(
    '/api/procedures/:id/votes',
    {
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
      preValidation: credentialsRequired,
      preHandler: csrfUnlessBearer,
      bodyLimit: 4096,
      schema: {
        tags: ['procedure'],
        summary: "Delegation: cast its state's vote once; acknowledged with a receipt after it is committed",

        params: idParams,
        body: {
          type: 'object',
          required: ['vote'],
          properties: {
            vote: { type: 'string', enum: ['Y', 'N', 'A'] },
            state: { type: 'string' },
            sentAt: { type: 'string', description: 'client time; refused if off by more than 5 minutes' },
          },
        },
        response: { 200: receipt, 201: receipt, ...errors },
      },
    },
    async (req, reply) => {
      const { actor } = await writer(req, reply);
      const r = await service.vote(actor, (req.params as { id: string }).id, req.body);
      return reply.status(r.duplicate ? 200 : 201).send(r);
    },
  );

  app.post(
    '/api/procedures/:id/close',
    {
      config: { action: 'procedure.close' },
      preValidation: credentialsRequired,
      preHandler: csrfUnlessBearer,
      schema: {
        tags: ['procedure'],
        summary: 'President: close the vote (before the deadline only when every member has voted)',

        params: idParams,
        response: { 200: procedureView, ...errors },
      },
    },
    async (req, reply) => {
      const { actor } = await writer(req, reply);
      return service.close(actor, (req.params as { id: string }).id);
    },
  );

  app.post(
    '/api/procedures/:id/announce',
    {
      config: { action: 'procedure.announce' },
      preValidation: credentialsRequired,
      preHandler: csrfUnlessBearer,
      bodyLimit: 4096,
      schema: {
        tags: ['procedure'],
        summary:
          'President: announce the outcome at a videoconference; letters are issued and the decision enters the record',

        params: idParams,
        body: {
          type: 'object',
          required: ['format'],
          properties: {
            format: { type: 'string', enum: ['open_vtc', 'closed_vtc'] },
            date: { type: 'string' },
            resolutionSymbol: { type: 'string', description: 'e.g. S/RES/2518 (2020)' },
            outcomeLetterSymbol: { type: 'string', description: 'e.g. S/2020/249' },
            recordLetterSymbol: { type: 'string', description: 'e.g. S/2020/268' },
          },
        },
        response: { 200: procedureView, ...errors },
      },
    },
    async (req, reply) => {
      const { actor } = await writer(req, reply);
      return service.announce(actor, (req.params as { id: string }).id, req.body);
    },
  );
}
