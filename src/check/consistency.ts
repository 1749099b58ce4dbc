import { isMemberOn, membershipCoverage } from '../domain/membership.ts';
import type { Store } from '../store/db.ts';

export interface ConflictReport {
  entityType: string;
  entityId: string;
  field: string;
  values: { value: string; source: string; locator: string }[];
}

export interface ConsistencyReport {
  year: number | null;
  conflicts: ConflictReport[];
  /** Records that no source stands behind. */
  withoutProvenance: { entityType: string; id: string }[];
  /** Decisions whose totals disagree with the per-member votes recorded for them. */
  voteTotals: {
    decision: string;
    field: string;
    total: number | null;
    counted: number;
    votes: number;
    message: string;
  }[];
  /** Votes by a state that was not a Council member on the decision's date. */
  outsideTerm: { decision: string; date: string; state: string; vote: string }[];
  /** Votes whose date is outside the recorded membership, so their members could not be checked. */
  uncheckedVotes: number;
  /**
   * Numbers missing from the sequences the record holds (resolutions, meeting records, each year's
   * presidential statements): what the sources leave out, reported and never filled in. Not a failure.
   */
  gaps: Gap[];
  ok: boolean;
}

export interface Gap {
  /** "resolutions" (S/RES/n), "meeting records" (S/PV.n), "presidential statements 2020" (S/PRST/2020/n). */
  series: string;
  /** The missing numbers, as ranges [from, to] (equal for one number). */
  missing: [number, number][];
  /** How many numbers that is. */
  count: number;
}

/** Numbers absent between the first and the last held, as ranges. */
export function missingRanges(held: Iterable<number>): [number, number][] {
  const sorted = [...new Set(held)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1]!, sorted[i]!];
    if (b > a + 1) out.push([a + 1, b - 1]);
  }
  return out;
}

/**
 * The gaps of the numbered series. With a year, a gap counts when a number next to it is dated in that
 * year (resolution 666 (1990) lies between 665 and 667, both of 1990); resolutions start at 1 and meeting
 * records at S/PV.1, so numbers missing before the first held count too.
 */
async function findGaps(store: Store, year: number | null): Promise<Gap[]> {
  const db = store.db;
  const series = new Map<string, Map<number, string>>();
  const add = (name: string, n: number, date: string | null) => {
    const m = series.get(name) ?? new Map<number, string>();
    if (!m.has(n)) m.set(n, date ?? '');
    series.set(name, m);
  };
  for (const d of await db.selectFrom('decision').select(['symbol', 'date']).execute()) {
    const res = d.symbol ? /^S\/RES\/(\d+) \(\d{4}\)$/.exec(d.symbol) : null;
    if (res) add('resolutions', Number(res[1]), d.date);
    const prst = d.symbol ? /^S\/PRST\/(\d{4})\/(\d+)$/.exec(d.symbol) : null;
    if (prst) add(`presidential statements ${prst[1]}`, Number(prst[2]), d.date);
  }
  for (const m of await db.selectFrom('meeting').select(['record_symbol', 'date']).execute()) {
    const pv = m.record_symbol ? /^S\/PV\.(\d+)/.exec(m.record_symbol) : null;
    if (pv) add('meeting records', Number(pv[1]), m.date);
  }
  const gaps: Gap[] = [];
  for (const [name, held] of [...series].sort(([a], [b]) => a.localeCompare(b))) {
    const numbers = [...held.keys()];
    const first = Math.min(...numbers);
    const ranges = missingRanges(first > 1 ? [0, ...numbers] : numbers);
    const inYear = (r: [number, number]) =>
      year === null || [held.get(r[0] - 1), held.get(r[1] + 1)].some((d) => d?.startsWith(`${year}-`));
    const missing = ranges.filter(inYear);
    if (missing.length > 0)
      gaps.push({ series: name, missing, count: missing.reduce((n, [a, b]) => n + b - a + 1, 0) });
  }
  return gaps;
}

const ENTITIES = [
  { type: 'meeting', table: 'meeting', key: 'id', date: 'date' },
  { type: 'decision', table: 'decision', key: 'id', date: 'date' },
  { type: 'agenda_item', table: 'agenda_item', key: 'id', date: null },
  { type: 'document', table: 'document', key: 'symbol', date: 'date' },
] as const;

function inYear(date: string | null | undefined, year: number | null): boolean {
  return year === null || (typeof date === 'string' && date.startsWith(`${year}-`));
}

