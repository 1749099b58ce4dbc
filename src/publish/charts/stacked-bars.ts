import type { Lang } from '../../domain/vocabulary.ts';
import { PALETTE, fmt, niceScale, svgDocument, text, textWidth } from './svg.ts';

export interface Series {
  key: string;
  label: string;
}

/** What stacked bars draw: categories (months, years, decades), series and their values. */
export interface StackedBarsSpec {
  id: string;
  lang: Lang;
  title: string;
  description: string;
  categories: { key: string; label: string }[];
  series: Series[];
  values: (category: string, series: string) => number;
  yLabel: string;
}

/** Stacked vertical bars, one per category (month, year), series stacked bottom-up in the given order. */
export function stackedBars(opts: StackedBarsSpec): string {
  // Many bars (every year since 1946): label every tenth category and leave totals to the tooltips and table.
  const many = opts.categories.length > 24;
  const labelled = (i: number) => !many || i % 10 === 0 || i === opts.categories.length - 1;
  const width = 760;
  // The legend goes under the plot, in rows as wide as the chart, so no label is cut whatever its
  // length or language ("United Kingdom of Great Britain and Northern Ireland", 大不列颠及北爱尔兰联合王国).
  const legend = legendRows(opts.series, width - 52 - 20, 12);
  const m = { top: 20, right: 20, bottom: 48 + legend.length * 20 + 8, left: 52 };
  const height = 312 + m.bottom;
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const totals = opts.categories.map((c) => opts.series.reduce((s, se) => s + opts.values(c.key, se.key), 0));
  const { top, step } = niceScale(Math.max(0, ...totals));
  const y = (v: number) => m.top + plotH - (v / top) * plotH;
  const band = plotW / Math.max(1, opts.categories.length);
  const barW = Math.max(2, band * 0.7);
  const parts: string[] = [];
  for (let v = 0; v <= top; v += step) {
    parts.push(
      `<line x1="${m.left}" x2="${m.left + plotW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ccc" stroke-width="1"/>`,
    );
    parts.push(text(m.left - 6, y(v) + 4, fmt(v, opts.lang), 'text-anchor="end" font-size="11" fill="#333"'));
  }
  parts.push(
    text(
      14,
      m.top + plotH / 2,
      opts.yLabel,
      `text-anchor="middle" font-size="11" fill="#333" transform="rotate(-90 14 ${m.top + plotH / 2})"`,
    ),
  );
  opts.categories.forEach((c, i) => {
    const x = m.left + i * band + (band - barW) / 2;
    let acc = 0;
    opts.series.forEach((s, si) => {
      const v = opts.values(c.key, s.key);
      if (v <= 0) return;
      const y0 = y(acc);
      const y1 = y(acc + v);
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y0 - y1).toFixed(1)}" fill="${PALETTE[si % PALETTE.length]}">` +
          `<title>${c.label}, ${s.label}: ${fmt(v, opts.lang)}</title></rect>`,
      );
      acc += v;
    });
    if (totals[i]! > 0 && !many)
      parts.push(
        text(
          x + barW / 2,
          y(totals[i]!) - 3,
          fmt(totals[i]!, opts.lang),
          'text-anchor="middle" font-size="10" fill="#111"',
        ),
      );
    if (labelled(i))
      parts.push(
        text(x + barW / 2, m.top + plotH + 16, c.label, 'text-anchor="middle" font-size="11" fill="#333"'),
      );
  });
  parts.push(
    `<line x1="${m.left}" x2="${m.left + plotW}" y1="${m.top + plotH}" y2="${m.top + plotH}" stroke="#333"/>`,
  );
  legend.forEach((row, r) => {
    const ly = m.top + plotH + 48 + r * 20;
    for (const { index, x } of row) {
      const lx = m.left + x;
      parts.push(
        `<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${PALETTE[index % PALETTE.length]}"/>`,
      );
      parts.push(text(lx + 18, ly, opts.series[index]!.label, 'font-size="12" fill="#111"'));
    }
  });
  return svgDocument(opts.id, width, height, opts.title, opts.description, parts.join(''));
}

/** Legend entries (swatch, gap, label) laid out left to right, a new row when the next one would not fit. */
function legendRows(series: Series[], maxWidth: number, fontSize: number): { index: number; x: number }[][] {
  const rows: { index: number; x: number }[][] = [[]];
  let x = 0;
  series.forEach((s, index) => {
    const w = 18 + textWidth(s.label, fontSize) + 24;
    if (x > 0 && x + w > maxWidth) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1]!.push({ index, x });
    x += w;
  });
  return rows;
}
