import type { SelectQueryBuilder } from 'kysely';
import { z } from 'zod';

/** The largest page any list returns; bulk exports are the way to take everything at once. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export interface PageRequest {
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  pages: number;
}

/** A query string that cannot be read: the API answers 400, the pages a 400 page. */
export class QueryError extends Error {
  /** Read by Fastify's error handlers: a client error, with a code the API reports. */
  readonly statusCode = 400;
  readonly code = 'invalid_query';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

const blank = (x: unknown) => (x === '' ? undefined : x);

export const pagingShape = {
  page: z
    .preprocess(blank, z.coerce.number().int().min(1).max(1_000_000).optional())
    .describe('page number, from 1'),
  pageSize: z
    .preprocess(blank, z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional())
    .describe(`rows per page (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE})`),
};

export function pageWindow(req: PageRequest): { page: number; pageSize: number; offset: number } {
  const page = req.page ?? 1;
  const pageSize = Math.min(req.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (!Number.isInteger(page) || page < 1)
    throw new QueryError(`page must be a whole number from 1, got ${page}`, 'page');
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new QueryError(
      `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`,
      'pageSize',
    );
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function toPage<T>(items: T[], total: number, win: { page: number; pageSize: number }): Page<T> {
  return {
    items,
    page: win.page,
    pageSize: win.pageSize,
    total,
    pages: Math.max(1, Math.ceil(total / win.pageSize)),
  };
}

/**
 * Reads a query-string object with a zod schema; the first problem becomes a QueryError naming the
 * parameter and what was expected, so pages and API report it the same way.
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const known = schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
    throw new QueryError(
      `unknown query parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}` +
        (known.length > 0 ? ` (expected ${known.join(', ')})` : ''),
      issue.keys[0] ?? 'query',
    );
  }
  const field = issue.path.map(String).join('.') || 'query';
  const given = (query as Record<string, unknown> | undefined)?.[field];
  throw new QueryError(
    `invalid query parameter ${field}${given === undefined ? '' : ` = ${JSON.stringify(given)}`}: ${issue.message}`,
    field,
  );
}

/**
 * A filtered query's total and one window of its rows: `rowsOf` selects and orders the same filtered
 * query, so the count and the page never disagree on the filter.
 */
export async function fetchPage<DB, TB extends keyof DB, R>(
  base: SelectQueryBuilder<DB, TB, object>,
  win: { pageSize: number; offset: number },
  rowsOf: (q: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, R>,
): Promise<{ rows: R[]; total: number }> {
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await rowsOf(base).limit(win.pageSize).offset(win.offset).execute();
  // Generic over the table, the compiler cannot see the alias through Kysely's types; it is there.
  return { rows, total: Number((count as { n: number | string | bigint }).n) };
}
