import { displayName } from '../../domain/states.ts';
import { vetoedDrafts } from '../../store/queries/decisions.ts';
import type { Db } from '../../store/record.ts';
import type { Lang } from '../../domain/vocabulary.ts';
import { barChart } from './bar-chart.ts';
import { fmt, type Chart } from './svg.ts';

/** The five permanent seats; the USSR's vetoes count under the seat the Russian Federation continues. */
const SEATS = ['CHN', 'FRA', 'GBR', 'RUS', 'USA'] as const;
const SEAT_OF: Record<string, (typeof SEATS)[number]> = { SUN: 'RUS' };

export interface DecadeVetoes {
  decade: number;
  bySeat: Record<(typeof SEATS)[number], number>;
  total: number;
}

function vetoers(json: string | null): string[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Vetoes cast by each permanent seat in each decade the record covers (a draft vetoed by two counts two). */
export async function vetoesPerDecade(db: Db): Promise<DecadeVetoes[]> {
  const rows = await vetoedDrafts(db);
  const decades = new Map<number, DecadeVetoes>();
  for (const r of rows) {
    if (!r.date) continue;
    const decade = Math.floor(Number(r.date.slice(0, 4)) / 10) * 10;
    const d = decades.get(decade) ?? {
      decade,
      bySeat: { CHN: 0, FRA: 0, GBR: 0, RUS: 0, USA: 0 },
      total: 0,
    };
    for (const s of vetoers(r.vetoed_by)) {
      const seat = SEAT_OF[s] ?? (SEATS as readonly string[]).find((x) => x === s);
      if (!seat) continue;
      d.bySeat[seat as (typeof SEATS)[number]] += 1;
      d.total += 1;
    }
    decades.set(decade, d);
  }
  if (decades.size === 0) return [];
  const first = Math.min(...decades.keys());
  const last = Math.max(...decades.keys());
  const out: DecadeVetoes[] = [];
  for (let d = first; d <= last; d += 10)
    out.push(decades.get(d) ?? { decade: d, bySeat: { CHN: 0, FRA: 0, GBR: 0, RUS: 0, USA: 0 }, total: 0 });
  return out;
}

export async function vetoesPerDecadeChart(db: Db, lang: Lang): Promise<Chart<DecadeVetoes[]>> {
  const data = await vetoesPerDecade(db);
  const label = (seat: (typeof SEATS)[number]) =>
    seat === 'RUS'
      ? lang === 'zh'
        ? '苏联 / 俄罗斯联邦'
        : 'USSR / Russian Federation'
      : displayName(seat, lang);
  const series = SEATS.map((s) => ({ key: s, label: label(s) }));
  const decadeLabel = (d: number) => (lang === 'zh' ? `${d} 年代` : `${d}s`);
  const title =
    lang === 'zh' ? '各常任理事国每十年所投否决票' : 'Vetoes cast by each permanent member, by decade';
  const description =
    (lang === 'zh'
      ? '记录中的否决票(依据联合国图书馆否决票清单和会议表)：'
      : 'Vetoes in the record (the UN Library veto list and meeting tables): ') +
    data
      .map(
        (d) =>
          `${decadeLabel(d.decade)} ${series.map((s) => `${s.label} ${fmt(d.bySeat[s.key], lang)}`).join(lang === 'zh' ? '、' : ', ')}`,
      )
      .join(lang === 'zh' ? '；' : '; ') +
    (lang === 'zh' ? '。' : '.');
  return barChart({
    id: 'chart-vetoes-decade',
    lang,
    title,
    description,
    data,
    categories: data.map((d) => ({ key: String(d.decade), label: decadeLabel(d.decade) })),
    series,
    values: (decade, seat) =>
      data.find((d) => String(d.decade) === decade)!.bySeat[seat as (typeof SEATS)[number]],
    yLabel: lang === 'zh' ? '否决票' : 'Vetoes',
    categoryHeading: lang === 'zh' ? '年代' : 'Decade',
  });
}
