import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { View } from './format.ts';
import { resolveLang, translator, type Lang } from './lang.ts';
import { errorPage } from './pages/misc.ts';
import { sendHtml } from './respond.ts';
import { BadRequest } from './errors.ts';

/** What the page routes (routes/pages.ts, routes/console.ts and its drafts) read from a request. */

/** The language for this request, falling back to the cookie when the query string itself is bad. */
export function viewFor(request: FastifyRequest, reply: FastifyReply, lang?: Lang): View {
  const l = resolveLang(request, reply, lang);
  return { lang: l, t: translator(l), url: request.url };
}

/** A query string or path read by its schema; the first problem is a 400 page naming the parameter. */
export function readInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new BadRequest(`${issue.path.map(String).join('.') || 'query'}: ${issue.message}`);
}

const form = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

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

/** Errors on a page route become a page: 400 for what cannot be read, the refusal's own status, else 500. */
export function pageErrorHandler(
  error: Error & { statusCode?: number },
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const v = viewFor(request, reply, undefined);
  if (error instanceof BadRequest || error.statusCode === 400) {
    return sendHtml(reply, 400, errorPage(v, 400, { message: error.message }));
  }
  // A refused form (expired CSRF token, too many logins) keeps its status and says why.
  if (error.statusCode && error.statusCode >= 401 && error.statusCode < 500) {
    return sendHtml(reply, error.statusCode, errorPage(v, 403, { message: error.message }));
  }
  request.log.error(error);
  return sendHtml(reply, 500, errorPage(v, 500));
}
