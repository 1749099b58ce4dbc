import { MONTH_NAMES_EN } from '../../domain/dates.ts';
import type { Db } from '../../store/record.ts';
import type { MeetingTable } from '../../store/tables/core.ts';
import type { Lang } from '../labels.ts';
import { stackedBars } from './stacked-bars.ts';
import { dataTable, fmt, type Chart } from './svg.ts';

export type MeetingFormat = MeetingTable['format'];
export const FORMATS_IN_ORDER: MeetingFormat[] = [
  'formal_public',
  'formal_private',
  'open_vtc',
  'closed_vtc',
  'informal',
];

export const FORMAT_LABELS: Record<Lang, Record<MeetingFormat, string>> = {
  zh: {
    formal_public: '公开会议',
    formal_private: '非公开会议',
    open_vtc: '公开视频会议',
    closed_vtc: '非公开视频会议',
    informal: '非正式会议',
  },
  en: {
    formal_public: 'Public meetings',
    formal_private: 'Private meetings',
    open_vtc: 'Open videoconferences',
    closed_vtc: 'Closed videoconferences',
    informal: 'Informal meetings',
  },
};

const MONTHS: Record<Lang, string[]> = {
  zh: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

export interface MonthCounts {
  month: string; // YYYY-MM
  counts: Record<MeetingFormat, number>;
  total: number;
}

/** Meetings and videoconferences of a year by month and format, as the record holds them. */
export async function meetingsPerMonth(db: Db, year: number): Promise<MonthCounts[]> {
  const rows = await db
    .selectFrom('meeting')
    .select(['date', 'format'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute();
  const months: MonthCounts[] = Array.from({ length: 12 }, (_, i) => ({
    month: `${year}-${String(i + 1).padStart(2, '0')}`,
    counts: { formal_public: 0, formal_private: 0, open_vtc: 0, closed_vtc: 0, informal: 0 },
    total: 0,
  }));
  for (const r of rows) {
    const m = months[Number(r.date.slice(5, 7)) - 1];
    if (!m) continue;
    m.counts[r.format] += 1;
    m.total += 1;
  }
  return months;
}

export async function meetingsPerMonthChart(db: Db, year: number, lang: Lang): Promise<Chart<MonthCounts[]>> {
  const data = await meetingsPerMonth(db, year);
  const used = FORMATS_IN_ORDER.filter((f) => data.some((m) => m.counts[f] > 0));
  const series = (used.length > 0 ? used : (['formal_public', 'open_vtc'] as MeetingFormat[])).map((f) => ({
    key: f,
    label: FORMAT_LABELS[lang][f],
  }));
  const total = data.reduce((s, m) => s + m.total, 0);
  const busiest = [...data].sort((a, b) => b.total - a.total)[0]!;
  const byFormat = series.map(
    (s) =>
      `${s.label} ${fmt(
        data.reduce((n, m) => n + m.counts[s.key as MeetingFormat], 0),
        lang,
      )}`,
  );
  const title =
    lang === 'zh'
      ? `${year} 年每月会议和视频会议(公开与非公开)`
      : `Meetings and videoconferences per month in ${year}, open and closed`;
  const description =
    lang === 'zh'
      ? `记录中 ${year} 年共有 ${fmt(total, lang)} 次会议和视频会议：${byFormat.join('，')}。最多的月份是 ${Number(busiest.month.slice(5))} 月(${fmt(busiest.total, lang)} 次)。`
      : `The record holds ${fmt(total, lang)} meetings and videoconferences in ${year}: ${byFormat.join(', ')}. ` +
        `The busiest month was ${MONTH_NAMES_EN[Number(busiest.month.slice(5)) - 1]} (${fmt(busiest.total, lang)}).`;
  const id = `chart-meetings-${year}`;
  const svg = stackedBars({
    id,
    lang,
    title,
    description,
    categories: data.map((m, i) => ({ key: m.month, label: MONTHS[lang][i]! })),
    series,
    values: (month, f) => data.find((m) => m.month === month)!.counts[f as MeetingFormat],
    yLabel: lang === 'zh' ? '次数' : 'Number',
  });
  const table = dataTable(
    id,
    title,
    [lang === 'zh' ? '月份' : 'Month', ...series.map((s) => s.label), lang === 'zh' ? '合计' : 'Total'],
    data.map((m, i) => [MONTHS[lang][i]!, ...series.map((s) => m.counts[s.key as MeetingFormat]), m.total]),
    lang,
  );
  return { id, lang, title, description, svg, table, data };
}
