import { basename } from 'node:path';
import { membersOn, membershipCoverage } from '../../domain/membership.ts';
import { ValidationError } from '../../domain/model.ts';
import type { Store } from '../../store/db.ts';
import {
  addConflict,
  mergeDecision,
  tally,
  upsertSource,
  type Db,
  type Outcome,
} from '../../store/record.ts';
import type { DecisionTable } from '../../store/tables/core.ts';
import type { Insertable } from 'kysely';
import type { SourceTable } from '../../store/tables/core.ts';
import { readHashed, readHead, sourceRow, sourceUri } from '../common/file.ts';
import { addCounts, noWrites, reportLines, type ImportReport, type Problem } from '../common/report.ts';
import { createProgress, type Progress } from '../progress.ts';
import { readUndl, writeUndl, type UndlInput } from '../undl/index.ts';
import { openInput } from '../common/stream.ts';
import { checkBlocks, type RecordDecision } from './check.ts';
import { readVotingSheet, type Refusal, type RefusalReason, type SheetReadResult } from './sheet.ts';

export { type Refusal, type RefusalReason } from './sheet.ts';

/**
 * `council import votes`: per-member votes, matched to the decisions of the meeting tables.
 * Two layouts are read: the per-member voting sheet of the UN's dashboards (sheet.ts → check.ts → here)
 * and the UN Digital Library's voting CSV (the undl importer, reused as it is).
 */
export interface VotesImportReport extends ImportReport {
  /** Vote blocks (drafts put to the vote) read, and how many were matched and written. */
  blocks: { read: number; matched: number };
  /** Member votes written from the source (not those the tally then proves). */
  votesTaken: number;
  /** Blocks whose date is the tables' with day and month swapped: the tables' date kept, the sheet's a conflict. */
  dateSwaps: number;
  /** How many refusals of each reason, and every one of them (also kept for the sources page). */
  refused: { reason: RefusalReason; count: number }[];
  refusals: Refusal[];
}

