/** Conditions on several columns at once (`table.column` or `column`), as the lists and lookups use them. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** Any of the columns holds the value. */
export function anyEquals(columns: string[], value: string): RawBuilder<SqlBool> {
  const equals = (column: string) => sql<SqlBool>`${sql.ref(column)} = ${value}`;
  return sql<SqlBool>`(${sql.join(columns.map(equals), sql` or `)})`;
}

/** Any of the columns (`table.column`) contains the words, with %, _ and \ in them taken literally (LIKE). */
export function anyContains(columns: string[], words: string): RawBuilder<SqlBool> {
  const pat = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = (column: string) => sql<SqlBool>`${sql.ref(column)} like ${pat} escape '\\'`;
  return sql<SqlBool>`(${sql.join(columns.map(like), sql` or `)})`;
}
