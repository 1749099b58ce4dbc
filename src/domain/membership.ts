import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REFERENCE_DIR } from '../config/paths.ts';
import { parseIsoDate } from './dates.ts';

export interface Term {
  iso3: string;
  /** First day of the term, YYYY-MM-DD. */
  start: string;
  /** Last day of the term (inclusive), or null for a seat that continues. */
  end: string | null;
  seat: 'permanent' | 'elected';
  note?: string;
  /** Where the term was read from: "file:line". */
  source: string;
}

export interface MembershipFile {
  /** Dates for which the full membership (every elected seat) is recorded. */
  complete: { from: string; to: string };
  terms: Term[];
}

export const MEMBERSHIP_FILE = resolve(REFERENCE_DIR, 'membership.json');
export const PERMANENT_MEMBERS = ['CHN', 'FRA', 'GBR', 'RUS', 'USA'] as const;
export const COUNCIL_SIZE = 15;

/** Checks a YYYY-MM-DD calendar date; an impossible one (2020-02-30) is an error naming the value. */
export function checkDate(date: string, where = 'date'): string {
  return parseIsoDate(date, where);
}

function covers(t: Term, date: string): boolean {
  return t.start <= date && (t.end === null || date <= t.end);
}

function span(t: Term): string {
  return `${t.start}..${t.end ?? 'present'} (${t.source})`;
}

/**
 * Fails on a term list that cannot be right: bad dates, a state with two overlapping terms, or a 1 July
 * in [fromYear, toYear] on which the Council does not have exactly 15 members.
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
    if (on.length !== COUNCIL_SIZE) {
      const list = on.map((t) => `${t.iso3} ${span(t)}`).join('; ');
      throw new Error(`the Council has ${on.length} members on ${day}, expected ${COUNCIL_SIZE}: ${list}`);
    }
  }
}

let cache: MembershipFile | undefined;

function load(): MembershipFile {
  if (cache) return cache;
  try {
    cache = JSON.parse(readFileSync(MEMBERSHIP_FILE, 'utf8')) as MembershipFile;
  } catch (err) {
    throw new Error(`cannot read ${MEMBERSHIP_FILE} (run \`npm run reference\`): ${(err as Error).message}`, {
      cause: err,
    });
  }
  return cache;
}

/** The first and last dates on which membersOn can answer. */
export function membershipCoverage(): { from: string; to: string } {
  return load().complete;
}

/** ISO3 codes of the Council's members on a date, sorted; outside the recorded period, an error. */
export function membersOn(date: string): string[] {
  checkDate(date, 'membersOn');
  const { complete, terms } = load();
  if (date < complete.from || date > complete.to) {
    throw new Error(
      `membersOn: "${date}" is outside the recorded membership (${complete.from} to ${complete.to})`,
    );
  }
  return terms
    .filter((t) => covers(t, date))
    .map((t) => t.iso3)
    .sort();
}

export function isMemberOn(iso3: string, date: string): boolean {
  checkDate(date, 'isMemberOn');
  const { complete, terms } = load();
  const mine = terms.filter((t) => t.iso3 === iso3);
  if (mine.some((t) => covers(t, date))) return true;
  if (date < complete.from || date > complete.to) {
    throw new Error(
      `isMemberOn: elected membership on "${date}" is not recorded (${complete.from} to ${complete.to})`,
    );
  }
  return false;
}

/** True for the five permanent members (and the USSR, whose seat the Russian Federation continues). */
export function isPermanent(iso3: string): boolean {
  return load().terms.some((t) => t.iso3 === iso3 && t.seat === 'permanent');
}

export function termsOf(iso3: string): Term[] {
  return load()
    .terms.filter((t) => t.iso3 === iso3)
    .sort((a, b) => a.start.localeCompare(b.start));
}
