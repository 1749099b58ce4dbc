import type { Db } from '../record.ts';

/** Which of these ids are meetings or decisions in the record, to link a symbol inside the site. */
export async function knownIds(
  db: Db,
  symbols: string[],
): Promise<{ meetings: Set<string>; decisions: Set<string> }> {
  const unique = [...new Set(symbols)];
  if (unique.length === 0) return { meetings: new Set(), decisions: new Set() };
  const [m, d] = await Promise.all([
    db.selectFrom('meeting').select('id').where('id', 'in', unique).execute(),
    db.selectFrom('decision').select('id').where('id', 'in', unique).execute(),
  ]);
  return { meetings: new Set(m.map((r) => r.id)), decisions: new Set(d.map((r) => r.id)) };
}

/** Ids close to one that was not found: same symbol series and year, or sharing its longest number. */
export async function suggestIds(
  db: Db,
  wanted: string,
  table: 'meeting' | 'decision',
  limit = 5,
): Promise<string[]> {
  const numbers = wanted.match(/\d+/g) ?? [];
  const longest = [...numbers].sort((a, b) => b.length - a.length)[0];
  const prefix = wanted.replace(/\d+[^/]*$/, '');
  const found = new Set<string>();
  const idsLike = (pattern: string, n: number) =>
    db.selectFrom(table).select('id').where('id', 'like', pattern).orderBy('id').limit(n).execute();
  // Digits need no escaping in a LIKE pattern.
  if (longest) (await idsLike(`%${longest}%`, limit)).forEach((r) => found.add(r.id));
  if (found.size < limit && prefix.length >= 2)
    (await idsLike(`${prefix.replace(/[\\%_]/g, '')}%`, limit - found.size)).forEach((r) => found.add(r.id));
  return [...found].slice(0, limit);
}
