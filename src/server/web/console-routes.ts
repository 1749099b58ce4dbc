import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import type { ServerContext } from '../app.ts';
import { csrfOptions, csrfToken, SESSION_COOKIE } from '../csrf.ts';
import { sessionCookie } from '../routes/30_procedures.ts';
import { PUBLIC, type Actor } from '../../procedure/actors.ts';
import { ProcedureService } from '../../procedure/service.ts';
import { ProcedureError } from '../../procedure/errors.ts';
import { LANGS, resolveLang, translator, type Lang } from './lang.ts';
import type { View } from './format.ts';
import {
  consoleHome,
  consoleUrls,
  loginPage,
  OPEN_FIELDS,
  procedurePage,
  type OpenTyped,
} from './pages/console.ts';
import { errorPage } from './pages/misc.ts';
import { sendHtml } from './respond.ts';
import { BadRequest } from './errors.ts';
import { pageErrorHandler } from './routes.ts';
import { registerDrafts } from './drafts-routes.ts';

const DONE = ['opened', 'voted', 'closed', 'announced', 'loggedout'] as const;
const query = z.object({
  lang: z.enum(LANGS as unknown as [Lang, ...Lang[]]).optional(),
  done: z.enum(DONE).optional(),
});
const idParam = z.object({ id: z.string().min(1).max(64) });
const form = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

function readQuery(request: FastifyRequest): z.infer<typeof query> {
  const r = query.safeParse(request.query ?? {});
  if (!r.success)
    throw new BadRequest(`${r.error.issues[0]!.path.join('.') || 'query'}: ${r.error.issues[0]!.message}`);
  return r.data;
}

/** A form's fields as strings; empty optional fields are left out so the service sees them as absent. */
export function fields(request: FastifyRequest, names: string[]): Record<string, string> {
  const r = form.safeParse(request.body ?? {});
  if (!r.success) throw new BadRequest('form: expected fields sent as application/x-www-form-urlencoded');
  const out: Record<string, string> = {};
  for (const n of names) {
    const value = r.data[n];
    if (Array.isArray(value)) throw new BadRequest(`form: field ${n} was sent more than once`);
    if (value !== undefined && value.trim() !== '') out[n] = value;
  }
  return out;
}

/** Replaces the open form's internal field names in a refusal with the labels of the reader's language. */
function withLabels(v: View, message: string): string {
  return message.replace(
    /\b(draftSymbol|title|agendaItemId|agendaItemTitleEn|agendaItemTitleZh|text|deadline)(?=: |\/|\))|\b(draftSymbol|agendaItemId|agendaItemTitleEn|agendaItemTitleZh)\b/g,
    (name: string) => `«${v.t(OPEN_FIELDS[name as keyof typeof OPEN_FIELDS])}»`,
  );
}

