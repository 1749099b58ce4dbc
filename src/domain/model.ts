import { z } from 'zod';
import { isRealDate } from './dates.ts';
import { keyed, patterned, valueAt } from './issues.ts';
import { getState } from './states.ts';
import { tryParseSymbol, type SymbolKind } from './symbols.ts';
import { AGENDA_CATEGORIES, DECISION_KINDS, LANGS, MEETING_FORMATS, MODALITIES } from './vocabulary.ts';

/**
 * The record's domain model, validated at the boundary: everything an importer, the extraction pipeline or
 * the voting procedure hands to the store passes through these schemas first, so a wrong date, an unknown
 * state, a malformed symbol or a vote total that contradicts the per-member votes never reaches the database.
 */

// Each check carries the key the web console words it by (src/domain/issues.ts); the message is the English.
export const isoDateSchema = patterned('date', /^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine(
  (s) => isRealDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))),
  keyed('date', 'not a real calendar date'),
);

export const iso3Schema = patterned('state', /^[A-Z]{3}$/, 'expected an ISO 3166 alpha-3 code').refine(
  (c) => getState(c) !== undefined,
  keyed('state', 'not a known member, observer or historical state'),
);

function symbolSchema(...kinds: SymbolKind[]) {
  return z.string().refine(
    (s) => {
      const parsed = tryParseSymbol(s);
      return parsed !== undefined && parsed.text === s && (kinds.length === 0 || kinds.includes(parsed.kind));
    },
    keyed('symbol', `expected a canonical UN symbol${kinds.length ? ` of kind ${kinds.join(' or ')}` : ''}`),
  );
}

export const documentSymbolSchema = symbolSchema();
export const meetingFormatSchema = z.enum(MEETING_FORMATS);
export const voteValueSchema = z.enum(['Y', 'N', 'A', 'X']);
export const langSchema = z.enum(LANGS);

export const provenanceSchema = z.object({
  sourceId: z.string().min(1),
  locator: z.string().min(1),
});

export const agendaItemSchema = z.object({
  year: z.number().int().min(1946).max(2100),
  number: z.number().int().positive().nullable(),
  titleZh: z.string().min(1).nullable(),
  titleEn: z.string().min(1).nullable(),
  category: z.enum(AGENDA_CATEGORIES),
});

export const meetingSchema = z.object({
  date: isoDateSchema,
  format: meetingFormatSchema,
  recordSymbol: documentSymbolSchema.nullable(),
  letterDate: isoDateSchema.nullable(),
  titleZh: z.string().nullable(),
  titleEn: z.string().nullable(),
  agendaItemId: z.string().nullable(),
  presidency: iso3Schema.nullable(),
  initiative: iso3Schema.nullable(),
  chair: z.string().nullable(),
});

export const participantSchema = z.object({
  kind: z.enum(['briefer', 'speaker', 'chair', 'member', 'invited']),
  roleZh: z.string().nullable(),
  roleEn: z.string().nullable(),
  office: z.string().nullable(),
  organisation: z.string().nullable(),
  mission: z.string().nullable(),
  state: iso3Schema.nullable(),
  name: z.string().nullable(),
  gender: z.enum(['female', 'male']).nullable(),
});

export const memberVoteSchema = z.object({ state: iso3Schema, vote: voteValueSchema });

export const decisionSchema = z
  .object({
    kind: z.enum(DECISION_KINDS),
    symbol: documentSymbolSchema.nullable(),
    draftSymbol: documentSymbolSchema.nullable(),
    date: isoDateSchema.nullable(),
    modality: z.enum(MODALITIES).nullable(),
    adopted: z.boolean().nullable(),
    for: z.number().int().min(0).max(15).nullable(),
    against: z.number().int().min(0).max(15).nullable(),
    abstaining: z.number().int().min(0).max(15).nullable(),
    absent: z.number().int().min(0).max(15).nullable(),
    writtenProcedureLetter: documentSymbolSchema.nullable(),
    recordLetter: documentSymbolSchema.nullable(),
    votes: z.array(memberVoteSchema).optional(),
  })
  .superRefine((d, ctx) => {
    if (!d.symbol && !d.draftSymbol) {
      ctx.addIssue({
        code: 'custom',
        path: ['symbol'],
        message: 'a decision needs its symbol or its draft symbol',
      });
    }
    const totals = [d.for, d.against, d.abstaining, d.absent].filter((n): n is number => n !== null);
    if (totals.reduce((a, b) => a + b, 0) > 15) {
      ctx.addIssue({ code: 'custom', path: ['for'], message: 'vote totals add up to more than 15 members' });
    }
    if (!d.votes || d.votes.length === 0) return;
    const seen = new Set<string>();
    for (const [i, v] of d.votes.entries()) {
      if (seen.has(v.state)) {
        ctx.addIssue({ code: 'custom', path: ['votes', i, 'state'], message: `${v.state} votes twice` });
      }
      seen.add(v.state);
    }
    const count = (x: string) => d.votes!.filter((v) => v.vote === x).length;
    // A source may give only some members' votes (a veto list names the vetoing members): then no count
    // may exceed its total; a full list (every member, or as many votes as the totals) must match exactly.
    const declared = totals.reduce((a, b) => a + b, 0);
    const complete = d.votes.length >= 15 || (declared > 0 && d.votes.length >= declared);
    const checks: [keyof typeof d, string, string][] = [
      ['for', 'Y', 'in favour'],
      ['against', 'N', 'against'],
      ['abstaining', 'A', 'abstaining'],
    ];
    for (const [field, code, label] of checks) {
      const total = d[field] as number | null;
      if (total !== null && (complete ? total !== count(code) : count(code) > total)) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `total ${label} is ${total} but the per-member votes give ${count(code)}`,
        });
      }
    }
  });

export const citationSchema = z.object({
  symbol: documentSymbolSchema,
  paragraphs: z.array(z.number().int().positive()).optional(),
});

export const positionSchema = z.object({
  summary: z.string().min(1),
  lang: langSchema,
  states: z.array(iso3Schema).min(1),
  citation: z.object({ footnote: z.number().int().positive() }).nullable(),
});

export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type Participant = z.infer<typeof participantSchema>;
export type Decision = z.infer<typeof decisionSchema>;
export type Citation = z.infer<typeof citationSchema>;
export type Position = z.infer<typeof positionSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;

export class ValidationError extends Error {
  constructor(
    readonly where: string,
    readonly issues: { path: string; message: string; value: unknown }[],
  ) {
    super(
      `${where}: ${issues.map((i) => `${i.path || '(record)'}: ${i.message}${i.value !== undefined ? ` (got ${JSON.stringify(i.value)})` : ''}`).join('; ')}`,
    );
    this.name = 'ValidationError';
  }
}

/** Validates `input`; throws ValidationError naming `where`, each bad field and the value it had. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ValidationError(
    where,
    r.error.issues.map((i) => ({
      path: i.path.join('.'),
      message: i.message,
      value: valueAt(input, i.path),
    })),
  );
}
