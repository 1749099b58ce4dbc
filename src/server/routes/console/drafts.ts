import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfToken } from '../../plugins/procedure-auth.ts';
import type { AppContext } from '../../app.ts';
import type { Actor } from '../../../procedure/actors.ts';
import { checkDraftText, DraftError, publishDraft, reviewDraft } from '../../../ingest/repertoire/drafts.ts';
import { InputError } from '../../../ingest/repertoire/input.ts';
import { indexChanges } from '../../../search/indexer.ts';
import type { Store } from '../../../store/db.ts';
import { itemIdsWithVersions, listSectionVersions } from '../../../store/queries/versions.ts';
import { LANGS, type Lang } from '../../web/lang.ts';
import type { View } from '../../web/format.ts';
import { loginPage } from '../../web/pages/console.ts';
import {
  DRAFT_FIELDS,
  draftPage,
  draftsHome,
  draftUrls,
  type DraftRefusal,
  type DraftTyped,
} from '../../web/pages/drafts.ts';
import { errorPage } from '../../web/pages/misc.ts';
import { sendHtml } from '../../web/respond.ts';
import { fields, pageErrorHandler, readInput, viewFor } from '../../web/request.ts';
import { readDraftUpload, registerDraftUpload, uploadedName, uploadRefusal } from '../../web/draft-upload.ts';

/** The most characters a pasted section may have (the longest 2020 section is well under a tenth of it). */
export const MAX_DRAFT_CHARS = 400_000;
const ITEM = /^\d{4}-\d{1,4}$/;
const DONE = ['checked', 'noop', 'published'] as const;

const query = z.object({
  lang: z.enum(LANGS as unknown as [Lang, ...Lang[]]).optional(),
  item: z.string().max(16).optional(),
  done: z.enum(DONE).optional(),
});
const idParam = z.object({ id: z.string().min(1).max(128) });

/** What the console's routes share with these: the reader's view and who is signed in. */
export interface ConsoleHelpers {
  view: (request: FastifyRequest, reply: FastifyReply, lang?: Lang) => View;
  actorOf: (request: FastifyRequest) => Promise<{ actor: Actor }>;
  fields: (request: FastifyRequest, names: string[]) => Record<string, string>;
  csrfProtection: FastifyInstance['csrfProtection'];
}

/** Items that have a section version, newest first, offered in the form's list. */
async function itemsWithSections(store: Store): Promise<string[]> {
  const ids = await itemIdsWithVersions(store.db);
  const key = (id: string) => id.split('-').map(Number) as [number, number];
  return ids.sort((a, b) => key(b)[0] - key(a)[0] || key(a)[1] - key(b)[1]);
}

/** The form's input checked before the text is read: each refusal names its field. */
function refuseForm(v: View, f: DraftTyped): DraftRefusal | null {
  if (!f.item) return { field: 'item', message: v.t('drafts.err.empty') };
  if (!ITEM.test(f.item.trim())) return { field: 'item', message: v.t('drafts.err.itemFormat') };
  if (f.lang && f.lang !== 'zh' && f.lang !== 'en') return { field: 'lang', message: v.t('drafts.err.lang') };
  if (!f.text || f.text.trim() === '') return { field: 'text', message: v.t('drafts.err.empty') };
  if (f.text.length > MAX_DRAFT_CHARS)
    return { field: 'text', message: v.t('drafts.err.tooLarge', { max: MAX_DRAFT_CHARS }) };
  return null;
}

/** A refusal of the draft code, in the reader's language and naming the field it concerns. */
function refusalOf(v: View, e: unknown, item: string): DraftRefusal {
  if (e instanceof InputError) return { field: 'lang', message: v.t('drafts.err.lang') };
  if (e instanceof DraftError && e.code === 'wrong_item') {
    return { field: 'item', message: v.t('drafts.err.wrongItem', { read: e.readItem ?? '?', chosen: item }) };
  }
  if (e instanceof DraftError && e.code === 'unreadable')
    return { field: 'text', message: v.t('drafts.err.unreadable') };
  throw e;
}

/**
 * "Check a draft" for editors (src/server/web/pages/drafts.ts), under the console's sign-in, CSRF and
 * error page; the draft is checked, kept and published by the code `council ingest --draft` and
 * `council section publish` run.
 */
