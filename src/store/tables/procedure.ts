/**
 * Tables of the written voting procedure (src/procedure). Times are ISO 8601 UTC strings with
 * milliseconds ("2020-03-30T14:00:00.000Z"), which sort as they compare, alike in SQLite and PostgreSQL.
 */
import type { VtcFormat } from '../../domain/vocabulary.ts';
/** `editor`: a Repertoire editor, who checks and publishes drafts of sections (no part in a vote). */
export type Role = 'public' | 'secretariat' | 'president' | 'delegation' | 'editor';

export interface AppUserTable {
  id: string;
  name: string;
  role: Role;
  /** ISO3 of the member state a delegation (or the presidency) represents. */
  state: string | null;
  /** "scrypt$N$r$p$salt$hash" (base64url). */
  password_hash: string;
  created_at: string;
  disabled: number;
}

export interface SessionTable {
  /** sha256 of the bearer token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ProcedureTable {
  id: string;
  draft_symbol: string;
  title: string;
  text: string | null;
  agenda_item_id: string;
  procedural: number;
  /** JSON array of ISO3: parties to a dispute, who must abstain (Art. 27(3)). */
  parties: string;
  /** The day whose Council membership votes: the day the vote was announced (YYYY-MM-DD). */
  date: string;
  opened_at: string;
  opened_by: string;
  deadline: string;
  status: 'voting' | 'closed' | 'announced';
  closed_at: string | null;
  /** JSON of the Article 27 Outcome, once closed. */
  outcome: string | null;
  announced_at: string | null;
  meeting_format: VtcFormat | null;
  meeting_id: string | null;
  decision_id: string | null;
  resolution_symbol: string | null;
  /** JSON: { announcement: {zh,en}, outcome?: {zh,en}, votingDetails?: {zh,en} }. */
  letters: string;
  presidency: string | null;
  /** 1: a rehearsal, which never enters the record; null: a real procedure (migration 013). */
  rehearsal: number | null;
}

export interface BallotTable {
  procedure_id: string;
  state: string;
  vote: 'Y' | 'N' | 'A' | 'X';
  user_id: string;
  received_at: string;
  /** sha256 receipt digest of (procedure, state, vote, received_at, user). */
  digest: string;
  /** The audit entry that recorded the ballot, so deleting it from the log is detected. */
  audit_seq: number;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  /** JSON object. */
  detail: string;
  prev_hash: string;
  /** The key that signed the entry (src/procedure/audit-keys.ts); null only in logs written before keys. */
  key_id: string | null;
  /** HMAC-SHA256 of the entry and prev_hash with that key. */
  hash: string;
}

export interface ProcedureTables {
  app_user: AppUserTable;
  session: SessionTable;
  procedure: ProcedureTable;
  ballot: BallotTable;
  audit_log: AuditLogTable;
}
