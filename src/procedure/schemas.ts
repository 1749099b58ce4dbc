import { z } from 'zod';
import { VTC_FORMATS } from '../domain/vocabulary.ts';
import { documentSymbolSchema, iso3Schema, isoDateSchema, voteValueSchema } from '../domain/model.ts';
import { issueWords, keyed, patterned } from '../domain/issues.ts';
import { ProcedureError } from './errors.ts';

/**
 * The schemas every input of the procedure passes, from the API, the CLI or the web console. Text is
 * plain text: markup is refused (a title has no reason to hold a tag, and the letters are plain text);
 * SQL never needs refusing because every query is parameterised, so such text is kept as written.
 * Each custom check and pattern names the key the web console words its refusal by (src/domain/issues.ts);
 * zod's own checks (lengths, choices, unknown fields) are keyed from their issue's code.
 */
const NO_MARKUP = /<\s*[a-z!/?]|&#|javascript:/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// Bidirectional controls make a title read differently from what it holds (CVE-2021-42574, "Trojan Source").
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function plainText(max: number, { multiline = false } = {}) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine(
      (s) => !NO_MARKUP.test(s),
      keyed('markup', 'must be plain text (HTML or script markup is refused)'),
    )
    .refine(
      (s) => !CONTROL.test(s) && (multiline || !/[\r\n]/.test(s)),
      keyed('control', 'contains control characters'),
    )
    .refine(
      (s) => !BIDI.test(s),
      keyed('bidi', 'contains bidirectional control characters (U+202A–202E, U+2066–2069, …)'),
    );
}

const isoInstant = patterned(
  'time',
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
  'expected an ISO 8601 time with a zone, e.g. 2020-03-31T14:00:00Z',
)
  .refine((s) => !Number.isNaN(Date.parse(s)), keyed('time', 'not a real time'))
  .transform((s) => new Date(s).toISOString());

export const userNameSchema = patterned(
  'userName',
  /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/,
  '3–64 letters, digits, . _ @ -',
);

export const newUserSchema = z
  .object({
    name: userNameSchema,
    role: z.enum(['public', 'secretariat', 'president', 'delegation', 'editor']),
    state: iso3Schema.optional(),
    password: z.string().min(12, 'at least 12 characters').max(1024),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.role === 'delegation' && !u.state)
      ctx.addIssue({
        code: 'custom',
        path: ['state'],
        ...keyed('delegationState', 'a delegation is bound to one member state: give --state ISO3'),
      });
    if ((u.role === 'public' || u.role === 'secretariat' || u.role === 'editor') && u.state)
      ctx.addIssue({
        code: 'custom',
        path: ['state'],
        ...keyed('roleWithoutState', `a ${u.role} user represents no state`, {
          role: { t: `role.${u.role}` },
        }),
      });
  });
export type NewUser = z.infer<typeof newUserSchema>;

export const loginSchema = z.object({ name: userNameSchema, password: z.string().min(1).max(1024) }).strict();

export const openSchema = z
  .object({
    draftSymbol: documentSymbolSchema,
    title: plainText(500),
    text: plainText(100_000, { multiline: true }).optional(),
    agendaItemId: patterned(
      'itemId',
      /^[A-Za-z0-9][A-Za-z0-9:._-]{0,63}$/,
      'an agenda item id such as 2020-23',
    ),
    agendaItemTitleEn: plainText(500).optional(),
    agendaItemTitleZh: plainText(500).optional(),
    procedural: z.boolean().default(false),
    parties: z.array(iso3Schema).max(15).default([]),
    deadline: isoInstant.optional(),
    presidency: iso3Schema.optional(),
    /** A rehearsal: run like a real procedure, but nothing of it enters the record. */
    rehearsal: z.boolean().default(false),
  })
  .strict();
export type OpenInput = z.infer<typeof openSchema>;

export const voteSchema = z
  .object({
    vote: voteValueSchema.refine(
      (v) => v !== 'X',
      keyed('choice', 'a vote is Y (in favour), N (against) or A (abstention)'),
    ),
    state: iso3Schema.optional(),
    /** The client's clock when sending; refused if more than 5 minutes from the server's. */
    sentAt: isoInstant.optional(),
  })
  .strict();

export const announceSchema = z
  .object({
    format: z.enum(VTC_FORMATS),
    date: isoDateSchema.optional(),
    resolutionSymbol: documentSymbolSchema
      .refine(
        (s) => s.startsWith('S/RES/'),
        keyed('resolution', 'a resolution symbol such as S/RES/2518 (2020)'),
      )
      .optional(),
    outcomeLetterSymbol: documentSymbolSchema.optional(),
    recordLetterSymbol: documentSymbolSchema.optional(),
  })
  .strict();
export type AnnounceInput = z.infer<typeof announceSchema>;

/**
 * Parses input or throws a 400 naming each bad field: in English in the message, and as data in its issues
 * (each field's key and values), which the web console words in the reader's language.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const detail = r.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
  throw new ProcedureError(
    'invalid',
    `invalid ${what}: ${detail}`,
    undefined,
    r.error.issues.map((i) => ({ field: i.path.join('.'), ...issueWords(i, input), message: i.message })),
  );
}
