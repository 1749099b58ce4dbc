import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { checkDate, councilSizeOn, covers, validateTerms, type Term } from '../terms.ts';
import type { MembershipFile } from '../membership.ts';
import type { StatesFile } from '../states.ts';
import { DEFAULT_DIRS, type ReferenceDirs } from './build.ts';
import { ensureReference } from './files.ts';

export interface NewTerms {
  /** ISO3 codes of the members elected for the term (usually the five of one election). */
  states: string[];
  from: string;
  to: string;
  /** What the operator cites: the GA election's press release or record. Required. */
  source: string;
  note?: string;
}

/**
 * Adds elected terms to our curated membership (membership_additions.csv) and rebuilds the reference.
 * Refused, naming the reason, unless each state is a UN member, the term does not overlap another of the
 * same state, a source is cited, no day of the term has more members than seats, and every day of the
 * term's first year has the full Council (15): a term is added with the rest of its election. The
 * recorded membership then runs to the end of the last full year.
 */
export function addElectedTerms(
  input: NewTerms,
  dirs: ReferenceDirs = DEFAULT_DIRS,
): { added: number; recordedTo: string } {
  checkDate(input.from, '--from');
  checkDate(input.to, '--to');
  if (input.to < input.from) throw new Error(`--to ${input.to} is before --from ${input.from}`);
  const source = input.source.trim();
  if (!source)
    throw new Error('--source is required: cite where the election is recorded (e.g. the UN press release)');
  ensureReference(dirs);
  const membership = JSON.parse(readFileSync(join(dirs.out, 'membership.json'), 'utf8')) as MembershipFile;
  const states = JSON.parse(readFileSync(join(dirs.out, 'states.json'), 'utf8')) as StatesFile;
  const members = new Set(states.states.filter((s) => s.kind === 'member').map((s) => s.iso3));
  const codes = input.states.map((s) => s.trim().toUpperCase()).filter(Boolean);
  if (codes.length === 0) throw new Error('name at least one state (ISO3 codes, comma-separated)');
  for (const c of codes)
    if (!members.has(c)) throw new Error(`"${c}" is not the ISO3 code of a UN member state`);
  if (new Set(codes).size !== codes.length) throw new Error('a state is named twice');
  const added: Term[] = codes.map((iso3) => ({
    iso3,
    start: input.from,
    end: input.to,
    seat: 'elected',
    source: `council membership add (${source})`,
  }));
  const terms = [...membership.terms, ...added];
  validateTerms(terms, 1946, 1945); // dates and overlaps; the yearly count is checked day by day below
  // Never more members than seats on any day of the term; and in its first year, when the other half of
  // the elected members is sitting, exactly the full Council: a term comes with the rest of its election.
  const firstYearEnd = `${input.from.slice(0, 4)}-12-31`;
  for (let day = new Date(`${input.from}T00:00:00Z`); ; day.setUTCDate(day.getUTCDate() + 1)) {
    const d = day.toISOString().slice(0, 10);
    if (d > input.to) break;
    const on = terms.filter((t) => covers(t, d));
    const size = councilSizeOn(d);
    if (on.length > size || (d <= firstYearEnd && on.length !== size))
      throw new Error(
        `on ${d} the Council would have ${on.length} members, expected ${size} ` +
          `(${on.map((t) => t.iso3).join(', ')}): add every member elected for the term in one command`,
      );
  }
  const rows = added.map((t) => [t.iso3, t.start, t.end, 'elected', input.note ?? '', source]);
  appendFileSync(join(dirs.curated, 'membership_additions.csv'), stringify(rows));
  ensureReference(dirs);
  const rebuilt = JSON.parse(readFileSync(join(dirs.out, 'membership.json'), 'utf8')) as MembershipFile;
  return { added: added.length, recordedTo: rebuilt.complete.to };
}
