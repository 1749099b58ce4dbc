import type { Finding, FindingParam, FindingParams } from '../../ingest/repertoire/types.ts';
import { isLabelKey } from './lang.ts';
import { fmtDate, type View } from './format.ts';

/**
 * A draft's findings in the reader's language: each finding carries its code and the values its message
 * is made of (src/ingest/repertoire/types.ts), said through the dictionaries' `finding.<code>` (and
 * `.<variant>`). A finding the dictionaries do not know keeps its English message, which the zh walk
 * test (test/web/zh-walk.test.ts) reports as untranslated.
 */
export function findingText(v: View, f: Finding): string {
  const variant = typeof f.params?.variant === 'string' ? `.${f.params.variant}` : '';
  const key = `finding.${f.code}${variant}`;
  return isLabelKey(key) ? say(v, key, f.code, f.params) : f.message;
}

function say(v: View, key: string, code: string, params: FindingParams): string {
  if (!isLabelKey(key)) return key;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) vars[name] = valueText(v, code, name, value);
  return v.t(key, vars);
}

function valueText(v: View, code: string, name: string, value: FindingParam): string | number {
  // A date in a finding is said in words, as every date on the pages (src/domain/labels.ts).
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? fmtDate(value, v.lang) : value;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) {
    const sep = `finding.${code}.${name}.sep`;
    return value
      .map((item) => say(v, `finding.${code}.${name}`, code, item))
      .join(v.t(isLabelKey(sep) ? sep : 'finding.sep'));
  }
  if ('zh' in value) return value[v.lang];
  return isLabelKey(value.t) ? v.t(value.t) : value.t;
}

const WHERE = /^(line|paragraph|footnote|table row) (\d+)$/;
const WHERE_KEY = {
  line: 'finding.at.line',
  paragraph: 'finding.at.paragraph',
  footnote: 'finding.at.footnote',
  'table row': 'finding.at.tableRow',
} as const;

/** Where a finding is ("paragraph 3", "table row 1", "line 94"), in the reader's language. */
export function findingWhere(v: View, where: string): string {
  const m = WHERE.exec(where);
  if (m) return v.t(WHERE_KEY[m[1] as keyof typeof WHERE_KEY], { n: m[2]! });
  if (where === 'table') return v.t('finding.at.table');
  if (where === 'section') return v.t('finding.at.section');
  return where;
}
