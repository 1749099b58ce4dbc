/**
 * The one report every source's import gives: what it wrote (insert/update/noop per kind of row), the
 * source documents it recorded, and every problem with file, line and field.
 */
import type { Outcome } from '../../store/record.ts';

/** Rows written by an import: new, changed, and the same as already recorded. */
export interface WriteCounts {
  insert: number;
  update: number;
  noop: number;
}

/** A problem with one place in an input file: kept rows go on, the bad ones are listed with this. */
export interface Problem {
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** "table 1 row 14" / "row 12" */
  locator: string;
  field?: string;
  message: string;
  /** 'error': the row was not imported. 'warning': imported, with a caveat. */
  severity: 'error' | 'warning';
}

/** A source document an import recorded: its id in the record, the file or URL, and its data rows. */
export interface SourceEntry {
  id: string;
  path: string;
  outcome: Outcome;
  rows: number;
}

/**
 * An import's report. `C` names the kinds of row it counts (meetings and decisions for a table; meetings,
 * participants and speeches for the letters…); a source adds its own details beside them.
 */
export type ImportReport<C extends string = 'meetings' | 'decisions'> = {
  kind: string;
  sources: SourceEntry[];
  /** Rows not imported (errors) and rows imported with a caveat (warnings), with file, line and field. */
  problems: Problem[];
} & Record<C, WriteCounts>;

export function noWrites(): WriteCounts {
  return { insert: 0, update: 0, noop: 0 };
}

export function addCounts(into: WriteCounts, c: WriteCounts): WriteCounts {
  into.insert += c.insert;
  into.update += c.update;
  into.noop += c.noop;
  return into;
}

/** Whether a report's counts say anything was inserted or updated (search must then catch up). */
export function wroteAnything(report: { [k: string]: unknown }): boolean {
  return Object.values(report).some((v) => isCounts(v) && v.insert + v.update > 0);
}

function isCounts(v: unknown): v is WriteCounts {
  return typeof v === 'object' && v !== null && 'insert' in v && 'update' in v && 'noop' in v;
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''} (${p.locator}${p.field ? `, ${p.field}` : ''}) ${p.severity}: ${p.message}`;
}

/**
 * The report as the CLI prints it: each source, each count, a source's own lines, then the rows not
 * imported and the warnings.
 */
export function reportLines<C extends string>(r: ImportReport<C>, counts: C[], own: string[] = []): string[] {
  const t = (x: WriteCounts) => `${x.insert} insert, ${x.update} update, ${x.noop} noop`;
  const errors = r.problems.filter((p) => p.severity === 'error');
  const warnings = r.problems.filter((p) => p.severity === 'warning');
  return [
    ...r.sources.map((s) => `${s.id}: ${s.rows} rows (source ${s.outcome})`),
    ...counts.map((c) => `${c}: ${t((r as Record<C, WriteCounts>)[c])}`),
    ...own,
    ...(r.problems.length > 0
      ? [`${errors.length} row(s) not imported, ${warnings.length} warning(s):`]
      : []),
    ...r.problems.map((p) => `  ${formatProblem(p)}`),
  ];
}
