import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/db.ts';
import type { Db } from '../store/record.ts';
import type { AuditLogTable, ProcedureTable, Role } from '../store/tables/procedure.ts';
import type { Outcome, Vote } from '../domain/article27.ts';
import { isMemberOn, membersOn, membershipCoverage } from '../domain/membership.ts';
import { AuditTrail, lockChain, type AuditEntry } from './audit.ts';
import { userRecord } from './audit-replay.ts';
import { fullBallot, outcomeOf } from './tally.ts';
import type { AuditSettings, Config } from '../config/config.ts';
import { configuredClock, systemClock, iso, type Clock } from './clock.ts';
import { ProcedureError } from './errors.ts';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.ts';
import { announcementLetter, outcomeLetter, votingDetailsLetter, type Letter } from './letters.ts';
import { enterIntoRecord, agendaTitles, ensureAgendaItem, requireAgendaItem } from './record-entry.ts';
import {
  announceSchema,
  loginSchema,
  newUserSchema,
  openSchema,
  parseInput,
  voteSchema,
  type AnnounceInput,
  type NewUser,
  type OpenInput,
} from './schemas.ts';

/**
 * The Council's written voting procedure (S/2020/253 as adjusted): the Secretariat opens a procedure on a
 * draft in blue, each delegation votes once before a stored, non-extendable deadline, the President closes
 * it (early only when all members have voted) and announces the outcome at a videoconference, and the
 * decision enters the record. Every action and every refusal is in the hash-chained audit log; every write
 * is one transaction, and a vote is acknowledged only once its transaction has committed.
 */

export interface Actor {
  userId: string;
  name: string;
  role: Role;
  state: string | null;
}

/** Someone not logged in: may read what the public may read. */
export const PUBLIC: Actor = { userId: '', name: 'anonymous', role: 'public', state: null };

export interface Receipt {
  procedureId: string;
  draftSymbol: string;
  state: string;
  vote: Vote;
  receivedAt: string;
  digest: string;
  /** True when this acknowledges a vote already recorded (the same vote sent again). */
  duplicate: boolean;
  /**
   * The audit entry that recorded the vote: its number and keyed hash. Kept by the delegation, it proves
   * later that the log still holds its vote as cast (`council audit verify --receipt`).
   */
  auditSeq: number;
  auditHash: string;
}

export interface ProcedureView {
  id: string;
  draftSymbol: string;
  title: string;
  text: string | null;
  agendaItemId: string;
  procedural: boolean;
  /** A rehearsal: kept apart, never entered in the record. */
  rehearsal: boolean;
  parties: string[];
  date: string;
  openedAt: string;
  deadline: string;
  status: ProcedureTable['status'];
  closedAt: string | null;
  announcedAt: string | null;
  meetingFormat: ProcedureTable['meeting_format'];
  meetingId: string | null;
  decisionId: string | null;
  resolutionSymbol: string | null;
  members: string[];
  letters: { announcement: Letter; outcome?: Letter; votingDetails?: Letter };
  /** Shown to the Secretariat and the President; to everyone once announced. */
  ballotsReceived?: number;
  ballots?: { state: string; vote: Vote; receivedAt: string; digest: string }[];
  outcome?: Outcome;
  /** A delegation's own receipt. */
  yourBallot?: Omit<Receipt, 'duplicate'> | null;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: { name: string; role: Role; state: string | null };
}

const SKEW_MS = 5 * 60 * 1000;
/** Distinct kinds of anonymous refusal counted between two flushes; the rest are counted as "other". */
const MAX_COUNTED = 1000;
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

export interface ServiceOptions {
  clock?: Clock;
  sessionTtlMinutes?: number;
  /** The audit key and checkpoint (default: from the environment, as `loadConfig` reads it). */
  audit?: AuditSettings;
}

/** Appends an audit entry inside the write's transaction. */
type Append = (entry: AuditEntry) => Promise<AuditLogTable>;

export class ProcedureService {
  private readonly clock: Clock;
  private readonly ttlMs: number;
  readonly audit: AuditTrail;

