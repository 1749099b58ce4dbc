import { randomBytes } from 'node:crypto';
import type { Store } from '../store/db.ts';
import type { Db } from '../store/record.ts';
import type { Role } from '../store/tables/procedure.ts';
import type { Actor } from './actors.ts';
import { userRecord } from './audit-replay.ts';
import { AuditedService, sha256, type Append, type ServiceOptions } from './audited-service.ts';
import { iso } from './clock.ts';
import { ProcedureError } from './errors.ts';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.ts';
import { loginSchema, newUserSchema, parseInput, type NewUser } from './schemas.ts';

/**
 * The users of the written procedure and their sessions: adding users (one or a file of them), disabling
 * them, logging in and out, and knowing who a session token belongs to. Every change is audited.
 */

export interface Session {
  token: string;
  expiresAt: string;
  user: { name: string; role: Role; state: string | null };
}

export interface UserSummary {
  id: string;
  name: string;
  role: Role;
  state: string | null;
}

export class AccountService extends AuditedService {
  private readonly ttlMs: number;

  constructor(store: Store, options: ServiceOptions = {}) {
    super(store, options);
    this.ttlMs = (options.sessionTtlMinutes ?? 60) * 60 * 1000;
  }

  async addUser(input: unknown, actorName: string): Promise<UserSummary> {
    const u: NewUser = parseInput(newUserSchema, input, 'user');
    const passwordHash = await hashPassword(u.password);
    return this.write((trx, at, append) => insertUser(trx, at, append, u, passwordHash, actorName));
  }

  /**
   * Adds several users at once (the 15 delegations from a file): every row is checked first, and the
   * users are created in one transaction, so a bad row or a taken name leaves nothing half-created.
   * `where` names each row in errors ("line 3").
   */
  async addUsers(rows: { where: string; input: unknown }[], actorName: string): Promise<UserSummary[]> {
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
    if (!user || !ok)
      throw new ProcedureError('bad_credentials', 'unknown user name or wrong password', {
        key: 'badCredentials',
      });
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
      throw new ProcedureError('unauthenticated', 'not logged in: unknown or revoked session', {
        key: 'noSession',
      });
    if (row.expires_at <= this.now())
      throw new ProcedureError('session_expired', 'the session has expired: log in again', {
        key: 'sessionExpired',
      });
    return { userId: row.id, name: row.name, role: row.role, state: row.state };
  }

  async logout(token: string, actor: Actor): Promise<void> {
    await this.write(async (trx, _at, append) => {
      await trx.deleteFrom('session').where('token_hash', '=', sha256(token)).execute();
      await append({ actor: actor.name, action: 'session.logout', target: null });
    });
  }
}

async function insertUser(
  trx: Db,
  at: string,
  append: Append,
  u: NewUser,
  passwordHash: string,
  actorName: string,
): Promise<UserSummary> {
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

async function endSessions(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