function firstLine(path: string): string {
  return readHead(path, 4096).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** A refusal (or a warning) as the import report lists it, naming the file and line. */
function problemOf(r: Refusal, file: string, severity: Problem['severity']): Problem {
  return {
    file,
    line: r.line ?? undefined,
    locator: r.locator,
    field: r.reason,
    message: `${r.subject ? `${r.subject}: ` : ''}${r.message}`,
    severity,
  };
}

function summarise(refusals: Refusal[]): VotesImportReport['refused'] {
  const counts = new Map<RefusalReason, number>();
  for (const r of refusals) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}

/** Replaces what the source's last import refused with this run's refusals. */
async function keepRefusals(db: Db, sourceId: string, refusals: Refusal[]): Promise<void> {
  await db.deleteFrom('import_refusal').where('source_id', '=', sourceId).execute();
  for (let i = 0; i < refusals.length; i += 500) {
    await db
      .insertInto('import_refusal')
      .values(
        refusals.slice(i, i + 500).map((r, j) => ({
          source_id: sourceId,
          ordinal: i + j,
          reason: r.reason,
          locator: r.locator,
          line: r.line,
          subject: r.subject,
          message: r.message,
        })),
      )
      .execute();
  }
}

function membersAt(date: string): string[] | undefined {
  const { from, to } = membershipCoverage();
  return date >= from && date <= to ? membersOn(date) : undefined;
}

/** A voting sheet read and checked (dashboard layout): its vote blocks and the source row it becomes. */
export interface SheetInput {
  path: string;
  source: Insertable<SourceTable>;
  read: SheetReadResult;
}

export async function readSheet(path: string, progress: Progress, maxBytes?: number): Promise<SheetInput> {
  const { read, sha256 } = await readHashed(await openInput(path), path, progress, (input, tick) =>
    readVotingSheet(input, path, tick, maxBytes),
  );
  const source = sourceRow({
    id: `votes:${basename(path)}`,
    kind: 'voting_sheet',
    uri: sourceUri(path),
    title: 'Security Council per-member votes 1994–2025 (UN dashboards layout, oliverunv/Voting-Agent)',
    sha256,
  });
  return { path, read, source };
}

/** Matches the sheet's vote blocks to the record's decisions and writes their votes, in one transaction. */
export async function writeSheet(
  store: Store,
  { path, source, read }: SheetInput,
  progress: Progress,
): Promise<VotesImportReport> {
  const report: VotesImportReport = {
    kind: 'votes',
    sources: [],
    meetings: tally([]),
    decisions: tally([]),
    problems: [],
    blocks: { read: read.blocks.length, matched: 0 },
    votesTaken: 0,
    dateSwaps: 0,
    refused: [],
    refusals: [],
  };
  const outcomes: Outcome[] = [];
  await store.db.transaction().execute(async (trx) => {
    const rows = (await trx
      .selectFrom('decision')
      .select([
        'id',
        'kind',
        'symbol',
        'draft_symbol',
        'date',
        'adopted',
        'vote_for',
        'vote_against',
        'vote_abstaining',
        'meeting_id',
      ])
      .execute()) as (RecordDecision & { symbol: string | null; draft_symbol: string | null })[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const byDraft = new Map(rows.filter((r) => r.draft_symbol).map((r) => [r.draft_symbol!, r]));
    const checked = checkBlocks(read.blocks, {
      decision: (b) =>
        b.resolution
          ? byId.get(b.resolution)
          : b.draft
            ? (byId.get(b.draft) ?? byDraft.get(b.draft))
            : undefined,
      members: membersAt,
    });
    const refusals = [...read.refusals, ...checked.refusals];
    const sourceOutcome = await upsertSource(trx, source);
    report.sources.push({ id: source.id, path, outcome: sourceOutcome, rows: read.rows - read.blankRows });
    progress.start(`import ${source.id}`, checked.matched.length);
    for (const m of checked.matched) {
      const d = byId.get(m.decision.id)!;
      const prov = {
        sourceId: source.id,
        locator: `ID ${m.block.id} (lines ${m.block.lines[0]}–${m.block.lines.at(-1)})`,
      };
      try {
        let outcome = await mergeDecision(
          trx,
          {
            id: d.id,
            kind: d.kind as DecisionTable['kind'],
            symbol: d.symbol,
            draft_symbol: d.draft_symbol,
            // The sheet's own date: where it differs from the tables' it becomes a conflict, the tables' stays.
            date: m.sheetDate ?? d.date,
            vote_for: d.vote_for,
            vote_against: d.vote_against,
            vote_abstaining: d.vote_abstaining,
          },
          prov,
          m.votes,
        );
        if (m.otherMeeting) {
          const tables = await trx
            .selectFrom('provenance')
            .select(['source_id', 'locator'])
            .where('entity_type', '=', 'decision')
            .where('entity_id', '=', d.id)
            .where('source_id', '!=', source.id)
            .orderBy('source_id')
            .executeTakeFirst();
          const a = tables
            ? await addConflict(trx, 'decision', d.id, 'meeting_id', d.meeting_id ?? '', {
                sourceId: tables.source_id,
                locator: tables.locator,
              })
            : false;
          const b = await addConflict(trx, 'decision', d.id, 'meeting_id', m.otherMeeting, prov);
          if ((a || b) && outcome === 'noop') outcome = 'update';
        }
        outcomes.push(outcome);
        report.blocks.matched += 1;
        report.votesTaken += m.votes.length;
        if (m.dateSwapped) report.dateSwaps += 1;
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        refusals.push({
          reason: 'tally_mismatch',
          locator: prov.locator,
          line: m.block.lines[0] ?? null,
          subject: d.id,
          message: `${e.message}; votes not taken`,
        });
      }
      progress.tick();
    }
    progress.stop();
    await keepRefusals(trx, source.id, refusals);
    report.refusals = refusals;
    report.refused = summarise(refusals);
    report.problems = [
      ...refusals.map((r) => problemOf(r, path, 'error')),
      ...checked.warnings.map((r) => problemOf(r, path, 'warning')),
    ];
  });
  report.decisions = tally(outcomes);
  return report;
}

/** Each file of `council import votes`, read in the layout its header shows. */
export type VotesInput = ({ layout: 'undl'; input: UndlInput } | { layout: 'sheet'; input: SheetInput })[];

/**
 * Reads every file in the layout its header shows, the dashboard sheet or the UN Digital Library's CSV
 * (streamed by the undl reader); a file that cannot be read stops the import before anything is written.
 */
export async function readVotes(paths: string[], progress: Progress, maxBytes?: number): Promise<VotesInput> {
  const out: VotesInput = [];
  for (const path of paths) {
    const header = /^https?:\/\//i.test(path) ? 'undl_id' : firstLine(path);
    out.push(
      /\bundl_id\b/.test(header)
        ? { layout: 'undl', input: await readUndl(path, { progress, maxBytes }) }
        : { layout: 'sheet', input: await readSheet(path, progress, maxBytes) },
    );
  }
  return out;
}

/** Writes each file read, each in its own transaction. */
export async function writeVotes(
  store: Store,
  input: VotesInput,
  progress: Progress,
): Promise<VotesImportReport[]> {
  const reports: VotesImportReport[] = [];
  for (const file of input) {
    try {
      reports.push(
        file.layout === 'sheet'
          ? await writeSheet(store, file.input, progress)
          : await writeUndlVotes(store, file.input, progress),
      );
    } catch (e) {
      // Each file is its own transaction: say which failed and what was already written before it.
      const done = reports.map((r) => r.sources[0]?.id).filter(Boolean);
      throw new Error(
        `${file.input.path}: ${(e as Error).message}${done.length > 0 ? ` (imported before it: ${done.join(', ')})` : ''}`,
        { cause: e },
      );
    }
  }
  return reports;
}

/** `council import votes PATH...`: per-member votes, matched to the decisions of the meeting tables. */
export async function importVotes(
  store: Store,
  paths: string[],
  options: { progress?: Progress } = {},
): Promise<VotesImportReport[]> {
  const progress = options.progress ?? createProgress({ mode: 'silent' });
  return writeVotes(store, await readVotes(paths, progress), progress);
}

/** Imports the per-member voting sheet (dashboard layout). */
export async function importVotingSheet(
  store: Store,
  path: string,
  options: { progress?: Progress } = {},
): Promise<VotesImportReport> {
  const progress = options.progress ?? createProgress({ mode: 'silent' });
  return writeSheet(store, await readSheet(path, progress), progress);
}

/** A UNDL voting file given to `council import votes`: its rows not read are kept as refusals. */
async function writeUndlVotes(
  store: Store,
  input: UndlInput,
  progress: Progress,
): Promise<VotesImportReport> {
  const r = await writeUndl(store, input, { progress });
  const refusals: Refusal[] = r.problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({
      reason: 'unreadable_row',
      locator: p.locator,
      line: p.line ?? null,
      subject: null,
      message: p.message,
    }));
  await keepRefusals(store.db, r.sources[0]!.id, refusals);
  return {
    ...r,
    kind: 'votes',
    blocks: { read: r.decisions.insert + r.decisions.update + r.decisions.noop, matched: 0 },
    votesTaken: 0,
    dateSwaps: 0,
    refused: summarise(refusals),
    refusals,
  };
}

/** The import of several files as one report: their sources, counts and problems, and each file's details. */
export interface VotesRun extends ImportReport {
  files: Omit<VotesImportReport, 'problems' | 'refusals'>[];
}

export function votesRun(reports: VotesImportReport[]): VotesRun {
  const run: VotesRun = {
    kind: 'votes',
    sources: [],
    meetings: noWrites(),
    decisions: noWrites(),
    problems: [],
    files: [],
  };
  for (const { problems, refusals: _refusals, ...r } of reports) {
    run.sources.push(...r.sources);
    addCounts(run.meetings, r.meetings);
    addCounts(run.decisions, r.decisions);
    run.problems.push(...problems);
    run.files.push(r);
  }
  return run;
}

/** The votes report adds what was matched, the day/month swaps, and a table of what was refused and why. */
export function votesLines(run: VotesRun): string[] {
  return reportLines(
    run,
    ['meetings', 'decisions'],
    run.files.flatMap((r) => [
      `vote blocks: ${r.blocks.read} read, ${r.blocks.matched} matched to a decision; ${r.votesTaken} member votes taken; ` +
        `${r.dateSwaps} dated with day and month swapped (the tables' date kept, the sheet's a conflict)`,
      ...(r.refused.length > 0 ? ['refused        count  reason'] : []),
      ...r.refused.map((x) => `  ${x.reason.padEnd(34)} ${String(x.count).padStart(5)}`),
    ]),
  );
}