  constructor(
    readonly store: Store,
    options: ServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.ttlMs = (options.sessionTtlMinutes ?? 60) * 60 * 1000;
    this.audit = new AuditTrail(store, options.audit);
  }

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

  /** Refusals of anonymous callers since `countedSince`, by action, code (and login name). */
  private counted = new Map<string, number>();
  private countedSince: string | null = null;

  /** Writes the refusals counted since the last call as one entry (the server does every minute and on close). */
  async flushRefusals(): Promise<void> {
    if (this.counted.size === 0) return;
    const detail = { since: this.countedSince, counts: Object.fromEntries(this.counted) };
    this.counted = new Map();
    this.countedSince = null;
    await this.audit.record(this.now(), {
      actor: 'anonymous',
      action: 'refusals.counted',
      target: null,
      detail,
    });
  }

  private now(): string {
    return iso(this.clock());
  }

  /**
   * Runs `fn` in one transaction holding the audit chain, so the action and its audit entry commit
   * together; once committed, the checkpoint moves to the last entry.
   */
  private async write<T>(fn: (trx: Db, at: string, append: Append) => Promise<T>): Promise<T> {
    let last: AuditLogTable | undefined;
    const result = await this.store.db.transaction().execute(async (trx) => {
      await lockChain(trx, this.store.dialect);
      const at = this.now();
      return fn(trx, at, async (entry) => (last = await this.audit.append(trx, at, entry)));
    });
    if (last) await this.audit.anchor(last);
    return result;
  }

  /**
   * Records a refusal in the audit log (the refused action itself wrote nothing). Refusals of callers who
   * are not logged in cost them nothing to send, so they are counted, not written one by one: a flood
   * must not slow the real votes down or fill the log; `flushRefusals` writes the counts as one entry.
   */
  async refuse(actor: Actor | null, action: string, target: string | null, error: unknown): Promise<void> {
    const e = error as { code?: string; statusCode?: number; message?: string };
    if (!actor || (actor.role === 'public' && !actor.userId)) {
      const who = actor?.name.startsWith('login attempt as ') ? ` ${actor.name.slice(17)}` : '';
      const key = this.counted.size < MAX_COUNTED ? `${action}.refused ${e.code ?? 'error'}${who}` : 'other';
      this.counted.set(key, (this.counted.get(key) ?? 0) + 1);
      this.countedSince ??= this.now();
      return;
    }
    const entry: AuditEntry = {
      actor: actor?.name ?? 'anonymous',
      action: `${action}.refused`,
      target,
      detail: {
        code: e.code ?? 'error',
        status: e.statusCode ?? 500,
        message: String(e.message ?? error).slice(0, 500),
      },
    };
    await this.audit.record(this.now(), entry);
  }

  // ---- users and sessions ------------------------------------------------------------------------------

  async addUser(
    input: unknown,
    actorName: string,
  ): Promise<{ id: string; name: string; role: Role; state: string | null }> {
    const u: NewUser = parseInput(newUserSchema, input, 'user');
    const passwordHash = await hashPassword(u.password);
    return this.write((trx, at, append) => insertUser(trx, at, append, u, passwordHash, actorName));
  }

  /**
   * Adds several users at once (the 15 delegations from a file): every row is checked first, and the
   * users are created in one transaction, so a bad row or a taken name leaves nothing half-created.
   * `where` names each row in errors ("line 3").
   */
  async addUsers(
    rows: { where: string; input: unknown }[],
    actorName: string,
  ): Promise<{ id: string; name: string; role: Role; state: string | null }[]> {
    const problems: string[] = [];
    const users: NewUser[] = [];
    const seen = new Map<string, string>();
    for (const { where, input } of rows) {
      try {
        const u = parseInput(newUserSchema, input, 'user');
        const first = seen.get(u.name);
        if (first) problems.push(`${where}: user "${u.name}" is also on ${first}`);
        else seen.set(u.name, where);
        users.push(u);
      } catch (e) {
        if (!(e instanceof ProcedureError)) throw e;
        problems.push(`${where}: ${e.message}`);
      }
    }
    if (rows.length === 0) problems.push('no users given');
    if (problems.length > 0) throw new ProcedureError('invalid', `no user was added: ${problems.join('; ')}`);
    const hashes = await Promise.all(users.map((u) => hashPassword(u.password)));
    return this.write(async (trx, at, append) => {
      const out = [];
      for (const [i, u] of users.entries()) {
        try {
          out.push(await insertUser(trx, at, append, u, hashes[i]!, actorName));
        } catch (e) {
          if (e instanceof ProcedureError)
            throw new ProcedureError(e.code, `no user was added: ${rows[i]!.where}: ${e.message}`);
          throw e;
        }
      }
      return out;
    });
  }

