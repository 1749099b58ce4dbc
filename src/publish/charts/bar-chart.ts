import type { Lang } from '../../domain/vocabulary.ts';
import { stackedBars, type Series } from './stacked-bars.ts';
import { dataTable, type Chart } from './svg.ts';

/** What a bar chart shows: its categories (months, years, decades), its series and their values. */
export interface BarChartSpec<D> {
  id: string;
  lang: Lang;
  title: string;
  description: string;
  data: D;
  categories: { key: string; label: string }[];
  series: Series[];
  values: (category: string, series: string) => number;
  yLabel: string;
  /** The heading of the table's first column: what a category is ("Year", "Month"). */
  categoryHeading: string;
  /** Columns of the table between the category and the series (not drawn). */
  before?: { label: string; value: (category: string) => number }[];
  /** Whether the table ends with each category's total over the series (default: it does). */
  total?: boolean;
}

/**
 * A chart of stacked bars with the table of its numbers: every published chart but the agreement matrix.
 * The table's rows are the chart's categories, its columns the series, so the two cannot disagree.
 */
export function barChart<D>(spec: BarChartSpec<D>): Chart<D> {
  const { id, lang, title, description, data, series } = spec;
  const before = spec.before ?? [];
  const total = spec.total ?? true;
  const svg = stackedBars(spec);
  const columns = [
    spec.categoryHeading,
    ...before.map((b) => b.label),
    ...series.map((s) => s.label),
    ...(total ? [lang === 'zh' ? '合计' : 'Total'] : []),
  ];
  const rows = spec.categories.map((c) => {
    const values = series.map((s) => spec.values(c.key, s.key));
    const sum = values.reduce((a, b) => a + b, 0);
    return [c.label, ...before.map((b) => b.value(c.key)), ...values, ...(total ? [sum] : [])];
  });
  const table = dataTable(id, title, columns, rows, lang);
  return { id, lang, title, description, svg, table, data };
}
