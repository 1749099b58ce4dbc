import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfToken } from '../plugins/procedure-auth.ts';
import { PUBLIC, type Actor } from '../../procedure/actors.ts';
import { ProcedureError } from '../../procedure/errors.ts';
import { LANGS, type Lang } from '../web/lang.ts';
import type { View } from '../web/format.ts';
import {
  consoleHome,
  consoleUrls,
  loginPage,
  OPEN_FIELDS,
  procedurePage,
  type OpenTyped,
} from '../web/pages/console.ts';
import { errorPage } from '../web/pages/misc.ts';
import { refusalText } from '../web/refusals.ts';
import type { LabelKey } from '../web/i18n/en.ts';
import { sendHtml } from '../web/respond.ts';
import { fields, pageErrorHandler, readInput, viewFor as view } from '../web/request.ts';

const DONE = ['opened', 'voted', 'closed', 'announced', 'loggedout'] as const;
const query = z.object({
  lang: z.enum(LANGS as unknown as [Lang, ...Lang[]]).optional(),
  done: z.enum(DONE).optional(),
});
const idParam = z.object({ id: z.string().min(1).max(64) });
/** The fields of the procedure's forms, by the label the reader sees them under (refusals name them so). */
const FORM_FIELDS: Record<string, LabelKey> = {
  ...OPEN_FIELDS,
  vote: 'vote.vote',
  format: 'meeting.format',
  date: 'meeting.date',
  resolutionSymbol: 'procedure.resolutionSymbol',
  outcomeLetterSymbol: 'decision.writtenLetter',
  recordLetterSymbol: 'decision.recordLetter',
};

/** The written-procedure console: forms for the Secretariat, delegations and the President. */
export default async function consolePages(app: FastifyInstance): Promise<void> {
  // The API's service, session cookie, CSRF secret and count of failed logins (plugins/procedure-auth.ts).
  const { service, cookieActor: actorOf } = app.procedureAuth;
  app.setErrorHandler(pageErrorHandler);
  const hidden = { schema: { hide: true } };
  const protectedForm = { ...hidden, preHandler: app.csrfProtection };

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

  app.get(consoleUrls.home, hidden, async (request, reply) => {
    const q = readInput(query, request.query);
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
        await app.procedureAuth.login(request, reply, { name, password: f.password ?? '' }, true);
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
    await app.procedureAuth.logout(reply, actor, token);
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
      return home(request, reply, v, err.statusCode, undefined, refusalText(v, err, FORM_FIELDS), f);
    }
  });

  app.get('/console/procedures/:id', hidden, async (request, reply) => {
    const q = readInput(query, request.query);
    const v = view(request, reply, q.lang);
    const { id } = readInput(idParam, request.params);
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
      const { id } = readInput(idParam, request.params);
      const { actor } = await actorOf(request);
      const f = fields(request, names);
      try {
        await run(actor, id, f);
        return reply.redirect(`${consoleUrls.procedure(id)}?done=${done}`, 303);
      } catch (e) {
        const err = await refused(actor, name, id, e);
        return show(request, reply, v, id, err.statusCode, undefined, refusalText(v, err, FORM_FIELDS));
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
