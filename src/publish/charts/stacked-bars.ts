import type { Lang } from '../labels.ts';
import { PALETTE, fmt, niceScale, svgDocument, text } from './svg.ts';

export interface Series {
  key: string;
  label: string;
}

/** Stacked vertical bars, one per category (month, year), series stacked bottom-up in the given order. */
export function stackedBars(opts: {
  id: string;
  lang: Lang;
  title: string;
  description: string;
  categories: { key: string; label: string }[];
  series: Series[];
  values: (category: string, series: string) => number;
  yLabel: string;
}): string {
  // Many bars (every year since 1946): label every tenth category and leave totals to the tooltips and table.
  const many = opts.categories.length > 24;
  const labelled = (i: number) => !many || i % 10 === 0 || i === opts.categories.length - 1;
  const width = 760;
  const height = 360;
  const m = { top: 20, right: 170, bottom: 48, left: 52 };
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
  opts.series.forEach((s, si) => {
    const ly = m.top + 8 + si * 20;
    const lx = width - m.right + 16;
    parts.push(
      `<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${PALETTE[si % PALETTE.length]}"/>`,
    );
    parts.push(text(lx + 18, ly, s.label, 'font-size="12" fill="#111"'));
  });
  return svgDocument(opts.id, width, height, opts.title, opts.description, parts.join(''));
}
