import { decisionKindsByYear } from '../../store/queries/years.ts';
import type { Db } from '../../store/record.ts';
import { DECISION_KIND_PLURALS } from '../../domain/labels.ts';
import { DECISION_KINDS, type DecisionKind, type Lang } from '../../domain/vocabulary.ts';
import { yearBarChart } from './bar-chart.ts';
import { fmt, type Chart } from './svg.ts';

export interface YearCounts {
  year: number;
  counts: Record<DecisionKind, number>;
  total: number;
}

/** Decisions by kind for each year from `from` to `to` (inclusive), as the record holds them. */

export async function decisionsByKind(db: Db, from: number, to: number): Promise<YearCounts[]> {
  const rows = await decisionKindsByYear(db, from, to);
  const years: YearCounts[] = [];
  for (let y = from; y <= to; y++) {
    years.push({
      year: y,
      counts: Object.fromEntries(DECISION_KINDS.map((k) => [k, 0])) as Record<DecisionKind, number>,
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
  const used = DECISION_KINDS.filter((k) => data.some((y) => y.counts[k] > 0));
  const series = (used.length > 0 ? used : (['resolution'] as DecisionKind[])).map((k) => ({
    key: k,
    label: DECISION_KIND_PLURALS[lang][k],
  }));
  const span = from === to ? `${from}` : `${from}–${to}`;
  const parts = data.map((y) =>
    lang === 'zh'
      ? `${y.year} 年 ${series.map((s) => `${s.label} ${fmt(y.counts[s.key as DecisionKind], lang)}`).join('、')}`
      : `${y.year}: ${series.map((s) => `${s.label.toLowerCase()} ${fmt(y.counts[s.key as DecisionKind], lang)}`).join(', ')}`,
  );
  const description =
    lang === 'zh' ? `记录中的决定：${parts.join('；')}。` : `Decisions in the record. ${parts.join('; ')}.`;
  return yearBarChart(data, {
    id: `chart-decisions-${from}-${to}`,
    lang,
    title: lang === 'zh' ? `${span} 年各类决定数目` : `Decisions by kind, ${span}`,
    description,
    series,
    values: (y, k) => y.counts[k as DecisionKind],
    yLabel: lang === 'zh' ? '数目' : 'Number',
  });
}
