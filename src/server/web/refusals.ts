import type { ProcedureError, RefusalIssue, RefusalValue } from '../../procedure/errors.ts';
import type { View } from './format.ts';
import { fmtDate, fmtTime, stateName } from './format.ts';
import type { LabelKey } from './i18n/en.ts';
import { isLabelKey } from './lang.ts';

/**
 * A refusal of the written procedure (src/procedure/errors.ts) in the reader's language: its words
 * (`refusal.<key>` of the dictionaries), or, for a refused input, each field by its label with what is
 * wrong with it. A refusal without words keeps its English message, which the zh walk
 * (test/web/zh-walk.test.ts) reports.
 */
export function refusalText(v: View, e: ProcedureError, fieldLabels: Record<string, LabelKey> = {}): string {
  if (e.issues && e.issues.length > 0) {
    return v.t('refusal.invalid', {
      issues: e.issues.map((i) => issueText(v, i, fieldLabels)).join(v.t('refusal.issueSep')),
    });
  }
  const key = e.words ? `refusal.${e.words.key}` : '';
  if (!e.words || !isLabelKey(key)) return e.message;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(e.words.vars ?? {}))
    vars[name] = valueText(v, value, fieldLabels);
  return v.t(key, vars);
}

function valueText(v: View, value: RefusalValue, fields: Record<string, LabelKey>): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((x) => valueText(v, x, fields)).join(v.t('refusal.listSep'));
  if ('state' in value) return stateName(value.state, v.lang);
  if ('date' in value) return fmtDate(value.date, v.lang);
  if ('time' in value) return fmtTime(value.time, v.lang);
  if ('field' in value) return fieldName(v, value.field, fields);
  return isLabelKey(value.t) ? v.t(value.t) : value.t;
}

function fieldName(v: View, field: string, fields: Record<string, LabelKey>): string {
  const key = fields[field];
  return key ? `«${v.t(key)}»` : field;
}

/** What a schema says of a field, by its English message (src/procedure/schemas.ts, src/domain/model.ts). */
const ISSUES: [RegExp, LabelKey][] = [
  [/^must not be empty$|^Required$|^String must contain at least 1/, 'refusal.issue.empty'],
  [/^at most (?<max>\d+) characters$|^String must contain at most (?<max2>\d+)/, 'refusal.issue.tooLong'],
  [/^must be plain text/, 'refusal.issue.markup'],
  [/^contains control characters$/, 'refusal.issue.control'],
  [/^contains bidirectional control characters/, 'refusal.issue.bidi'],
  [/^expected an ISO 8601 time/, 'refusal.issue.time'],
  [/^not a real time$/, 'refusal.issue.time'],
  [/^expected a date as YYYY-MM-DD$|^not a real calendar date$/, 'refusal.issue.date'],
  [/^an agenda item id such as 2020-23$/, 'refusal.issue.itemId'],
  [/^a resolution symbol such as/, 'refusal.issue.resolution'],
  [/^expected a canonical UN symbol/, 'refusal.issue.symbol'],
  [/^expected an ISO 3166 alpha-3 code$|^not a known member/, 'refusal.issue.state'],
  [/^a vote is Y \(in favour\)|^Invalid enum value/, 'refusal.issue.choice'],
  [/^Unrecognized key/, 'refusal.issue.unknownField'],
];

function issueText(v: View, i: RefusalIssue, fields: Record<string, LabelKey>): string {
  let said: string | undefined;
  for (const [re, key] of ISSUES) {
    const m = re.exec(i.message);
    if (!m) continue;
    said = v.t(key, { max: m.groups?.max ?? m.groups?.max2 ?? '' });
    break;
  }
  said ??= v.t('refusal.issue.other');
  return i.field ? `${fieldName(v, i.field, fields)}: ${said}` : said;
}
