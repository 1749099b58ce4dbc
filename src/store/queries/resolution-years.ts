import type { Db } from '../record.ts';

/**
 * The years of the Council resolutions the record holds with these numbers (number → year), for
 * references written without a year ("第2518号决议"). A number the record does not hold is left out.
 */
export async function resolutionYears(db: Db, numbers: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const wanted = [...new Set(numbers)];
  if (wanted.length === 0) return out;
  const rows = await db
    .selectFrom('decision')
    .select('symbol')
    .where('kind', '=', 'resolution')
    .where((eb) => eb.or(wanted.map((n) => eb('symbol', 'like', `S/RES/${n} (%`))))
    .execute();
  for (const { symbol } of rows) {
    const m = /^S\/RES\/(\d+) \((\d{4})\)$/.exec(symbol ?? '');
    if (m) out.set(Number(m[1]), Number(m[2]));
  }
  return out;
}