export async function registerConsole(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const service = ProcedureService.configured(ctx.store, ctx.config);
  await app.register(rateLimit, { global: false });
  // The procedure API's options, so one CSRF secret serves both.
  await app.register(csrf, csrfOptions);
  app.setErrorHandler(pageErrorHandler);
  // Refusals of visitors who are not logged in are counted by the service; their counts are written here.
  const flush = () =>
    service
      .flushRefusals()
      .catch((e: unknown) => app.log.error({ err: e }, 'could not record the counted refusals'));
  const flushTimer = setInterval(() => void flush(), 60_000);
  flushTimer.unref();
  app.addHook('onClose', async () => {
    clearInterval(flushTimer);
    await flush();
  });
  const hidden = { schema: { hide: true } };
  const protectedForm = { ...hidden, preHandler: app.csrfProtection };

  const view = (request: FastifyRequest, reply: FastifyReply, lang?: Lang): View => {
    const l = resolveLang(request, reply, lang);
    return { lang: l, t: translator(l), url: request.url };
  };

  async function actorOf(request: FastifyRequest): Promise<{ actor: Actor; token?: string }> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return { actor: PUBLIC };
    try {
      return { actor: await service.authenticate(token), token };
    } catch (e) {
      if (e instanceof ProcedureError) return { actor: PUBLIC };
      throw e;
    }
  }

  /** A refused action is audited like the API's refusals, then shown on the page it came from. */
  async function refused(
    actor: Actor,
    action: string,
    target: string | null,
    e: unknown,
  ): Promise<ProcedureError> {
    if (!(e instanceof ProcedureError)) throw e;
    await service.refuse(actor, action, target, e);
    return e;
  }

  const home = async (
    request: FastifyRequest,
    reply: FastifyReply,
    v: View,
    status = 200,
    notice?: string,
    error?: string,
    typed?: OpenTyped,
  ) => {
    // The public sees the procedures as the API lists them (tallies and letters once announced), and logs in here.
    const { actor } = await actorOf(request);
    return sendHtml(
      reply,
      status,
      consoleHome(v, actor, await service.list(actor), csrfToken(request, reply), notice, error, typed),
    );
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    v: View,
    id: string,
    status = 200,
    notice?: string,
    error?: string,
  ) => {
    const { actor } = await actorOf(request);
    try {
      return sendHtml(
        reply,
        status,
        procedurePage(v, actor, await service.show(actor, id), csrfToken(request, reply), notice, error),
      );
    } catch (e) {
      if (e instanceof ProcedureError && e.code === 'not_found')
        return sendHtml(reply, 404, errorPage(v, 404, { query: id }));
      throw e;
    }
  };

  // Editors' "Check a draft" pages, under the same sign-in, CSRF and error page.
  await registerDrafts(app, ctx.store, { view, actorOf, fields, csrfProtection: app.csrfProtection });

  app.get(consoleUrls.home, hidden, async (request, reply) => {
    const q = readQuery(request);
    const v = view(request, reply, q.lang);
    return home(request, reply, v, 200, q.done ? v.t(`console.done.${q.done}`) : undefined);
  });

  app.post(
    consoleUrls.login,
    {
      ...protectedForm,
    },
    async (request, reply) => {
      const v = view(request, reply);
      const f = fields(request, ['name', 'password']);
      const name = f.name ?? '';
      try {
        // One count of failed logins for the console and the API (src/server/login-guard.ts).
        ctx.loginGuard.check(request.ip, name);
        const session = await service.login({ name, password: f.password ?? '' }).catch((e: unknown) => {
          if (e instanceof ProcedureError && e.code === 'bad_credentials')
            ctx.loginGuard.failed(request.ip, name);
          throw e;
        });
        ctx.loginGuard.succeeded(request.ip, name);
        void reply.setCookie(
          SESSION_COOKIE,
          session.token,
          sessionCookie(request, ctx.config.sessionTtlMinutes),
        );
        return reply.redirect(consoleUrls.home, 303);
      } catch (e) {
        const err = await refused(
          { ...PUBLIC, name: `login attempt as ${String(f.name ?? '').slice(0, 64)}` },
          'session.login',
          null,
          e,
        );
        return sendHtml(
          reply,
          err.statusCode,
          loginPage(v, csrfToken(request, reply), v.t('console.badLogin')),
        );
      }
    },
  );

  app.post(consoleUrls.logout, protectedForm, async (request, reply) => {
    const { actor, token } = await actorOf(request);
    if (token && actor.role !== 'public') await service.logout(token, actor);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`${consoleUrls.home}?done=loggedout`, 303);
  });

  app.post(consoleUrls.open, protectedForm, async (request, reply) => {
    const v = view(request, reply);
    const { actor } = await actorOf(request);
    const f = fields(request, Object.keys(OPEN_FIELDS));
    try {
      const p = await service.open(actor, {
        ...f,
        procedural: f.procedural === 'true',
        rehearsal: f.rehearsal === 'true',
      });
      return reply.redirect(`${consoleUrls.procedure(p.id)}?done=opened`, 303);
    } catch (e) {
      const err = await refused(actor, 'procedure.open', null, e);
      // The form comes back as typed, its fields named as the reader sees them, not by their internal names.
      return home(request, reply, v, err.statusCode, undefined, withLabels(v, err.message), f);
    }
  });

  app.get('/console/procedures/:id', hidden, async (request, reply) => {
    const q = readQuery(request);
    const v = view(request, reply, q.lang);
    const { id } = idParam.parse(request.params);
    return show(request, reply, v, id, 200, q.done ? v.t(`console.done.${q.done}`) : undefined);
  });

  const action =
    (
      name: 'vote' | 'procedure.close' | 'procedure.announce',
      names: string[],
      run: (actor: Actor, id: string, f: Record<string, string>) => Promise<unknown>,
      done: (typeof DONE)[number],
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const v = view(request, reply);
      const { id } = idParam.parse(request.params);
      const { actor } = await actorOf(request);
      const f = fields(request, names);
      try {
        await run(actor, id, f);
        return reply.redirect(`${consoleUrls.procedure(id)}?done=${done}`, 303);
      } catch (e) {
        const err = await refused(actor, name, id, e);
        return show(request, reply, v, id, err.statusCode, undefined, err.message);
      }
    };

  app.post(
    '/console/procedures/:id/vote',
    protectedForm,
    action('vote', ['vote'], (a, id, f) => service.vote(a, id, { vote: f.vote ?? '' }), 'voted'),
  );
  app.post(
    '/console/procedures/:id/close',
    protectedForm,
    action('procedure.close', [], (a, id) => service.close(a, id), 'closed'),
  );
  app.post(
    '/console/procedures/:id/announce',
    protectedForm,
    action(
      'procedure.announce',
      ['format', 'date', 'resolutionSymbol', 'outcomeLetterSymbol', 'recordLetterSymbol'],
      (a, id, f) => service.announce(a, id, f),
      'announced',
    ),
  );
}
