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

export class ProcedureError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProcedureError';
    this.statusCode = STATUS[code];
  }
}
