import type { FastifySchemaCompiler, FastifySchema } from 'fastify';
import { z } from 'zod';
import { parseQuery } from '../store/queries/paging.ts';

/**
 * Routes are described once, by zod schemas: `schema.querystring`, `params` and `body` of a route are the
 * zod schemas that read them. Fastify validates with them (`validatorCompiler`), so a route gets the values
 * zod made (numbers from query strings, defaults), and OpenAPI shows the JSON Schema zod generates from
 * them (`openApiTransform`). Responses keep plain JSON Schemas: they only shape what is sent.
 */

type Part = 'querystring' | 'params' | 'body' | 'headers';
const PARTS: Part[] = ['querystring', 'params', 'body', 'headers'];
const WHERE: Record<Part, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'field',
  headers: 'header',
};

/** A request part that a route's schema refuses: a 400 naming the parameter or field. */
function refused(message: string, field: string): Error {
  return Object.assign(new Error(message), { statusCode: 400, code: 'invalid', field });
}

function isZod(schema: unknown): schema is z.ZodType {
  return schema instanceof z.ZodType;
}

/** The first problem zod found, as one sentence naming where it is (every problem, for a body). */
function refusal(part: Part, error: z.ZodError, value: unknown): Error {
  const issues = part === 'body' ? error.issues : error.issues.slice(0, 1);
  const said = issues.map((issue) => {
    if (issue.code === 'unrecognized_keys')
      return `unknown ${WHERE[part]} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    const field = issue.path.map(String).join('.');
    const given = field ? (value as Record<string, unknown> | null)?.[field] : undefined;
    const shown = part === 'body' || given === undefined ? '' : ` = ${JSON.stringify(given)}`;
    return field ? `${field}${shown}: ${issue.message}` : `${WHERE[part]}s: ${issue.message}`;
  });
  const first = issues[0]!;
  const field = first.code === 'unrecognized_keys' ? String(first.keys[0]) : first.path.map(String).join('.');
  return refused(`invalid ${part === 'body' ? 'body' : WHERE[part]}: ${said.join('; ')}`, field || part);
}

/**
 * Validates a request part with the zod schema the route gave. Query strings are read as the pages read
 * them (`parseQuery`: the same 400 naming the parameter, whether the API or a page is asked).
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  if (!isZod(schema))
    throw new Error(
      `route schema for ${httpPart ?? 'a request part'} must be a zod schema (src/server/json-schema.ts)`,
    );
  const part = (httpPart ?? 'body') as Part;
  return (value: unknown) => {
    if (part === 'querystring') {
      try {
        return { value: parseQuery(schema, value) };
      } catch (e) {
        return { error: e as Error };
      }
    }
    const r = schema.safeParse(value ?? {});
    return r.success ? { value: r.data } : { error: refusal(part, r.error, value) };
  };
};

const cache = new WeakMap<z.ZodType, object>();

/** The JSON Schema (OpenAPI 3.0 flavour) of what a zod schema accepts. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let json = cache.get(schema);
  if (!json) {
    const { $schema: _, ...rest } = z.toJSONSchema(schema, {
      io: 'input',
      target: 'openapi-3.0',
      // A value zod reads with code (a transform) is documented by what it accepts, not refused here.
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    json = rest;
    cache.set(schema, json);
  }
  return json as Record<string, unknown>;
}

/** @fastify/swagger's transform: the zod schemas of a route become the JSON Schemas OpenAPI shows. */
export function openApiTransform({ schema, url }: { schema: FastifySchema; url: string }) {
  if (!schema) return { schema, url };
  const out: Record<string, unknown> = { ...schema };
  for (const part of PARTS) {
    const s = (schema as Record<string, unknown>)[part];
    if (isZod(s)) out[part] = jsonSchemaOf(s);
  }
  return { schema: out as FastifySchema, url };
}

/** The JSON answer of a refusal (4xx/5xx), as the error handler of src/server/app.ts sends it. */
export const errorResponse = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    code: { type: 'string' },
    statusCode: { type: 'integer' },
    suggestions: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** Response schemas for the refusals a route may answer with. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorResponse> {
  return Object.fromEntries(statuses.map((s) => [s, errorResponse]));
}

/**
 * A response object schema from its properties' types: `{ id: 'string', n: 'integer' }`, or a schema
 * where a type is not enough. Nullable: `['string', 'null']` (never coerced to '' or 0).
 */
export function objectOf(
  properties: Record<string, string | readonly string[] | object>,
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'object',
    ...extra,
    properties: Object.fromEntries(
      Object.entries(properties).map(([k, t]) => [
        k,
        typeof t === 'string' || Array.isArray(t) ? { type: t } : t,
      ]),
    ),
  } as const;
}
