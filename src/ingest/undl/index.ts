import type { Insertable } from 'kysely';
import type { Store } from '../../store/db.ts';
import { tally, upsertSource, type Outcome } from '../../store/record.ts';
import type { SourceTable } from '../../store/tables/core.ts';
import { mergeDecisionOrReport } from '../common/decisions.ts';
import { readHashed, sourceRow, sourceUri } from '../common/file.ts';
import type { ImportReport } from '../common/report.ts';
import { createProgress, type Progress } from '../progress.ts';
import { openInput } from '../common/stream.ts';
import { readUndlVoting, type UndlReadResult } from './parse.ts';

/** A UNDL voting file read and checked: its decisions, the source row it becomes, the rows it could not read. */
export interface UndlInput {
  path: string;
  source: Insertable<SourceTable>;
  read: UndlReadResult;
}

/** Reads (streams) the whole file and checks it; writes nothing. The sha256 is taken as the bytes stream past. */
export async function readUndl(
  pathOrUrl: string,
  options: { progress?: Progress; maxBytes?: number } = {},
): Promise<UndlInput> {
  const progress = options.progress ?? createProgress({ mode: 'silent' });
  const { read, sha256 } = await readHashed(await openInput(pathOrUrl), pathOrUrl, progress, (input, tick) =>
    readUndlVoting(input, pathOrUrl, tick, options.maxBytes),
  );
  const isUrl = /^https?:\/\//i.test(pathOrUrl);
  const name = isUrl
    ? new URL(pathOrUrl).pathname.split('/').pop() || 'voting-data.csv'
    : pathOrUrl.split(/[\\/]/).pop()!;
  const source = sourceRow({
    id: `undl:${name}`,
    kind: 'undl_voting',
    uri: isUrl ? pathOrUrl : sourceUri(pathOrUrl),
    title: 'UN Digital Library: Security Council voting data',
    sha256,
  });
  return { path: pathOrUrl, read, source };
}

/**
 * Writes UN Digital Library voting data: decisions with their totals and every member's vote, the good
 * ones in one transaction. A decision's meeting is linked only when the record already holds that meeting.
 */
export async function writeUndl(
  store: Store,
  { path, source, read }: UndlInput,
  options: { progress?: Progress } = {},
): Promise<ImportReport> {
  const progress = options.progress ?? createProgress({ mode: 'silent' });
  const report: ImportReport = {
    kind: 'undl',
    sources: [],
    meetings: tally([]),
    decisions: tally([]),
    problems: read.problems,
  };
  const out = { meetings: [] as Outcome[], decisions: [] as Outcome[], problems: report.problems };
  progress.start(`import ${source.id}`, read.decisions.length);
  const nothing = new Error('nothing imported');
  await store.db
    .transaction()
    .execute(async (trx) => {
      const sourceOutcome = await upsertSource(trx, source);
      report.sources.push({ id: source.id, path, outcome: sourceOutcome, rows: read.rows });
      for (const d of read.decisions) {
        const meeting = d.meeting
          ? await trx.selectFrom('meeting').select('id').where('id', '=', d.meeting).executeTakeFirst()
          : undefined;
        await mergeDecisionOrReport(
          trx,
          {
            id: d.symbol ?? d.draft!,
            kind: d.symbol ? 'resolution' : 'draft_not_adopted',
            symbol: d.symbol,
            draft_symbol: d.draft,
            meeting_id: meeting?.id ?? null,
            date: d.date,
            modality: d.modality,
            adopted: d.symbol ? 1 : 0,
            vote_for: d.totals.yes,
            vote_against: d.totals.no,
            vote_abstaining: d.totals.abstentions,
            vote_absent: d.totals.nonVoting,
            title: d.description,
          },
          { sourceId: source.id, locator: `undl_id ${d.undlId}` },
          d.votes,
          out,
          { file: path, line: d.line },
          'imported',
        );
        progress.tick();
      }
      // A file from which no decision could be imported leaves no trace: no source row either.
      if (out.decisions.length === 0) {
        report.sources = [];
        throw nothing;
      }
    })
    .catch((e: unknown) => {
      if (e !== nothing) throw e;
      report.problems.push({
        file: path,
        locator: 'file',
        message: `no decision could be imported from ${path}; no source recorded`,
        severity: 'error',
      });
    });
  progress.stop();
  report.decisions = tally(out.decisions);
  return report;
}

/** Imports UN Digital Library voting data (a file or an http(s) URL): read and checked first, then written. */
export async function importUndlVoting(
  store: Store,
  pathOrUrl: string,
  options: { progress?: Progress; maxBytes?: number } = {},
): Promise<ImportReport> {
  return writeUndl(store, await readUndl(pathOrUrl, options), options);
}
