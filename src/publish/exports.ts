import { stringify } from 'csv-stringify/sync';
import { isPermanent } from '../domain/membership.ts';
import { allBriefings } from '../store/queries/briefers.ts';
import { allDecisions, decisionMeetingIds } from '../store/queries/decisions.ts';
import { meetingsWithItems } from '../store/queries/meetings.ts';
import { sourceIdsByEntity } from '../store/queries/provenance.ts';
import { participantSourceId } from '../store/queries/rows.ts';
import { allVotes, namesOn } from '../store/queries/votes.ts';
import type { Db } from '../store/record.ts';

/**
 * Bulk open-data exports of the record: one flat table per dataset, the same rows as CSV and as JSON.
 * Columns are fixed and documented in docs/open-data.md; a value the record does not hold is empty
 * (CSV) or null (JSON), never guessed.
 */

export const DATASETS = ['meetings', 'decisions', 'votes', 'briefers'] as const;
export type Dataset = (typeof DATASETS)[number];
export type Cell = string | number | null;
export type ExportRow = Record<string, Cell>;

export const COLUMNS: Record<Dataset, readonly string[]> = {
  meetings: [
    'id',
    'date',
    'format',
    'record_symbol',
    'letter_date',
    'agenda_item_id',
    'item_year',
    'item_number',
    'title_zh',
    'title_en',
    'topic',
    'presidency',
    'initiative',
    'chair',
    'notes',
    'decisions',
    'sources',
  ],
  decisions: [
    'id',
    'kind',
    'symbol',
    'draft_symbol',
    'date',
    'meeting_id',
    'agenda_item_id',
    'modality',
    'adopted',
    'vote_for',
    'vote_against',
    'vote_abstaining',
    'vote_absent',
    'written_procedure_letter',
    'record_letter',
    'title',
    'vetoed_by',
    'sources',
  ],
  votes: [
    'decision_id',
    'symbol',
    'date',
    'state',
    'state_name_en',
    'state_name_zh',
    'permanent',
    'vote',
    // What the vote rests on: 'recorded' (by source_id) or 'tally' (proven from the tally and the other votes).
    'basis',
    'source_id',
  ],
  briefers: [
    'meeting_id',
    'date',
    'format',
    'agenda_item_id',
    'ordinal',
    'kind',
    'role_zh',
    'role_en',
    'office',
    'organisation',
    'mission',
    'state',
    'name',
    'gender',
    'source_id',
  ],
};

export const ATTRIBUTION =
  'council-record, from United Nations documents (Repertoire of the Practice of the Security Council; ' +
  'Dag Hammarskjöld Library meeting tables). UN documents and data © United Nations; reuse with attribution.';

function joinList(json: string | null): string | null {
  if (!json) return null;
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) && v.length > 0 ? v.map(String).join('; ') : null;
}

/** A dataset's row in its column order: a column given in `computed` from there, else the stored column. */
function exportRow(dataset: Dataset, stored: object, computed: Record<string, Cell> = {}): ExportRow {
  const columns = stored as Record<string, unknown>;
  return Object.fromEntries(
    COLUMNS[dataset].map((c) => [c, c in computed ? computed[c]! : ((columns[c] ?? null) as Cell)]),
  );
}

async function sourcesBy(db: Db, entityType: 'meeting' | 'decision'): Promise<Map<string, string>> {
  const ids = await sourceIdsByEntity(db, entityType);
  return new Map([...ids].map(([k, v]) => [k, v.join('; ')]));
}

export async function exportRows(db: Db, dataset: Dataset): Promise<ExportRow[]> {
  switch (dataset) {
    case 'meetings': {
      const rows = await meetingsWithItems(db);
      const decisions = await decisionMeetingIds(db);
      const byMeeting = new Map<string, string[]>();
      for (const d of decisions) {
        if (!d.meeting_id) continue;
        byMeeting.set(d.meeting_id, [...(byMeeting.get(d.meeting_id) ?? []), d.id]);
      }
      const sources = await sourcesBy(db, 'meeting');
      return rows.map((r) =>
        exportRow('meetings', r, {
          notes: joinList(r.notes),
          decisions: byMeeting.get(r.id)?.join('; ') ?? null,
          sources: sources.get(r.id) ?? null,
        }),
      );
    }
    case 'decisions': {
      const rows = await allDecisions(db);
      const sources = await sourcesBy(db, 'decision');
      return rows.map((r) =>
        exportRow('decisions', r, {
          vetoed_by: joinList(r.vetoed_by),
          sources: sources.get(r.id) ?? null,
        }),
      );
    }
    case 'votes': {
      const rows = await allVotes(db);
      return rows.map((r) => {
        const names = namesOn(r.state, r.date);
        return {
          decision_id: r.decision_id,
          symbol: r.symbol,
          date: r.date,
          state: r.state,
          // The name of the seat's holder that day: the Republic of China for CHN to 25 October 1971.
          state_name_en: names?.en ?? null,
          state_name_zh: names?.zh ?? null,
          permanent: isPermanent(r.state) ? 1 : 0,
          vote: r.vote,
          basis: r.basis,
          source_id: r.source_id,
        };
      });
    }
    case 'briefers': {
      const rows = await allBriefings(db);
      // Within a meeting, the sources' lists one after the other, each in its own order.
      const key = (r: (typeof rows)[number]) => participantSourceId(r.id) ?? '';
      return rows
        .sort(
          (a, b) =>
            a.date.localeCompare(b.date) ||
            a.meeting_id.localeCompare(b.meeting_id) ||
            key(a).localeCompare(key(b)) ||
            a.ordinal - b.ordinal,
        )
        .map((r) => exportRow('briefers', r, { source_id: participantSourceId(r.id) }));
    }
  }
}

/** CSV with a header line; `bom` prefixes a byte-order mark so spreadsheet programs read the Chinese as UTF-8. */
export function toCsv(dataset: Dataset, rows: ExportRow[], opts: { bom?: boolean } = {}): string {
  const columns = [...COLUMNS[dataset]];
  return stringify(
    rows.map((r) => columns.map((c) => r[c] ?? null)),
    { header: true, columns, bom: opts.bom ?? false },
  );
}

export function toJson(dataset: Dataset, rows: ExportRow[]): string {
  return `${JSON.stringify({ dataset, attribution: ATTRIBUTION, columns: COLUMNS[dataset], count: rows.length, rows }, null, 1)}\n`;
}
