import { createHash } from 'node:crypto';
import { ValidationError } from '../../domain/model.ts';
import type { Store } from '../../store/db.ts';
import { mergeDecision, tally, upsertSource, type Outcome } from '../../store/record.ts';
import type { ImportReport } from '../dhl/index.ts';
import { sourceUri } from '../dhl/source-file.ts';
import { createProgress, type Progress } from '../progress.ts';
import { openInput, readUndlVoting } from './parse.ts';

/**
 * Imports UN Digital Library voting data: decisions with their totals and every member's vote. The whole
 * file is read (streamed) and checked first; the good decisions are then written in one transaction.
 * A decision's meeting is linked only when the record already holds that meeting.
 */
export async function importUndlVoting(
  store: Store,
  pathOrUrl: string,
  options: { progress?: Progress; maxBytes?: number } = {},
): Promise<ImportReport> {
  const progress = options.progress ?? createProgress({ mode: 'silent' });
  const input = await openInput(pathOrUrl);
  // The source's sha256 is computed on the bytes as they stream past, not by reading the file twice.
  const digest = createHash('sha256');
  input.on('data', (chunk: Buffer) => digest.update(chunk));
  progress.start(`read ${pathOrUrl}`, null);
  const read = await readUndlVoting(input, pathOrUrl, () => progress.tick(), options.maxBytes);
  progress.stop();
  const isUrl = /^https?:\/\//i.test(pathOrUrl);
  const name = isUrl
    ? new URL(pathOrUrl).pathname.split('/').pop() || 'voting-data.csv'
    : pathOrUrl.split(/[\\/]/).pop()!;
  const source = {
    id: `undl:${name}`,
    kind: 'undl_voting' as const,
    uri: isUrl ? pathOrUrl : sourceUri(pathOrUrl),
    title: 'UN Digital Library: Security Council voting data',
    lang: 'en',
    sha256: digest.digest('hex'),
    imported_at: new Date().toISOString(),
  };
  const report: ImportReport = {
    kind: 'undl',
    sources: [],
    meetings: tally([]),
    decisions: tally([]),
    problems: read.problems,
  };
  const outcomes: Outcome[] = [];
  progress.start(`import ${source.id}`, read.decisions.length);
  const nothing = new Error('nothing imported');
  await store.db
    .transaction()
    .execute(async (trx) => {
      const sourceOutcome = await upsertSource(trx, source);
      report.sources.push({ id: source.id, path: pathOrUrl, outcome: sourceOutcome, rows: read.rows });
      for (const d of read.decisions) {
        const meeting = d.meeting
          ? await trx.selectFrom('meeting').select('id').where('id', '=', d.meeting).executeTakeFirst()
          : undefined;
        try {
          outcomes.push(
            await mergeDecision(
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
            ),
          );
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          report.problems.push({
            file: pathOrUrl,
            line: d.line,
            locator: `undl_id ${d.undlId}`,
            message: `${e.message}; decision not imported`,
            severity: 'error',
          });
        }
        progress.tick();
      }
      // A file from which no decision could be imported leaves no trace: no source row either.
      if (outcomes.length === 0) {
        report.sources = [];
        throw nothing;
      }
    })
    .catch((e: unknown) => {
      if (e !== nothing) throw e;
      report.problems.push({
        file: pathOrUrl,
        locator: 'file',
        message: `no decision could be imported from ${pathOrUrl}; no source recorded`,
        severity: 'error',
      });
    });
  progress.stop();
  report.decisions = tally(outcomes);
  return report;
}
