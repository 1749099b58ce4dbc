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
    // A field refused by two checks in the same words (a date of the wrong shape is no real date) says it once.
    const said = new Set(e.issues.map((i) => issueText(v, i, fieldLabels)));
    return v.t('refusal.invalid', { issues: [...said].join(v.t('refusal.issueSep')) });
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

/**
 * What a schema says of a field, from the key its issue carries (src/domain/issues.ts): every key has its
 * words in both dictionaries (the type of the key below, and test/web/i18n.test.ts).
 */
function issueText(v: View, i: RefusalIssue, fields: Record<string, LabelKey>): string {
  const key: LabelKey = `refusal.issue.${i.key}`;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(i.vars ?? {})) vars[name] = valueText(v, value, fields);
  const said = v.t(key, vars);
  return i.field ? `${fieldName(v, i.field, fields)}: ${said}` : said;
}
