import { z } from 'zod';

/**
 * What a schema of the boundary says of a refused field, as a key rather than as English words. Each key
 * is a `refusal.issue.<key>` of the interface dictionaries (src/server/web/i18n), so the web console words a
 * refused form in the reader's language from data, while the schema's English message stays what the API and
 * the CLI answer with. The schemas name their key (`keyed`, `patterned`); zod's own checks are read from
 * the issue's code and bounds (`issueWords`), never from its message. test/web/i18n.test.ts checks that
 * every key has its words in both languages, test/procedure/input-issues.test.ts that each check says its key.
 */
export const ISSUE_KEYS = [
  'empty',
  'tooShort',
  'tooLong',
  'tooMany',
  'markup',
  'control',
  'bidi',
  'time',
  'date',
  'itemId',
  'userName',
  'resolution',
  'symbol',
  'state',
  'choice',
  'unknownField',
  'delegationState',
  'roleWithoutState',
  'other',
] as const;
export type IssueKey = (typeof ISSUE_KEYS)[number];

/** A value in an issue's words: as it is (a number, a symbol), or a word of the dictionaries (`{ t }`). */
export type IssueValue = string | number | { t: string };

export interface IssueWords {
  key: IssueKey;
  vars?: Record<string, IssueValue>;
}

export function isIssueKey(s: unknown): s is IssueKey {
  return typeof s === 'string' && (ISSUE_KEYS as readonly string[]).includes(s);
}

/**
 * The message and key of a custom check (`.refine(fn, keyed(…))`, `ctx.addIssue({ code: 'custom', …keyed(…) })`):
 * zod keeps a custom check's `params` on its issue, where `issueWords` reads the key.
 */
export function keyed(
  key: IssueKey,
  message: string,
  vars?: Record<string, IssueValue>,
): { message: string; params: { refusal: IssueKey; vars?: Record<string, IssueValue> } } {
  return { message, params: vars ? { refusal: key, vars } : { refusal: key } };
}

/**
 * A string that must match `pattern`, as a zod string format named by its key: the refusal is an
 * `invalid_format` issue whose `format` is the key, and OpenAPI still shows the pattern.
 */
export function patterned(key: IssueKey, pattern: RegExp, message: string) {
  return z.stringFormat(key, pattern, message);
}

/** The value at `path` in what was parsed (undefined when a field is missing). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * What a zod issue says, as a key and its values, from the issue's code and fields. `input` is what was
 * parsed: zod's issue for a missing field is the one for a wrong type or a choice not offered, and a field
 * a form leaves empty is missing.
 */
export function issueWords(issue: z.core.$ZodIssue, input: unknown): IssueWords {
  switch (issue.code) {
    case 'custom': {
      const params = issue.params as { refusal?: unknown; vars?: Record<string, IssueValue> } | undefined;
      if (!isIssueKey(params?.refusal)) return { key: 'other' };
      return params.vars ? { key: params.refusal, vars: params.vars } : { key: params.refusal };
    }
    case 'invalid_format':
      return { key: isIssueKey(issue.format) ? issue.format : 'other' };
    case 'too_small': {
      if (issue.origin !== 'string') return { key: 'other' };
      const min = Number(issue.minimum);
      return min <= 1 ? { key: 'empty' } : { key: 'tooShort', vars: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'tooLong', vars: { max } };
      if (issue.origin === 'array') return { key: 'tooMany', vars: { max } };
      return { key: 'other' };
    }
    case 'invalid_value':
      return { key: valueAt(input, issue.path) === undefined ? 'empty' : 'choice' };
    case 'invalid_type':
      return { key: valueAt(input, issue.path) === undefined ? 'empty' : 'other' };
    case 'unrecognized_keys':
      return { key: 'unknownField' };
    default:
      return { key: 'other' };
  }
}
