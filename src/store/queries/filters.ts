import { z } from 'zod';
import { DECISION_KINDS, MEETING_FORMATS, MODALITIES } from '../../domain/vocabulary.ts';
import { pagingJsonSchema, pagingShape } from './paging.ts';

/**
 * The filters the list pages and the JSON API share. Each list has a zod schema (to read a query string
 * anywhere) and the matching JSON schema (for Fastify's validation and OpenAPI); keep the two in step.
 */
// The lists are the domain's vocabulary; re-exported for the API and pages that filter by them.
export { DECISION_KINDS, MEETING_FORMATS, MODALITIES };

/** An empty parameter (a form's "any" choice submits year=) means no filter, as on the pages. */
function blankIsAbsent<T extends z.ZodType>(schema: T) {
  return z.preprocess((x) => (x === '' ? undefined : x), schema.optional());
}

const year = blankIsAbsent(z.coerce.number().int().min(1946).max(2100));
const item = blankIsAbsent(z.coerce.number().int().min(1).max(10_000));

export const meetingFilterSchema = z.strictObject({
  year,
  item,
  format: blankIsAbsent(z.enum(MEETING_FORMATS)),
  ...pagingShape,
});
export type MeetingFilter = z.infer<typeof meetingFilterSchema>;

export const decisionFilterSchema = z.strictObject({
  year,
  item,
  kind: blankIsAbsent(z.enum(DECISION_KINDS)),
  modality: blankIsAbsent(z.enum(MODALITIES)),
  vetoed: blankIsAbsent(z.enum(['0', '1'])),
  ...pagingShape,
});
export type DecisionFilter = z.infer<typeof decisionFilterSchema>;

/** The Atom feed takes the filters of the list pages it is linked from (no paging: the newest entries). */
export const feedFilterSchema = z.strictObject({
  year,
  item,
  kind: blankIsAbsent(z.enum(DECISION_KINDS)),
  format: blankIsAbsent(z.enum(MEETING_FORMATS)),
});
export type FeedFilter = z.infer<typeof feedFilterSchema>;

export const itemFilterSchema = z.strictObject({
  year,
  ...pagingShape,
});
export type ItemFilter = z.infer<typeof itemFilterSchema>;

export const stateFilterSchema = z.strictObject({
  /** Only states that sat on the Council in this year. */
  year,
  ...pagingShape,
});
export type StateFilter = z.infer<typeof stateFilterSchema>;

const yearJson = { type: 'integer', minimum: 1946, maximum: 2100, description: 'calendar year' } as const;
const itemJson = {
  type: 'integer',
  minimum: 1,
  maximum: 10_000,
  description: 'agenda item number in the Repertoire of that year (e.g. 23); with year',
} as const;

export const meetingFilterJson = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: yearJson,
    item: itemJson,
    format: { type: 'string', enum: [...MEETING_FORMATS], description: 'meeting or videoconference format' },
    ...pagingJsonSchema,
  },
} as const;

export const decisionFilterJson = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: yearJson,
    item: itemJson,
    kind: { type: 'string', enum: [...DECISION_KINDS] },
    modality: { type: 'string', enum: [...MODALITIES] },
    vetoed: {
      type: 'string',
      enum: ['0', '1'],
      description:
        '1: only drafts a permanent member vetoed (with kind=draft_not_adopted); 0: only the others',
    },
    ...pagingJsonSchema,
  },
} as const;

export const feedFilterJson = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: yearJson,
    item: itemJson,
    kind: { type: 'string', enum: [...DECISION_KINDS], description: 'only decisions of this kind' },
    format: { type: 'string', enum: [...MEETING_FORMATS], description: 'only meetings of this format' },
  },
} as const;

export const itemFilterJson = {
  type: 'object',
  additionalProperties: false,
  properties: { year: yearJson, ...pagingJsonSchema },
} as const;

export const stateFilterJson = {
  type: 'object',
  additionalProperties: false,
  properties: {
    year: { ...yearJson, description: 'only states on the Council during this year' },
    ...pagingJsonSchema,
  },
} as const;
