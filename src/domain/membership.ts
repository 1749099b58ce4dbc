import { readReferenceFile, referenceFile } from './reference/files.ts';
import { checkDate, covers, type Term } from './terms.ts';

export {
  COUNCIL_SIZE,
  ENLARGEMENT_DATE,
  checkDate,
  councilSizeOn,
  validateTerms,
  type Term,
} from './terms.ts';

export interface MembershipFile {
  /** Dates for which the full membership (every elected seat) is recorded. */
  complete: { from: string; to: string };
  terms: Term[];
}

/** The built membership.json (src/domain/reference/): built from ../shared/reference at first use. */
export const MEMBERSHIP_FILE = 'membership.json';
/** The permanent seats as the Charter names them today; before 24 December 1991 the USSR (SUN) held RUS's. */
export const PERMANENT_MEMBERS = ['CHN', 'FRA', 'GBR', 'RUS', 'USA'] as const;

let cache: MembershipFile | undefined;

function load(): MembershipFile {
  if (cache) return cache;
  cache = readReferenceFile<MembershipFile>(referenceFile(MEMBERSHIP_FILE));
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

/** The permanent members on a date: the USSR (SUN) until 23 December 1991, the Russian Federation since. */
export function permanentOn(date: string): string[] {
  checkDate(date, 'permanentOn');
  return load()
    .terms.filter((t) => t.seat === 'permanent' && covers(t, date))
    .map((t) => t.iso3)
    .sort();
}