  /**
   * Disables a user (or enables one again): a disabled user cannot log in, and its sessions end at once.
   * Ballots it cast stay, as cast.
   */
  async setDisabled(name: string, disabled: boolean, actorName: string): Promise<{ sessionsEnded: number }> {
    return this.write(async (trx, _at, append) => {
      const user = await this.userNamed(trx, name);
      if ((user.disabled !== 0) === disabled)
        throw new ProcedureError('invalid', `user "${name}" is already ${disabled ? 'disabled' : 'enabled'}`);
      await trx
        .updateTable('app_user')
        .set({ disabled: disabled ? 1 : 0 })
        .where('id', '=', user.id)
        .execute();
      const ended = disabled ? await endSessions(trx, user.id) : 0;
      await append({
        actor: actorName,
        action: disabled ? 'user.disable' : 'user.enable',
        target: name,
        detail: { sessionsEnded: ended, rows: { app_user: { id: user.id, disabled: disabled ? 1 : 0 } } },
      });
      return { sessionsEnded: ended };
    });
  }

  /** Ends every session of a user (a stolen token, a lost laptop); the user can log in again. */
  async revokeSessions(name: string, actorName: string): Promise<{ sessionsEnded: number }> {
    return this.write(async (trx, _at, append) => {
      const user = await this.userNamed(trx, name);
      const ended = await endSessions(trx, user.id);
      await append({
        actor: actorName,
        action: 'session.revoke',
        target: name,
        detail: { sessionsEnded: ended },
      });
      return { sessionsEnded: ended };
    });
  }

  private async userNamed(db: Db, name: string) {
    const user = await db.selectFrom('app_user').selectAll().where('name', '=', name).executeTakeFirst();
    if (!user) throw new ProcedureError('not_found', `no user "${name}"`);
    return user;
  }

  async login(input: unknown): Promise<Session> {
    const { name, password } = parseInput(loginSchema, input, 'login');
    const user = await this.store.db
      .selectFrom('app_user')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    const ok =
      user && user.disabled === 0
        ? await verifyPassword(password, user.password_hash)
        : await verifyNothing(password);
    if (!user || !ok) throw new ProcedureError('bad_credentials', 'unknown user name or wrong password');
    const token = randomBytes(32).toString('base64url');
    return this.write(async (trx, at, append) => {
      const expiresAt = iso(new Date(Date.parse(at) + this.ttlMs));
      await trx
        .insertInto('session')
        .values({ token_hash: sha256(token), user_id: user.id, created_at: at, expires_at: expiresAt })
        .execute();
      await append({
        actor: user.name,
        action: 'session.login',
        target: null,
        detail: { expiresAt },
      });
      return { token, expiresAt, user: { name: user.name, role: user.role, state: user.state } };
    });
  }

