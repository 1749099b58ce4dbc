import type { IssueKey } from '../domain/issues.ts';

/** A refusal of the procedure: HTTP status and a stable code the API returns as JSON {error, code}. */
export type RefusalCode =
  | 'invalid'
  | 'clock_skew'
  | 'unauthenticated'
  | 'session_expired'
  | 'bad_credentials'
  | 'forbidden'
  | 'wrong_state'
  | 'not_member'
  | 'not_found'
  | 'vote_conflict'
  | 'deadline_passed'
  | 'already_voting'
  | 'voting_open'
  | 'not_closed'
  | 'already_announced'
  | 'unknown_agenda_item'
  | 'membership_unknown'
  | 'rate_limited';

const STATUS: Record<RefusalCode, number> = {
  invalid: 400,
  clock_skew: 400,
  unauthenticated: 401,
  session_expired: 401,
  bad_credentials: 401,
  forbidden: 403,
  wrong_state: 403,
  not_member: 403,
  not_found: 404,
  unknown_agenda_item: 400,
  vote_conflict: 409,
  deadline_passed: 409,
  already_voting: 409,
  voting_open: 409,
  not_closed: 409,
  already_announced: 409,
  membership_unknown: 409,
  rate_limited: 429,
};

/**
 * A value in a refusal's words: as it is (a symbol, a number), or what the reader's language names in its
 * own way: a state (ISO3), a date or time in words, a form field by its label, a word of the dictionaries
 * (`{ t: 'role.president' }`), or a list of these.
 */
export type RefusalValue =
  | string
  | number
  | { state: string }
  | { date: string }
  | { time: string }
  | { field: string }
  | { t: string }
  | RefusalValue[];

/**
 * What a refusal says, as data: `key` names the dictionaries' `refusal.<key>` words (src/server/web/i18n),
 * so a console user reads it in their language; the English `message` stays what the API and CLI print.
 */
export interface RefusalWords {
  key: string;
  vars?: Record<string, RefusalValue>;
}

/**
 * A refused field of an input: its name in the schema, what is wrong with it as data (`key` names the
 * dictionaries' `refusal.issue.<key>`, with its values; src/domain/issues.ts) and the schema's English message.
 */
export interface RefusalIssue {
  field: string;
  key: IssueKey;
  vars?: Record<string, RefusalValue>;
  message: string;
}

export class ProcedureError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly words?: RefusalWords,
    readonly issues?: RefusalIssue[],
  ) {
    super(message);
    this.name = 'ProcedureError';
    this.statusCode = STATUS[code];
  }
}
