import { sql } from 'kysely';
import type { Db } from '../../store/record.ts';
import type { DecisionTable } from '../../store/tables/core.ts';
import type { Lang } from '../labels.ts';
import { stackedBars } from './stacked-bars.ts';
import { dataTable, fmt, type Chart } from './svg.ts';

export type DecisionKind = DecisionTable['kind'];
export const KINDS_IN_ORDER: DecisionKind[] = [
  'resolution',
  'presidential_statement',
  'press_statement',
  'draft_not_adopted',
  'other',
];

export const KIND_LABELS: Record<Lang, Record<DecisionKind, string>> = {
  zh: {
    resolution: '决议',
    presidential_statement: '主席声明',
    press_statement: '新闻声明',
    draft_not_adopted: '未通过的决议草案',
    other: '其他',
  },
  en: {
    resolution: 'Resolutions',
    presidential_statement: 'Presidential statements',
    press_statement: 'Press statements',
    draft_not_adopted: 'Draft resolutions not adopted',
    other: 'Other',
  },
};

export interface YearCounts {
  year: number;
  counts: Record<DecisionKind, number>;
  total: number;
}

/** Decisions by kind for each year from `from` to `to` (inclusive), as the record holds them. */
const YEAR = sql<string>`substr(date, 1, 4)`;

export async function decisionsByKind(db: Db, from: number, to: number): Promise<YearCounts[]> {
  // Counted by the database: over the whole history that is a few hundred rows instead of every decision.
  const rows = await db
    .selectFrom('decision')
    .select([YEAR.as('year'), 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('date', '>=', `${from}-01-01`)
    .where('date', '<=', `${to}-12-31`)
    .groupBy([YEAR, 'kind'])
    .execute();
  const years: YearCounts[] = [];
  for (let y = from; y <= to; y++) {
    years.push({
      year: y,
      counts: {
        resolution: 0,
        presidential_statement: 0,
        press_statement: 0,
        draft_not_adopted: 0,
        other: 0,
      },
      total: 0,
    });
  }
  for (const r of rows) {
    const y = years[Number(r.year) - from];
    if (!y) continue;
    y.counts[r.kind] += Number(r.n);
    y.total += Number(r.n);
  }
  return years;
}

export async function decisionsByKindChart(
  db: Db,
  from: number,
  to: number,
  lang: Lang,
): Promise<Chart<YearCounts[]>> {
  if (to < from) throw new Error(`decisions chart: the period ${from}–${to} ends before it begins`);
  if (to - from > 80) throw new Error(`decisions chart: at most 80 years at once, asked for ${from}–${to}`);
  const data = await decisionsByKind(db, from, to);
  const used = KINDS_IN_ORDER.filter((k) => data.some((y) => y.counts[k] > 0));
  const series = (used.length > 0 ? used : (['resolution'] as DecisionKind[])).map((k) => ({
    key: k,
    label: KIND_LABELS[lang][k],
  }));
  const span = from === to ? `${from}` : `${from}–${to}`;
  const title = lang === 'zh' ? `${span} 年各类决定数目` : `Decisions by kind, ${span}`;
  const parts = data.map((y) =>
    lang === 'zh'
      ? `${y.year} 年 ${series.map((s) => `${s.label} ${fmt(y.counts[s.key as DecisionKind], lang)}`).join('、')}`
      : `${y.year}: ${series.map((s) => `${s.label.toLowerCase()} ${fmt(y.counts[s.key as DecisionKind], lang)}`).join(', ')}`,
  );
  const description =
    lang === 'zh' ? `记录中的决定：${parts.join('；')}。` : `Decisions in the record. ${parts.join('; ')}.`;
  const id = `chart-decisions-${from}-${to}`;
  const svg = stackedBars({
    id,
    lang,
    title,
    description,
    categories: data.map((y) => ({ key: String(y.year), label: String(y.year) })),
    series,
    values: (year, k) => data.find((y) => String(y.year) === year)!.counts[k as DecisionKind],
    yLabel: lang === 'zh' ? '数目' : 'Number',
  });
  const table = dataTable(
    id,
    title,
    [lang === 'zh' ? '年份' : 'Year', ...series.map((s) => s.label), lang === 'zh' ? '合计' : 'Total'],
    data.map((y) => [String(y.year), ...series.map((s) => y.counts[s.key as DecisionKind]), y.total]),
    lang,
  );
  return { id, lang, title, description, svg, table, data };
}
