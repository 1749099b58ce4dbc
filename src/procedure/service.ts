import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/db.ts';
import type { Db } from '../store/record.ts';
import type { ProcedureTable } from '../store/tables/procedure.ts';
import type { Outcome, Vote } from '../domain/article27.ts';
import { isMemberOn, membersOn, membershipCoverage } from '../domain/membership.ts';
import type { Config } from '../config/config.ts';
import { AccountService } from './accounts.ts';
import { requireRole, type Actor } from './actors.ts';
import type { Append } from './audited-service.ts';
import { fullBallot, outcomeOf } from './tally.ts';
import { configuredClock, iso } from './clock.ts';
import { ProcedureError } from './errors.ts';
import { announcementLetter, outcomeLetter, votingDetailsLetter, type Letter } from './letters.ts';
import { enterIntoRecord, agendaTitles, ensureAgendaItem, requireAgendaItem } from './record-entry.ts';
import { indexDecisions, indexMeetings } from '../search/indexer.ts';
import {
  announceSchema,
  openSchema,
  parseInput,
  voteSchema,
  type AnnounceInput,
  type OpenInput,
} from './schemas.ts';
import { ballotsOf, procedureView, receiptEntry, type ProcedureView, type Receipt } from './view.ts';

/**
 * The Council's written voting procedure (S/2020/253 as adjusted): the Secretariat opens a procedure on a
 * draft in blue, each delegation votes once before a stored, non-extendable deadline, the President closes
 * it (early only when all members have voted) and announces the outcome at a videoconference, and the
 * decision enters the record. Every action and every refusal is in the hash-chained audit log; every write
 * is one transaction, and a vote is acknowledged only once its transaction has committed.
 *
 * ProcedureService is the one object callers hold: the voting workflow here, on the users and sessions
 * (accounts.ts) and the audited writes (audited-service.ts) it builds on; views and receipts in view.ts.
 */

const SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function receiptDigest(
  procedureId: string,
  state: string,
  vote: Vote,
  receivedAt: string,
  userId: string,
): string {
  return sha256(JSON.stringify(['council-record ballot', procedureId, state, vote, receivedAt, userId]));
}

export class ProcedureService extends AccountService {
  /** The service of a configured server or command: its session lifetime and (shifted) clock. */
  static configured(
    store: Store,
    config: Pick<Config, 'sessionTtlMinutes' | 'timeShiftMs' | 'audit'>,
  ): ProcedureService {
    return new ProcedureService(store, {
      sessionTtlMinutes: config.sessionTtlMinutes,
      audit: config.audit,
      clock: configuredClock(config.timeShiftMs),
    });
  }