  async authenticate(token: string): Promise<Actor> {
    const row = await this.store.db
      .selectFrom('session')
      .innerJoin('app_user', 'app_user.id', 'session.user_id')
      .select([
        'app_user.id',
        'app_user.name',
        'app_user.role',
        'app_user.state',
        'app_user.disabled',
        'session.expires_at',
      ])
      .where('session.token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row || row.disabled !== 0)
      throw new ProcedureError('unauthenticated', 'not logged in: unknown or revoked session');
    if (row.expires_at <= this.now())
      throw new ProcedureError('session_expired', 'the session has expired: log in again');
    return { userId: row.id, name: row.name, role: row.role, state: row.state };
  }

  async logout(token: string, actor: Actor): Promise<void> {
    await this.write(async (trx, _at, append) => {
      await trx.deleteFrom('session').where('token_hash', '=', sha256(token)).execute();
      await append({ actor: actor.name, action: 'session.logout', target: null });
    });
  }

  // ---- the procedure -----------------------------------------------------------------------------------

  async open(actor: Actor, input: unknown): Promise<ProcedureView> {
    requireRole(actor, ['secretariat'], 'open a written procedure');
    const p: OpenInput = parseInput(openSchema, input, 'procedure');
    const view = await this.write(async (trx, at, append) => {
      const date = at.slice(0, 10);
      const deadline = p.deadline ?? iso(new Date(Date.parse(at) + DAY_MS));
      if (deadline <= at)
        throw new ProcedureError('invalid', `deadline ${deadline} is not in the future (now ${at})`);
      if (Date.parse(deadline) - Date.parse(at) > DAY_MS) {
        throw new ProcedureError(
          'invalid',
          `deadline ${deadline} is more than 24 hours away: the vote lasts at most 24 hours`,
        );
      }
      const recorded = membershipCoverage();
      if (date < recorded.from || date > recorded.to) {
        throw new ProcedureError(
          'membership_unknown',
          `the Council's members on ${date} are not recorded (the membership data covers ${recorded.from} ` +
            `to ${recorded.to}): add the members of ${date.slice(0, 4)} first (council membership add)`,
        );
      }
      const members = membersOn(date);
      for (const party of p.parties) {
        if (!members.includes(party))
          throw new ProcedureError('invalid', `party ${party} is not a member of the Council on ${date}`);
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
      );
    }
    return this.write(async (trx, at, append) => {
      if (v.sentAt && Math.abs(Date.parse(v.sentAt) - Date.parse(at)) > SKEW_MS) {
        throw new ProcedureError(
          'clock_skew',
          `request sent at ${v.sentAt} but received at ${at}: clocks differ by more than 5 minutes`,
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
        );
      }
      if (!existing && !memberOn(state, proc.date)) {
        throw new ProcedureError(
          'not_member',
          `${state} is not a member of the Security Council on ${proc.date} and cannot vote`,
        );
      }
      if (existing) {
        if (existing.vote !== v.vote) {
          throw new ProcedureError(
            'vote_conflict',
            `${state} has already voted on ${proc.draft_symbol} (receipt ${existing.digest.slice(0, 16)}); a vote cannot be changed`,
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
        throw new ProcedureError('not_closed', `procedure ${proc.id} is already ${proc.status}`);
      const ballots = await ballotsOf(trx, proc.id);
      const members = membersOn(proc.date);
      if (at < proc.deadline && ballots.length < members.length) {
        throw new ProcedureError(
          'voting_open',
          `${members.length - ballots.length} member(s) have not voted and the deadline (${proc.deadline}) has not passed`,
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
        );
      if (proc.status !== 'closed')
        throw new ProcedureError(
          'voting_open',
          `voting on ${proc.draft_symbol} is still open until ${proc.deadline}`,
        );
      const outcome = JSON.parse(proc.outcome ?? 'null') as Outcome;
      if (a.resolutionSymbol && !outcome.adopted) {
        throw new ProcedureError(
          'invalid',
          `draft ${proc.draft_symbol} was not adopted and cannot become ${a.resolutionSymbol}`,
        );
      }
      const announcedOn = a.date ?? at.slice(0, 10);
      if (announcedOn < proc.date)
        throw new ProcedureError(
          'invalid',
          `announcement date ${announcedOn} is before the vote (${proc.date})`,
        );
      if (announcedOn > at.slice(0, 10))
        throw new ProcedureError(
          'invalid',
          `announcement date ${announcedOn} is in the future (today is ${at.slice(0, 10)}): announce on the day`,
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
    const proc = await this.load(this.store.db, procedureId);
    const ballots = await ballotsOf(this.store.db, proc.id);
    const letters = JSON.parse(proc.letters) as ProcedureView['letters'];
    const announced = proc.status === 'announced';
    // S/2020/253: delegations send their votes to the Secretariat, and the President announces the
    // outcome once the period is over. So the Secretariat sees ballots as they arrive; the President sees
    // how many have arrived (to know when it may close early) and the ballots once the vote is closed.
    const seesBallots =
      actor.role === 'secretariat' || (actor.role === 'president' && proc.status !== 'voting') || announced;
    const view: ProcedureView = {
      id: proc.id,
      draftSymbol: proc.draft_symbol,
      title: proc.title,
      text: proc.text,
      agendaItemId: proc.agenda_item_id,
      procedural: proc.procedural === 1,
      rehearsal: proc.rehearsal === 1,
      parties: JSON.parse(proc.parties) as string[],
      date: proc.date,
      openedAt: proc.opened_at,
      deadline: proc.deadline,
      status: proc.status,
      closedAt: proc.closed_at,
      announcedAt: proc.announced_at,
      meetingFormat: proc.meeting_format,
      meetingId: proc.meeting_id,
      decisionId: proc.decision_id,
      resolutionSymbol: proc.resolution_symbol,
      members: membersOn(proc.date),
      // Outcome letters exist only once announced, so they never reveal a tally early.
      letters: announced ? letters : { announcement: letters.announcement },
    };
    if (actor.role === 'president') view.ballotsReceived = ballots.length;
    if (seesBallots) {
      view.ballotsReceived = ballots.length;
      view.ballots = ballots.map((b) => ({
        state: b.state,
        vote: b.vote,
        receivedAt: b.received_at,
        digest: b.digest,
      }));
      if (proc.outcome) view.outcome = JSON.parse(proc.outcome) as Outcome;
    }
    if (actor.role === 'delegation') {
      const mine = ballots.find((b) => b.state === actor.state);
      view.yourBallot = mine
        ? {
            procedureId: proc.id,
            draftSymbol: proc.draft_symbol,
            state: mine.state,
            vote: mine.vote,
            receivedAt: mine.received_at,
            digest: mine.digest,
            ...(await receiptEntry(this.store.db, mine.audit_seq)),
          }
        : null;
    }
    return view;
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
    if (!proc) throw new ProcedureError('not_found', `no written procedure "${id}"`);
    return proc;
  }
}

async function insertUser(
  trx: Db,
  at: string,
  append: Append,
  u: NewUser,
  passwordHash: string,
  actorName: string,
): Promise<{ id: string; name: string; role: Role; state: string | null }> {
  const taken = await trx.selectFrom('app_user').select('id').where('name', '=', u.name).executeTakeFirst();
  if (taken) throw new ProcedureError('invalid', `user "${u.name}" already exists`);
  const id = `u-${randomBytes(8).toString('hex')}`;
  const row = {
    id,
    name: u.name,
    role: u.role,
    state: u.state ?? null,
    password_hash: passwordHash,
    created_at: at,
    disabled: 0,
  };
  await trx.insertInto('app_user').values(row).execute();
  await append({
    actor: actorName,
    action: 'user.add',
    target: u.name,
    detail: { role: u.role, state: u.state ?? null, rows: { app_user: userRecord(row) } },
  });
  return { id, name: u.name, role: u.role, state: u.state ?? null };
}

function requireRole(actor: Actor, roles: Role[], what: string): void {
  if (actor.role === 'public' && !actor.userId)
    throw new ProcedureError('unauthenticated', `log in to ${what}`);
  if (!roles.includes(actor.role))
    throw new ProcedureError(
      'forbidden',
      `a ${actor.role} user cannot ${what} (needs ${roles.join(' or ')})`,
    );
}

function memberOn(state: string, date: string): boolean {
  try {
    return isMemberOn(state, date);
  } catch {
    return false;
  }
}

async function ballotsOf(db: Db, procedureId: string) {
  return db
    .selectFrom('ballot')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .orderBy('state')
    .execute();
}

async function endSessions(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The number and hash of the audit entry that recorded a ballot, for its receipt. */
async function receiptEntry(db: Db, seq: number): Promise<{ auditSeq: number; auditHash: string }> {
  const e = await db.selectFrom('audit_log').select('hash').where('seq', '=', seq).executeTakeFirst();
  return { auditSeq: seq, auditHash: e?.hash ?? '' };
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