/** Cross-source consistency of the record (read-only): what `council check` prints. */
export async function checkRecord(store: Store, year: number | null = null): Promise<ConsistencyReport> {
  const db = store.db;
  const dates = new Map<string, string | null>();
  for (const m of await db.selectFrom('meeting').select(['id', 'date']).execute())
    dates.set(`meeting:${m.id}`, m.date);
  for (const d of await db.selectFrom('decision').select(['id', 'date']).execute())
    dates.set(`decision:${d.id}`, d.date);
  const yearOfAgendaItem = (id: string) => Number(id.slice(0, 4));

  const conflicts = new Map<string, ConflictReport>();
  for (const c of await db
    .selectFrom('conflict')
    .selectAll()
    .orderBy('entity_id')
    .orderBy('field')
    .execute()) {
    const date =
      c.entity_type === 'agenda_item'
        ? `${yearOfAgendaItem(c.entity_id)}-`
        : dates.get(`${c.entity_type}:${c.entity_id}`);
    if (!inYear(date, year)) continue;
    const key = `${c.entity_type}\u0000${c.entity_id}\u0000${c.field}`;
    const entry = conflicts.get(key) ?? {
      entityType: c.entity_type,
      entityId: c.entity_id,
      field: c.field,
      values: [],
    };
    entry.values.push({ value: c.value, source: c.source_id, locator: c.locator });
    conflicts.set(key, entry);
  }

  const provenanced = new Set(
    (await db.selectFrom('provenance').select(['entity_type', 'entity_id']).execute()).map(
      (p) => `${p.entity_type}:${p.entity_id}`,
    ),
  );
  const withoutProvenance: ConsistencyReport['withoutProvenance'] = [];
  for (const e of ENTITIES) {
    const rows = (await db
      .selectFrom(e.table)
      .select(e.date ? [`${e.key} as key`, `${e.date} as date`] : [`${e.key} as key`, `year as date`])
      .execute()) as unknown as { key: string; date: string | number | null }[];
    for (const r of rows) {
      const date = typeof r.date === 'number' ? `${r.date}-` : r.date;
      if (!provenanced.has(`${e.type}:${r.key}`) && inYear(date, year))
        withoutProvenance.push({ entityType: e.type, id: r.key });
    }
  }

  const decisions = await db
    .selectFrom('decision')
    .select(['id', 'date', 'vote_for', 'vote_against', 'vote_abstaining', 'vote_absent', 'vetoed_by'])
    .execute();
  const votes = await db.selectFrom('vote').selectAll().execute();
  const byDecision = new Map<string, { state: string; vote: string }[]>();
  for (const v of votes) byDecision.set(v.decision_id, [...(byDecision.get(v.decision_id) ?? []), v]);
  const voteTotals: ConsistencyReport['voteTotals'] = [];
  const outsideTerm: ConsistencyReport['outsideTerm'] = [];
  let uncheckedVotes = 0;
  const coverage = membershipCoverage();
  for (const d of decisions) {
    if (!inYear(d.date, year)) continue;
    const list = byDecision.get(d.id) ?? [];
    if (list.length > 0) {
      // A full list (every member) must match each total; a partial one (a veto list) must not exceed it.
      const complete = list.length >= 15;
      const checks: [string, number | null, string][] = [
        ['vote_for', d.vote_for, 'Y'],
        ['vote_against', d.vote_against, 'N'],
        ['vote_abstaining', d.vote_abstaining, 'A'],
        ['vote_absent', d.vote_absent, 'X'],
      ];
      for (const [field, total, code] of checks) {
        const counted = list.filter((v) => v.vote === code).length;
        if (total === null) continue;
        if (complete ? counted !== total : counted > total) {
          voteTotals.push({
            decision: d.id,
            field,
            total,
            counted,
            votes: list.length,
            message: `${field} is ${total} but ${counted} member vote(s) "${code}" are recorded (${complete ? 'full' : 'partial'} list of ${list.length})`,
          });
        }
      }
      const vetoedBy = d.vetoed_by ? (JSON.parse(d.vetoed_by) as string[]) : [];
      for (const s of vetoedBy) {
        const v = list.find((x) => x.state === s);
        if (v && v.vote !== 'N')
          voteTotals.push({
            decision: d.id,
            field: 'vetoed_by',
            total: null,
            counted: 0,
            votes: list.length,
            message: `vetoed by ${s} but ${s}'s vote is ${v.vote}`,
          });
      }
    }
    for (const v of list) {
      if (!d.date || d.date < coverage.from || d.date > coverage.to) {
        uncheckedVotes += 1;
        continue;
      }
      if (!isMemberOn(v.state, d.date))
        outsideTerm.push({ decision: d.id, date: d.date, state: v.state, vote: v.vote });
    }
  }
  const report = {
    year,
    conflicts: [...conflicts.values()],
    withoutProvenance,
    voteTotals,
    outsideTerm,
    uncheckedVotes,
    gaps: await findGaps(store, year),
    ok: false,
  };
  report.ok =
    report.conflicts.length === 0 &&
    withoutProvenance.length === 0 &&
    voteTotals.length === 0 &&
    outsideTerm.length === 0;
  return report;
}

export function formatConsistencyReport(r: ConsistencyReport): string {
  const out: string[] = [`Consistency of the record${r.year ? ` for ${r.year}` : ''}`];
  out.push(`Conflicts between sources: ${r.conflicts.length}`);
  for (const c of r.conflicts) {
    out.push(`  ${c.entityType} ${c.entityId} ${c.field}:`);
    for (const v of c.values) out.push(`    "${v.value}" — ${v.source} (${v.locator})`);
  }
  out.push(`Records with no provenance: ${r.withoutProvenance.length}`);
  for (const w of r.withoutProvenance.slice(0, 50)) out.push(`  ${w.entityType} ${w.id}`);
  if (r.withoutProvenance.length > 50)
    out.push(`  … and ${r.withoutProvenance.length - 50} more (see --json)`);
  out.push(`Vote totals disagreeing with per-member votes: ${r.voteTotals.length}`);
  for (const v of r.voteTotals) out.push(`  ${v.decision}: ${v.message}`);
  out.push(`Votes by states outside their Council term: ${r.outsideTerm.length}`);
  for (const v of r.outsideTerm) out.push(`  ${v.decision} (${v.date}): ${v.state} voted ${v.vote}`);
  if (r.uncheckedVotes > 0)
    out.push(`(${r.uncheckedVotes} vote(s) fall outside the recorded membership and were not checked)`);
  const range = ([a, b]: [number, number]) => (a === b ? `${a}` : `${a}-${b}`);
  out.push(`Gaps in numbered series (missing from the sources, not filled in): ${r.gaps.length}`);
  for (const g of r.gaps) {
    const shown = g.missing.slice(0, 30).map(range).join(', ');
    out.push(`  ${g.series}: ${g.count} missing: ${shown}${g.missing.length > 30 ? ', … (see --json)' : ''}`);
  }
  return `${out.join('\n')}\n`;
}
