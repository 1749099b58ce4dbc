import { MONTH_NAMES_EN } from '../../domain/dates.ts';
import { meetingFormatsOfYear } from '../../store/queries/years.ts';
import type { Db } from '../../store/record.ts';
import { MEETING_FORMAT_PLURALS } from '../../domain/labels.ts';
import { MEETING_FORMATS, type Lang, type MeetingFormat } from '../../domain/vocabulary.ts';
import { barChart } from './bar-chart.ts';
import { fmt, type Chart } from './svg.ts';

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
  const rows = await meetingFormatsOfYear(db, year);
  const months: MonthCounts[] = Array.from({ length: 12 }, (_, i) => ({
    month: `${year}-${String(i + 1).padStart(2, '0')}`,
    counts: Object.fromEntries(MEETING_FORMATS.map((f) => [f, 0])) as Record<MeetingFormat, number>,
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
  const used = MEETING_FORMATS.filter((f) => data.some((m) => m.counts[f] > 0));
  const series = (used.length > 0 ? used : (['formal_public', 'open_vtc'] as MeetingFormat[])).map((f) => ({
    key: f,
    label: MEETING_FORMAT_PLURALS[lang][f],
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
  return barChart({
    id: `chart-meetings-${year}`,
    lang,
    title,
    description,
    data,
    categories: data.map((m, i) => ({ key: m.month, label: MONTHS[lang][i]! })),
    series,
    values: (month, f) => data.find((m) => m.month === month)!.counts[f as MeetingFormat],
    yLabel: lang === 'zh' ? '次数' : 'Number',
    categoryHeading: lang === 'zh' ? '月份' : 'Month',
  });
}
