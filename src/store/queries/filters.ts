import { z } from 'zod';
import { DECISION_KINDS, MEETING_FORMATS, MODALITIES } from '../../domain/vocabulary.ts';
import { pagingShape } from './paging.ts';

/**
 * The filters the list pages and the JSON API share, as zod schemas: they read a query string anywhere,
 * and the API's OpenAPI document shows the JSON Schema made from them (src/server/json-schema.ts), so
 * the descriptions written here are the documentation.
 */
// The lists are the domain's vocabulary; re-exported for the API and pages that filter by them.
export { DECISION_KINDS, MEETING_FORMATS, MODALITIES };

/** An empty parameter (a form's "any" choice submits year=) means no filter, as on the pages. */
function blankIsAbsent<T extends z.ZodType>(schema: T) {
  return z.preprocess((x) => (x === '' ? undefined : x), schema.optional());
}

const year = blankIsAbsent(z.coerce.number().int().min(1946).max(2100)).describe('calendar year');
const item = blankIsAbsent(z.coerce.number().int().min(1).max(10_000)).describe(
  'agenda item number in the Repertoire of that year (e.g. 23); with year',
);

export const meetingFilterSchema = z.strictObject({
  year,
  item,
  format: blankIsAbsent(z.enum(MEETING_FORMATS)).describe('meeting or videoconference format'),
  ...pagingShape,
});
export type MeetingFilter = z.infer<typeof meetingFilterSchema>;

export const decisionFilterSchema = z.strictObject({
  year,
  item,
  kind: blankIsAbsent(z.enum(DECISION_KINDS)),
  modality: blankIsAbsent(z.enum(MODALITIES)),
  vetoed: blankIsAbsent(z.enum(['0', '1'])).describe(
    '1: only drafts a permanent member vetoed (with kind=draft_not_adopted); 0: only the others',
  ),
  ...pagingShape,
});
export type DecisionFilter = z.infer<typeof decisionFilterSchema>;

/** The Atom feed takes the filters of the list pages it is linked from (no paging: the newest entries). */
export const feedFilterSchema = z.strictObject({
  year,
  item,
  kind: blankIsAbsent(z.enum(DECISION_KINDS)).describe('only decisions of this kind'),
  format: blankIsAbsent(z.enum(MEETING_FORMATS)).describe('only meetings of this format'),
});
export type FeedFilter = z.infer<typeof feedFilterSchema>;

export const itemFilterSchema = z.strictObject({
  year,
  ...pagingShape,
});
export type ItemFilter = z.infer<typeof itemFilterSchema>;

export const stateFilterSchema = z.strictObject({
  year: year.describe('only states on the Council during this year'),
  ...pagingShape,
});
export type StateFilter = z.infer<typeof stateFilterSchema>;

/** The window a feed reads: dates from `from` to before `to`, items among `itemIds`, the newest `limit`. */
export interface FeedWindow {
  from?: string | undefined;
  to?: string | undefined;
  itemIds?: string[] | undefined;
  limit: number;
}
