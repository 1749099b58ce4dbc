import { parseIsoDate } from './dates.ts';

export interface Term {
  iso3: string;
  /** First day of the term, YYYY-MM-DD. */
  start: string;
  /** Last day of the term (inclusive), or null for a seat that continues. */
  end: string | null;
  seat: 'permanent' | 'elected';
  note?: string;
  /** Where the term was read from: "file:line" (several joined by " ; " when sources agree). */
  source: string;
  /** What the row itself cites (the 1946–1991 file's `source` column: URLs of the lists it was checked on). */
  evidence?: string;
  /** The row rests on one source only (marked "[ONLY 1 SOURCE FOUND]" in its file). */
  singleSource?: boolean;
}

/** The Council's size: 11 members until the 1963 amendment of Art. 23 took effect in the 1966 Council. */
export const COUNCIL_SIZE = 15;
export const ENLARGEMENT_DATE = '1966-01-01';

/** Members the Council had on a date: 11 before 1 January 1966, 15 since (Art. 23 as amended in 1963). */
export function councilSizeOn(date: string): number {
  return date < ENLARGEMENT_DATE ? 11 : COUNCIL_SIZE;
}

/** Checks a YYYY-MM-DD calendar date; an impossible one (2020-02-30) is an error naming the value. */
export function checkDate(date: string, where = 'date'): string {
  return parseIsoDate(date, where);
}

export function covers(t: Term, date: string): boolean {
  return t.start <= date && (t.end === null || date <= t.end);
}

function span(t: Term): string {
  return `${t.start}..${t.end ?? 'present'} (${t.source})`;
}

/**
 * Fails on a term list that cannot be right: bad dates, a state with two overlapping terms, or a 1 July
 * in [fromYear, toYear] on which the Council does not have the members it had then (11 to 1965, 15 since).
 */
export function validateTerms(terms: Term[], fromYear: number, toYear: number): void {
  const byState = new Map<string, Term[]>();
  for (const t of terms) {
    checkDate(t.start, `${t.source} start`);
    if (t.end !== null) checkDate(t.end, `${t.source} end`);
    if (t.end !== null && t.end < t.start)
      throw new Error(`${t.source}: ${t.iso3} term ends (${t.end}) before it starts (${t.start})`);
    const list = byState.get(t.iso3) ?? [];
    list.push(t);
    byState.set(t.iso3, list);
  }
  for (const [iso3, list] of byState) {
    list.sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (prev.end === null || prev.end >= cur.start) {
        throw new Error(`overlapping Council terms for ${iso3}: ${span(prev)} and ${span(cur)}`);
      }
    }
  }
  for (let year = fromYear; year <= toYear; year++) {
    const day = `${year}-07-01`;
    const on = terms.filter((t) => covers(t, day));
    const expected = councilSizeOn(day);
    if (on.length !== expected) {
      const list = on.map((t) => `${t.iso3} ${span(t)}`).join('; ');
      throw new Error(`the Council has ${on.length} members on ${day}, expected ${expected}: ${list}`);
    }
  }
}