export async function registerDrafts(app: FastifyInstance, store: Store, h: ConsoleHelpers): Promise<void> {
  const hidden = { schema: { hide: true } };
  const protectedForm = { ...hidden, preHandler: h.csrfProtection };
  await registerDraftUpload(app);

  /** The editor signed in, or the page that says why not (sign in first; editors only). */
  async function editor(request: FastifyRequest, reply: FastifyReply, v: View): Promise<Actor | null> {
    const { actor } = await h.actorOf(request);
    if (actor.role === 'editor') return actor;
    if (actor.role === 'public' && !actor.userId)
      void sendHtml(reply, 401, loginPage(v, csrfToken(request, reply), v.t('drafts.editorsOnly')));
    else void sendHtml(reply, 403, errorPage(v, 403, { message: v.t('drafts.editorsOnly') }));
    return null;
  }

  const home = async (
    request: FastifyRequest,
    reply: FastifyReply,
    v: View,
    status: number,
    opts: { item?: string; notice?: string; refusal?: DraftRefusal; typed?: DraftTyped },
  ) => {
    const item = opts.item && ITEM.test(opts.item) ? opts.item : undefined;
    return sendHtml(
      reply,
      status,
      draftsHome(v, csrfToken(request, reply), {
        ...opts,
        items: await itemsWithSections(store),
        ...(item ? { item, versions: await listSectionVersions(store.db, item) } : {}),
      }),
    );
  };

  app.get(draftUrls.home, hidden, async (request, reply) => {
    const q = readInput(query, request.query);
    const v = h.view(request, reply, q.lang);
    if (!(await editor(request, reply, v))) return reply;
    return home(request, reply, v, 200, {
      ...(q.item ? { item: q.item } : {}),
      ...(q.done ? { notice: v.t(`drafts.done.${q.done}`) } : {}),
    });
  });

  app.post(
    draftUrls.home,
    { ...protectedForm, preValidation: readDraftUpload, bodyLimit: 8 * 1024 * 1024 },
    async (request, reply) => {
      const v = h.view(request, reply);
      const actor = await editor(request, reply, v);
      if (!actor) return reply;
      const typed: DraftTyped = h.fields(request, Object.keys(DRAFT_FIELDS));
      const upload = uploadRefusal(request);
      const refused = upload
        ? { field: 'file' as const, message: v.t(upload.key, upload.vars) }
        : refuseForm(v, typed);
      if (refused) return home(request, reply, v, 400, { refusal: refused, typed });
      const item = typed.item!.trim();
      try {
        const r = await checkDraftText(store, typed.text!, uploadedName(request) ?? `web-draft-${item}.txt`, {
          agendaItemId: item,
          by: actor.name,
          ...(typed.lang ? { lang: typed.lang as Lang } : {}),
        });
        return reply.redirect(
          `${draftUrls.version(r.draftId)}?done=${r.outcome === 'noop' ? 'noop' : 'checked'}`,
          303,
        );
      } catch (e) {
        return home(request, reply, v, 400, { refusal: refusalOf(v, e, item), typed });
      }
    },
  );

  app.get('/console/drafts/:id', hidden, async (request, reply) => {
    const q = readInput(query, request.query);
    const v = h.view(request, reply, q.lang);
    if (!(await editor(request, reply, v))) return reply;
    const { id } = readInput(idParam, request.params);
    try {
      const r = await reviewDraft(store, id);
      const notice = q.done ? v.t(`drafts.done.${q.done}`) : undefined;
      return sendHtml(reply, 200, draftPage(v, csrfToken(request, reply), r, notice));
    } catch (e) {
      if (e instanceof DraftError && e.code === 'not_found')
        return sendHtml(reply, 404, errorPage(v, 404, { query: id }));
      throw e;
    }
  });

  app.post('/console/drafts/:id/publish', protectedForm, async (request, reply) => {
    const v = h.view(request, reply);
    const actor = await editor(request, reply, v);
    if (!actor) return reply;
    const { id } = readInput(idParam, request.params);
    try {
      // The units the draft changed are re-indexed in the publish's own transaction (a short write: the
      // other workers' votes wait for SQLite's write lock).
      await publishDraft(store, id, actor.name, indexChanges);
      return reply.redirect(`${draftUrls.version(id)}?done=published`, 303);
    } catch (e) {
      if (!(e instanceof DraftError)) throw e;
      if (e.code === 'not_found') return sendHtml(reply, 404, errorPage(v, 404, { query: id }));
      const r = await reviewDraft(store, id);
      const status = v.t(`drafts.status.${r.version.status}`);
      return sendHtml(
        reply,
        409,
        draftPage(v, csrfToken(request, reply), r, undefined, v.t('drafts.err.notDraft', { status })),
      );
    }
  });
}

/** The drafts pages as a route module: the console's sign-in, CSRF and error page (plugins/procedure-auth.ts). */
export default async function drafts(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.setErrorHandler(pageErrorHandler);
  await registerDrafts(app, ctx.store, {
    view: viewFor,
    actorOf: app.procedureAuth.cookieActor,
    fields,
    csrfProtection: app.csrfProtection,
  });
}
