import { sql, type RawBuilder } from 'kysely';

/** A LIKE pattern matching the words anywhere, with %, _ and \ in them taken literally. */
export function likePattern(q: string): RawBuilder<string> {
  const pat = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<string>`${pat} escape '\\'`;
}
