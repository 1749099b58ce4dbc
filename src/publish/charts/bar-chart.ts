import { stackedBars, type StackedBarsSpec } from './stacked-bars.ts';
import { dataTable, type Chart } from './svg.ts';

/** What a bar chart shows: its bars (categories, series, values), its data and its table's columns. */
export interface BarChartSpec<D> extends StackedBarsSpec {
  data: D;
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

/** A bar chart over years: a bar a year of the data, its values and table columns read from a year's datum. */
export interface YearBarChartSpec<Y extends { year: number }> extends Omit<
  BarChartSpec<Y[]>,
  'data' | 'categories' | 'values' | 'categoryHeading' | 'before'
> {
  values: (year: Y, series: string) => number;
  before?: { label: string; value: (year: Y) => number }[];
}

/** A bar a year (the data's years, in their order), the table's first column headed "Year". */
export function yearBarChart<Y extends { year: number }>(data: Y[], spec: YearBarChartSpec<Y>): Chart<Y[]> {
  const yearOf = (year: string) => data.find((y) => String(y.year) === year)!;
  return barChart({
    ...spec,
    data,
    categories: data.map((y) => ({ key: String(y.year), label: String(y.year) })),
    categoryHeading: spec.lang === 'zh' ? '年份' : 'Year',
    values: (year, series) => spec.values(yearOf(year), series),
    before: spec.before?.map((b) => ({ label: b.label, value: (year: string) => b.value(yearOf(year)) })),
  });
}
