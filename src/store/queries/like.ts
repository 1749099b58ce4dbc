import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** Any of the columns (`table.column`) contains the words, with %, _ and \ in them taken literally (LIKE). */
export function anyContains(columns: string[], words: string): RawBuilder<SqlBool> {
  const pat = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = (column: string) => sql<SqlBool>`${sql.ref(column)} like ${pat} escape '\\'`;
  return sql<SqlBool>`(${sql.join(columns.map(like), sql` or `)})`;
}
