import { createHash } from 'node:crypto';
import type { Db } from '../store/record.ts';
import {
  decisionId,
  meetingId,
  mergeAgendaItem,
  mergeDecision,
  mergeDocument,
  mergeMeeting,
  upsertSource,
} from '../store/record.ts';
import type { ProcedureTable } from '../store/tables/procedure.ts';
import type { Ballot, Outcome } from '../domain/article27.ts';
import { ProcedureError } from './errors.ts';
import type { Letter } from './letters.ts';
import type { AnnounceInput, OpenInput } from './schemas.ts';

/** The decision of a written procedure enters the record through the same merge functions as any import. */

const sourceId = (procedureId: string) => `procedure:${procedureId}`;

async function ensureSource(trx: Db, procedureId: string, at: string, content: string): Promise<void> {
  await upsertSource(trx, {
    id: sourceId(procedureId),
    kind: 'procedure',
    uri: `council-record:procedure/${procedureId}`,
    title: `Written procedure ${procedureId}`,
    lang: null,
    sha256: createHash('sha256').update(content).digest('hex'),
    imported_at: at,
  });
}

/** The agenda item must exist, or be created from the titles given when opening. */
export async function ensureAgendaItem(
  trx: Db,
  procedureId: string,
  p: OpenInput,
  at: string,
): Promise<void> {
  const found = await trx
    .selectFrom('agenda_item')
    .select(['id', 'year'])
    .where('id', '=', p.agendaItemId)
    .executeTakeFirst();
  const year = Number(at.slice(0, 4));
  // The record is kept by year (the Repertoire's sections, the statistics): a procedure of one year
  // under an item of another would put its decision in the wrong year's record.
  if (found && found.year !== year) {
    throw new ProcedureError(
      'invalid',
      `agenda item "${p.agendaItemId}" is an item of ${found.year}, but this procedure is of ${year}: ` +
        `attach it to an item of ${year}. To add one, give a new id (such as ` +
        `${year}-${p.agendaItemId.replace(/^\d{4}-/, '')}) with its title in English and Chinese`,
      {
        key: 'itemOfOtherYear',
        vars: {
          item: p.agendaItemId,
          itemYear: found.year,
          year,
          newId: `${year}-${p.agendaItemId.replace(/^\d{4}-/, '')}`,
        },
      },
    );
  }
  if (found) return;
  if (!p.agendaItemTitleEn && !p.agendaItemTitleZh) {
    throw new ProcedureError(
      'unknown_agenda_item',
      `agenda item "${p.agendaItemId}" is not in the record: give its title (agendaItemTitleEn, agendaItemTitleZh) to add it`,
      {
        key: 'unknownItem',
        vars: {
          item: p.agendaItemId,
          fields: [{ field: 'agendaItemTitleEn' }, { field: 'agendaItemTitleZh' }],
        },
      },
    );
  }
  await ensureSource(trx, procedureId, at, JSON.stringify(p));
  await mergeAgendaItem(
    trx,
    {
      id: p.agendaItemId,
      year,
      number: null,
      title_en: p.agendaItemTitleEn ?? null,
      title_zh: p.agendaItemTitleZh ?? null,
      category: 'other',
    },
    { sourceId: sourceId(procedureId), locator: 'opening of the procedure' },
  );
}

/** A rehearsal's agenda item: one already in the record (a rehearsal adds nothing to it). */
export async function requireAgendaItem(trx: Db, id: string): Promise<void> {
  const found = await trx.selectFrom('agenda_item').select('id').where('id', '=', id).executeTakeFirst();
  if (!found)
    throw new ProcedureError(
      'unknown_agenda_item',
      `agenda item "${id}" is not in the record: a rehearsal adds nothing to the record, so it uses an item already there (such as 2020-23)`,
      { key: 'rehearsalItem', vars: { item: id } },
    );
}

export async function agendaTitles(trx: Db, id: string): Promise<{ en: string | null; zh: string | null }> {
  const item = await trx
    .selectFrom('agenda_item')
    .select(['title_en', 'title_zh'])
    .where('id', '=', id)
    .executeTakeFirst();
  return { en: item?.title_en ?? null, zh: item?.title_zh ?? null };
}

export interface EntryInput {
  proc: ProcedureTable;
  outcome: Outcome;
  ballots: Ballot[];
  announcedOn: string;
  at: string;
  input: AnnounceInput;
  letters: { outcome: Letter; votingDetails: Letter };
}

/** Records the announcing videoconference, the letters and the decision with each member's vote. */
export async function enterIntoRecord(
  trx: Db,
  e: EntryInput,
): Promise<{ meetingId: string; decisionId: string }> {
  const { proc, outcome, input } = e;
  await ensureSource(trx, proc.id, e.at, JSON.stringify({ outcome, letters: e.letters }));
  const prov = { sourceId: sourceId(proc.id), locator: 'announcement of the outcome' };
  const titles = await agendaTitles(trx, proc.agenda_item_id);
  const mId = meetingId({
    recordSymbol: input.recordLetterSymbol ?? null,
    date: e.announcedOn,
    format: input.format,
    agendaItemId: proc.agenda_item_id,
  });
  await mergeMeeting(
    trx,
    {
      id: mId,
      date: e.announcedOn,
      format: input.format,
      record_symbol: input.recordLetterSymbol ?? null,
      letter_date: input.recordLetterSymbol ? e.announcedOn : null,
      title_en: titles.en,
      title_zh: titles.zh,
      agenda_item_id: proc.agenda_item_id,
      topic: null,
      presidency: proc.presidency,
      initiative: null,
      chair: null,
      notes: JSON.stringify([`Outcome of the written procedure on ${proc.draft_symbol} announced`]),
    },
    prov,
  );
  const symbol = input.resolutionSymbol ?? null;
  const dId = decisionId({ symbol, draftSymbol: proc.draft_symbol });
  await mergeDecision(
    trx,
    {
      id: dId,
      kind: outcome.adopted ? (proc.procedural ? 'other' : 'resolution') : 'draft_not_adopted',
      symbol,
      draft_symbol: proc.draft_symbol,
      meeting_id: mId,
      agenda_item_id: proc.agenda_item_id,
      date: e.announcedOn,
      modality: 'written_procedure',
      adopted: outcome.adopted ? 1 : 0,
      vote_for: outcome.for,
      vote_against: outcome.against,
      vote_abstaining: outcome.abstaining,
      vote_absent: outcome.absent,
      written_procedure_letter: input.outcomeLetterSymbol ?? null,
      record_letter: input.recordLetterSymbol ?? null,
      title: proc.title,
      vetoed_by: outcome.vetoedBy.length > 0 ? JSON.stringify(outcome.vetoedBy) : null,
    },
    prov,
    e.ballots.map((b) => ({ state: b.state, vote: b.vote })),
  );
  if (input.outcomeLetterSymbol) {
    await mergeDocument(
      trx,
      {
        symbol: input.outcomeLetterSymbol,
        kind: 'letter',
        date: e.announcedOn,
        title_en: e.letters.outcome.en.split('\n')[0]!,
        title_zh: e.letters.outcome.zh.split('\n')[0]!,
      },
      prov,
    );
  }
  return { meetingId: mId, decisionId: dId };
}