  async open(actor: Actor, input: unknown): Promise<ProcedureView> {
    requireRole(actor, ['secretariat'], 'open a written procedure');
    const p: OpenInput = parseInput(openSchema, input, 'procedure');
    const view = await this.write(async (trx, at, append) => {
      const date = at.slice(0, 10);
      const deadline = p.deadline ?? iso(new Date(Date.parse(at) + DAY_MS));
      if (deadline <= at)
        throw new ProcedureError('invalid', `deadline ${deadline} is not in the future (now ${at})`, {
          key: 'deadlinePast',
          vars: { deadline: { time: deadline }, now: { time: at } },
        });
      if (Date.parse(deadline) - Date.parse(at) > DAY_MS) {
        throw new ProcedureError(
          'invalid',
          `deadline ${deadline} is more than 24 hours away: the vote lasts at most 24 hours`,
          { key: 'deadlineFar', vars: { deadline: { time: deadline } } },
        );
      }
      const recorded = membershipCoverage();
      if (date < recorded.from || date > recorded.to) {
        throw new ProcedureError(
          'membership_unknown',
          `the Council's members on ${date} are not recorded (the membership data covers ${recorded.from} ` +
            `to ${recorded.to}): add the members of ${date.slice(0, 4)} first (council membership add)`,
          {
            key: 'membershipUnknown',
            vars: {
              date: { date },
              from: { date: recorded.from },
              to: { date: recorded.to },
              year: date.slice(0, 4),
            },
          },
        );
      }
      const members = membersOn(date);
      for (const party of p.parties) {
        if (!members.includes(party))
          throw new ProcedureError('invalid', `party ${party} is not a member of the Council on ${date}`, {
            key: 'partyNotMember',
            vars: { state: { state: party }, date: { date } },
          });
      }
      // A rehearsal is kept apart from the real vote on the same draft (migration 014): each is refused
      // only by its own kind, a rehearsal only while another rehearsal of the draft is still voting.
      const existing = await trx
        .selectFrom('procedure')
        .select(['id', 'status'])
        .where('draft_symbol', '=', p.draftSymbol)
        .where((eb) =>
          p.rehearsal
            ? eb.and([eb('rehearsal', '=', 1), eb('status', '=', 'voting')])
            : eb('rehearsal', 'is', null),
        )
        .executeTakeFirst();
      if (existing) {
        throw new ProcedureError(
          'already_voting',
          `draft ${p.draftSymbol} is already ${p.rehearsal ? 'being rehearsed' : 'put to a vote'} (procedure ${existing.id}, ${existing.status})`,
          {
            key: p.rehearsal ? 'alreadyRehearsed' : 'alreadyVoting',
            vars: { draft: p.draftSymbol, id: existing.id, status: { t: `procedure.${existing.status}` } },
          },
        );
      }
      const id = `wp-${date.replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
      // A rehearsal writes nothing to the record, not even an agenda item: it uses one already there.
      if (p.rehearsal) await requireAgendaItem(trx, p.agendaItemId);
      else await ensureAgendaItem(trx, id, p, at);
      const titles = await agendaTitles(trx, p.agendaItemId);
      const announcement = announcementLetter({
        draftSymbol: p.draftSymbol,
        title: p.title,
        agendaTitleEn: titles.en,
        agendaTitleZh: titles.zh,
        openedAt: at,
        deadline,
      });
      const row: ProcedureTable = {
        id,
        draft_symbol: p.draftSymbol,
        title: p.title,
        text: p.text ?? null,
        agenda_item_id: p.agendaItemId,
        procedural: p.procedural ? 1 : 0,
        parties: JSON.stringify(p.parties),
        date,
        opened_at: at,
        opened_by: actor.name,
        deadline,
        status: 'voting',
        closed_at: null,
        outcome: null,
        announced_at: null,
        meeting_format: null,
        meeting_id: null,
        decision_id: null,
        resolution_symbol: null,
        letters: JSON.stringify({ announcement }),
        presidency: p.presidency ?? null,
        rehearsal: p.rehearsal ? 1 : null,
      };
      await trx.insertInto('procedure').values(row).execute();
      await append({
        actor: actor.name,
        action: 'procedure.open',
        target: id,
        detail: {
          draftSymbol: p.draftSymbol,
          deadline,
          procedural: p.procedural,
          parties: p.parties,
          rehearsal: p.rehearsal,
          rows: { procedure: row },
        },
      });
      return id;
    });
    return this.show(actor, view);
  }

  async vote(actor: Actor, procedureId: string, input: unknown): Promise<Receipt> {
    requireRole(actor, ['delegation'], 'vote');
    const v = parseInput(voteSchema, input, 'vote');
    const state = v.state ?? actor.state;
    if (!actor.state || state !== actor.state) {
      throw new ProcedureError(
        'wrong_state',
        `the delegation of ${actor.state ?? 'no state'} cannot vote for ${state ?? 'no state'}`,
        actor.state && state
          ? { key: 'wrongState', vars: { mine: { state: actor.state }, other: { state } } }
          : { key: 'noState' },
      );
    }
    return this.write(async (trx, at, append) => {
      if (v.sentAt && Math.abs(Date.parse(v.sentAt) - Date.parse(at)) > SKEW_MS) {
        throw new ProcedureError(
          'clock_skew',
          `request sent at ${v.sentAt} but received at ${at}: clocks differ by more than 5 minutes`,
          { key: 'clockSkew', vars: { sent: { time: v.sentAt }, received: { time: at } } },
        );
      }
      const proc = await this.load(trx, procedureId);
      // A vote already recorded is acknowledged again whenever the retry arrives, after the deadline too:
      // the client may simply not have received the first receipt.
      const existing = await trx
        .selectFrom('ballot')
        .selectAll()
        .where('procedure_id', '=', proc.id)
        .where('state', '=', state)
        .executeTakeFirst();
      if (!existing && (proc.status !== 'voting' || at >= proc.deadline)) {
        throw new ProcedureError(
          'deadline_passed',
          `voting on ${proc.draft_symbol} closed at ${proc.closed_at ?? proc.deadline}: the vote was not recorded`,
          {
            key: 'votingClosed',
            vars: { draft: proc.draft_symbol, at: { time: proc.closed_at ?? proc.deadline } },
          },
        );
      }
      if (!existing && !memberOn(state, proc.date)) {
        throw new ProcedureError(
          'not_member',
          `${state} is not a member of the Security Council on ${proc.date} and cannot vote`,
          { key: 'notMember', vars: { state: { state }, date: { date: proc.date } } },
        );
      }
      if (existing) {
        if (existing.vote !== v.vote) {
          throw new ProcedureError(
            'vote_conflict',
            `${state} has already voted on ${proc.draft_symbol} (receipt ${existing.digest.slice(0, 16)}); a vote cannot be changed`,
            {
              key: 'voteConflict',
              vars: { state: { state }, draft: proc.draft_symbol, receipt: existing.digest.slice(0, 16) },
            },
          );
        }
        await append({
          actor: actor.name,
          action: 'vote.repeat',
          target: proc.id,
          detail: { state, digest: existing.digest },
        });
        return {
          procedureId: proc.id,
          draftSymbol: proc.draft_symbol,
          state,
          vote: existing.vote,
          receivedAt: existing.received_at,
          digest: existing.digest,
          duplicate: true,
          ...(await receiptEntry(trx, existing.audit_seq)),
        };
      }
      const digest = receiptDigest(proc.id, state, v.vote, at, actor.userId);
      const ballot = {
        procedure_id: proc.id,
        state,
        vote: v.vote,
        user_id: actor.userId,
        received_at: at,
        digest,
      };
      const entry = await append({
        actor: actor.name,
        action: 'vote.cast',
        target: proc.id,
        detail: { state, vote: v.vote, digest, rows: { ballot } },
      });
      await trx
        .insertInto('ballot')
        .values({ ...ballot, audit_seq: entry.seq })
        .execute();
      return {
        procedureId: proc.id,
        draftSymbol: proc.draft_symbol,
        state,
        vote: v.vote,
        receivedAt: at,
        digest,
        duplicate: false,
        auditSeq: entry.seq,
        auditHash: entry.hash,
      };
    });
  }

  /** The President closes the vote: at or after the deadline, or earlier once every member has voted. */
  async close(actor: Actor, procedureId: string): Promise<ProcedureView> {
    requireRole(actor, ['president'], 'close a written procedure');
    await this.write(async (trx, at, append) => {
      const proc = await this.load(trx, procedureId);
      if (proc.status !== 'voting')
        throw new ProcedureError('not_closed', `procedure ${proc.id} is already ${proc.status}`, {
          key: 'notVoting',
          vars: { status: { t: `procedure.${proc.status}` } },
        });
      const ballots = await ballotsOf(trx, proc.id);
      const members = membersOn(proc.date);
      if (at < proc.deadline && ballots.length < members.length) {
        throw new ProcedureError(
          'voting_open',
          `${members.length - ballots.length} member(s) have not voted and the deadline (${proc.deadline}) has not passed`,
          {
            key: 'notAllVoted',
            vars: { n: members.length - ballots.length, deadline: { time: proc.deadline } },
          },
        );
      }
      await closeWithin(trx, proc, at, actor.name, append);
    });
    return this.show(actor, procedureId);
  }

  /** Closes every procedure whose deadline has passed (called on reading, and by the server's timer). */
  async closeDue(): Promise<string[]> {
    const at = this.now();
    const due = await this.store.db
      .selectFrom('procedure')
      .select('id')
      .where('status', '=', 'voting')
      .where('deadline', '<=', at)
      .execute();
    const closed: string[] = [];
    for (const { id } of due) {
      const done = await this.write(async (trx, now, append) => {
        const proc = await this.load(trx, id);
        if (proc.status !== 'voting' || now < proc.deadline) return false;
        await closeWithin(trx, proc, now, 'system (deadline)', append);
        return true;
      });
      if (done) closed.push(id);
    }
    return closed;
  }

  async announce(actor: Actor, procedureId: string, input: unknown): Promise<ProcedureView> {
    requireRole(actor, ['president'], 'announce the outcome');
    const a: AnnounceInput = parseInput(announceSchema, input, 'announcement');
    await this.closeDue();
    await this.write(async (trx, at, append) => {
      const proc = await this.load(trx, procedureId);
      if (proc.status === 'announced')
        throw new ProcedureError(
          'already_announced',
          `the outcome of ${proc.draft_symbol} was announced on ${proc.announced_at}`,
          {
            key: 'alreadyAnnounced',
            vars: { draft: proc.draft_symbol, at: { time: proc.announced_at ?? '' } },
          },
        );
      if (proc.status !== 'closed')
        throw new ProcedureError(
          'voting_open',
          `voting on ${proc.draft_symbol} is still open until ${proc.deadline}`,
          { key: 'stillOpen', vars: { draft: proc.draft_symbol, deadline: { time: proc.deadline } } },
        );
      const outcome = JSON.parse(proc.outcome ?? 'null') as Outcome;
      if (a.resolutionSymbol && !outcome.adopted) {
        throw new ProcedureError(
          'invalid',
          `draft ${proc.draft_symbol} was not adopted and cannot become ${a.resolutionSymbol}`,
          { key: 'notAdopted', vars: { draft: proc.draft_symbol, symbol: a.resolutionSymbol } },
        );
      }
      const announcedOn = a.date ?? at.slice(0, 10);
      if (announcedOn < proc.date)
        throw new ProcedureError(
          'invalid',
          `announcement date ${announcedOn} is before the vote (${proc.date})`,
          { key: 'announceBefore', vars: { date: { date: announcedOn }, voted: { date: proc.date } } },
        );
      if (announcedOn > at.slice(0, 10))
        throw new ProcedureError(
          'invalid',
          `announcement date ${announcedOn} is in the future (today is ${at.slice(0, 10)}): announce on the day`,
          { key: 'announceFuture', vars: { date: { date: announcedOn }, today: { date: at.slice(0, 10) } } },
        );
      const ballots = fullBallot(proc.date, await ballotsOf(trx, proc.id));
      const letterInput = {
        draftSymbol: proc.draft_symbol,
        outcome,
        ballots,
        announcedOn,
        format: a.format,
        resolutionSymbol: a.resolutionSymbol ?? null,
        procedural: proc.procedural === 1,
      };
      const letters = {
        ...(JSON.parse(proc.letters) as { announcement: Letter }),
        outcome: outcomeLetter(letterInput),
        votingDetails: votingDetailsLetter(letterInput),
      };
      // A rehearsal's outcome stays in the procedure: no meeting, no decision, nothing published.
      const entered =
        proc.rehearsal === 1
          ? { meetingId: null, decisionId: null }
          : await enterIntoRecord(trx, { proc, outcome, ballots, announcedOn, at, input: a, letters });
      // The index follows the record (as after an import), which also tells the servers' caches of search
      // results and pages that the record changed (search/cache.ts).
      if (entered.meetingId) await indexMeetings(trx, [entered.meetingId]);
      if (entered.decisionId) await indexDecisions(trx, [entered.decisionId]);
      const changed = {
        status: 'announced' as const,
        announced_at: at,
        meeting_format: a.format,
        meeting_id: entered.meetingId,
        decision_id: entered.decisionId,
        resolution_symbol: a.resolutionSymbol ?? null,
        letters: JSON.stringify(letters),
      };
      await trx.updateTable('procedure').set(changed).where('id', '=', proc.id).execute();
      await append({
        actor: actor.name,
        action: 'procedure.announce',
        target: proc.id,
        detail: {
          format: a.format,
          meetingId: entered.meetingId,
          decisionId: entered.decisionId,
          rows: { procedure: { id: proc.id, ...changed } },
        },
      });
    });
    return this.show(actor, procedureId);
  }

  async show(actor: Actor, procedureId: string): Promise<ProcedureView> {
    await this.closeDue();
    return procedureView(this.store.db, actor, await this.load(this.store.db, procedureId));
  }

  async list(actor: Actor): Promise<ProcedureView[]> {
    const ids = await this.store.db
      .selectFrom('procedure')
      .select('id')
      .orderBy('opened_at', 'desc')
      .execute();
    return Promise.all(ids.map(({ id }) => this.show(actor, id)));
  }

  private async load(db: Db, id: string): Promise<ProcedureTable> {
    const proc = await db.selectFrom('procedure').selectAll().where('id', '=', id).executeTakeFirst();
    if (!proc)
      throw new ProcedureError('not_found', `no written procedure "${id}"`, {
        key: 'noProcedure',
        vars: { id },
      });
    return proc;
  }
}

function memberOn(state: string, date: string): boolean {
  try {
    return isMemberOn(state, date);
  } catch {
    return false;
  }
}

async function closeWithin(
  trx: Db,
  proc: ProcedureTable,
  at: string,
  actorName: string,
  append: Append,
): Promise<Outcome> {
  const ballots = await ballotsOf(trx, proc.id);
  const outcome = outcomeOf(proc, ballots);
  const changed = { status: 'closed' as const, closed_at: at, outcome: JSON.stringify(outcome) };
  await trx.updateTable('procedure').set(changed).where('id', '=', proc.id).execute();
  await append({
    actor: actorName,
    action: 'procedure.close',
    target: proc.id,
    detail: { outcome, ballots: ballots.length, rows: { procedure: { id: proc.id, ...changed } } },
  });
  return outcome;
}
