/**
 * Dates in zh and en UN texts → ISO YYYY-MM-DD. Reads "2020 年 6 月 26 日", "3 月 30 日" (year from
 * context), "二〇二〇年三月三十日", "Tuesday, 21 July 2020", "21 July", "July 21, 2020", "30/03/2020"
 * (day first, as the UN writes it), days written together ("19 and 20 December 2019", "12月19日和20日"),
 * and dates relative to the document's own date ("今年1月10日", "去年12月20日", "20 December last year").
 * Impossible dates (30 February, 31 April, month 13) are not dates.
 *
 * A date written without a year takes the year written last before it, but not one of a deadline or a
 * date to come ("until 10 July 2021"); when the document's own date is known (given, or read from its
 * head: a record's date, a letter's date, a dateline), a past event is never dated after the document:
 * "since 14 November" in a record of 10 January 2020 is 2019-11-14.
 */
import { isRealDate, MONTH_NAMES_EN } from '../../domain/dates.ts';
import { allMatches } from '../../lib/matches.ts';
import { foldText, type Lang } from './text.ts';
import { zhNumeral } from './numbers.ts';

export interface DateMention {
  date: string;
  start: number;
  end: number;
  text: string;
  /** True when the year was not written beside the day and month but taken from context. */
  yearFromContext: boolean;
}

export interface DateOptions {
  /** Year for dates written without one, when the text itself gives none before them. */
  year?: number;
  /** The text is already folded (the Repertoire pipeline's normalised text): skip folding it again. */
  folded?: boolean;
  /** The document's own date (YYYY-MM-DD): anchors relative and year-less dates (see above). */
  documentDate?: string;
}

const MONTHS_EN: readonly string[] = MONTH_NAMES_EN.map((m) => m.toLowerCase());

/** A real calendar date in the years UN documents of the record can name (1900–2100). */
function isValidDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && y >= 1900 && y <= 2100 && isRealDate(y, m, d);
}

const ZH_NUM = '\\d{1,4}|[〇零一二三四五六七八九十]{1,4}';
const ZH_DATE = new RegExp(`(?:(${ZH_NUM})\\s*年\\s*)?(${ZH_NUM})\\s*月\\s*(${ZH_NUM})\\s*[日号]`, 'g');
const MONTH = MONTH_NAMES_EN.join('|');
const EN_DAY_MONTH = new RegExp(
  String.raw`\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(\d{1,2})\s+(${MONTH})(?:,?\s+(\d{4}))?\b`,
  'g',
);
const EN_MONTH_DAY = new RegExp(String.raw`\b(${MONTH})\s+(\d{1,2}),\s*(\d{4})\b`, 'g');
// News style: "Jan. 10", "January 10, 2020", "on March 30" ("May 2" is left alone: the verb is too common).
const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'Aug', 'Sept', 'Sep', 'Oct', 'Nov', 'Dec'];
const EN_NEWS_MONTH_DAY = new RegExp(
  String.raw`\b(${MONTH_NAMES_EN.filter((m) => m !== 'May').join('|')}|(?:${MONTH_ABBREVIATIONS.join('|')})\.)[ \t]+(\d{1,2})\b(?:,\s*(\d{4})\b)?(?![\d%/]|\.\d|\s*(?:per\b|million|billion|years?|months?|weeks?|days?|members?|votes?|states|countries|people|persons))`,
  'g',
);
const ABBREVIATION_MONTH: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DIGIT = /[\d〇零一二三四五六七八九十]/;
const MONTH_NAME = new RegExp(`${MONTH}|\\b(?:${MONTH_ABBREVIATIONS.join('|')})\\.`);
const NUMERIC = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const ZH_YEAR = /(\d{4}|[〇零一二三四五六七八九]{4})\s*年/g;
// Days written before the one that carries the month: "19 and 20 December 2019", "7, 8 and 9 July".
const EN_DAYS = new RegExp(
  String.raw`\b(\d{1,2})((?:\s*(?:,|and|[–-])\s*\d{1,2})*)\s*(?:,\s*)?(?:and|[–-])\s*(\d{1,2})\s+(${MONTH_NAMES_EN.join('|')})(?:,?\s+(\d{4}))?\b`,
  'g',
);
// Days written after a Chinese date: "12月19日和20日", "7月7日至8日".
const ZH_MORE_DAYS = /^\s*(?:和|及|至|、|[–-])\s*(\d{1,2})\s*[日号]/;
const ZH_RELATIVE = /(今年|去年|前年|明年)\s*$/;
const ZH_RELATIVE_YEAR: Record<string, number> = { 今年: 0, 去年: -1, 前年: -2, 明年: 1 };
const EN_RELATIVE = /^\s*(?:of\s+)?(this|last|next)\s+year\b/i;
const EN_RELATIVE_YEAR: Record<string, number> = { this: 0, last: -1, next: 1 };
/** Words before a date that make it a date to come (a deadline, a plan), not a past event. */
const FUTURE_CUE =
  /(?:\b(?:until|till|by|before|next|due|scheduled|expected|will|shall|upcoming|expires?|expiring|extend(?:ed|s|ing)?)\b[^.;]{0,12}|(?:至|到|截至|直至|将于|将在|以前|之前|前)\s*)$/i;
/** Words that put a date after the document for certain ("will close by Jan. 10", "将于"). */
const TO_COME = /(?:\b(?:will|shall|next|upcoming|scheduled|expected)\b[^.;]{0,16}|(?:将于|将在)\s*)$/i;
const EN_YEAR = /\b(?:in|of|year)\s+(\d{4})\b/gi;

/** A month or day as ISO writes it: two digits. */
const pad2 = (n: number): string => String(n).padStart(2, '0');

function num(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? Number(text) : zhNumeral(text);
}

interface Raw {
  y?: number;
  m: number;
  d: number;
  start: number;
  end: number;
  /** Years from the document's year ("去年" -1), for a date written relative to it. */
  relative?: number;
}

/** A date found where no earlier one was. */
function addRaw(raws: Raw[], r: Raw): void {
  if (!raws.some((x) => r.start < x.end && x.start < r.end)) raws.push(r);
}

type YearMonthDay = [number | undefined, number, number];
const monthOf = (name: string): number =>
  MONTHS_EN.indexOf(name.toLowerCase()) + 1 || (ABBREVIATION_MONTH[name.toLowerCase().replace('.', '')] ?? 0);
// How each pattern's groups give year, month and day ("21 July 2020", "July 21, 2020", "21/07/2020", ISO).
const dayMonthYear = (m: RegExpExecArray): YearMonthDay => [
  m[3] ? Number(m[3]) : undefined,
  monthOf(m[2]!),
  Number(m[1]),
];
const monthDayYear = (m: RegExpExecArray): YearMonthDay => [Number(m[3]), monthOf(m[1]!), Number(m[2])];
const newsMonthDay = (m: RegExpExecArray): YearMonthDay => [
  m[3] ? Number(m[3]) : undefined,
  monthOf(m[1]!),
  Number(m[2]),
];
const numericDate = (m: RegExpExecArray): YearMonthDay => [Number(m[3]), Number(m[2]), Number(m[1])];
const isoYearMonthDay = (m: RegExpExecArray): YearMonthDay => [Number(m[1]), Number(m[2]), Number(m[3])];

/** Each match of `re` as a date, its year, month and day read by `ymd`. */
function addAll(raws: Raw[], re: RegExp, text: string, ymd: (m: RegExpExecArray) => YearMonthDay): void {
  for (const m of allMatches(re, text)) {
    const [y, mo, d] = ymd(m);
    addRaw(raws, { y, m: mo, d, start: m.index, end: m.index + m[0].length });
  }
}

/** Every date in the text, in order, with the year of year-less dates taken as the header says. */
export function scanDateMentions(text: string, lang: Lang, options: DateOptions = {}): DateMention[] {
  const folded = options.folded ? text : foldText(text, lang);
  const raws: Raw[] = [];
  const years: { at: number; year: number }[] = [];
  // Every pattern needs a digit (or a Chinese numeral) and its own marker character or month name: a
  // cheap test first spares the regular expressions most texts (footnotes, table cells) give them nothing.
  if (!DIGIT.test(folded)) return [];
  const monthName = MONTH_NAME.test(folded);
  if (lang === 'zh' && folded.includes('月')) {
    for (const m of allMatches(ZH_DATE, folded)) {
      const mo = num(m[2]);
      const d = num(m[3]);
      if (mo === undefined || d === undefined) continue;
      const y = num(m[1]);
      const raw: Raw = { y, m: mo, d, start: m.index, end: m.index + m[0].length };
      if (y === undefined) {
        const rel = ZH_RELATIVE.exec(folded.slice(Math.max(0, m.index - 4), m.index));
        if (rel) raw.relative = ZH_RELATIVE_YEAR[rel[1]!];
      }
      addRaw(raws, raw);
      for (let at = raw.end, more = ZH_MORE_DAYS.exec(folded.slice(at, at + 12)); more;) {
        addRaw(raws, { ...raw, d: Number(more[1]), start: at, end: at + more[0].length });
        at += more[0].length;
        more = ZH_MORE_DAYS.exec(folded.slice(at, at + 12));
      }
    }
  }
  if (lang === 'zh' && folded.includes('年')) {
    for (const m of allMatches(ZH_YEAR, folded)) years.push({ at: m.index, year: num(m[1])! });
  }
  if (monthName) {
    // The days written before a month first, each a date of its own; the last day goes with its month.
    for (const m of allMatches(EN_DAYS, folded)) {
      const mo = monthOf(m[4]!);
      const y = m[5] ? Number(m[5]) : undefined;
      const days = [m[1]!, ...(m[2]!.match(/\d{1,2}/g) ?? [])];
      let at = m.index;
      for (const day of days) {
        const start = folded.indexOf(day, at);
        addRaw(raws, { y, m: mo, d: Number(day), start, end: start + day.length });
        at = start + day.length;
      }
    }
    addAll(raws, EN_DAY_MONTH, folded, dayMonthYear);
    addAll(raws, EN_MONTH_DAY, folded, monthDayYear);
    addAll(raws, EN_NEWS_MONTH_DAY, folded, newsMonthDay);
    for (const r of raws) {
      if (r.y !== undefined || lang === 'zh') continue;
      const rel = EN_RELATIVE.exec(folded.slice(r.end, r.end + 16));
      if (rel) {
        r.relative = EN_RELATIVE_YEAR[rel[1]!.toLowerCase()];
        r.end += rel[0].length;
      }
    }
  }
  if (folded.includes('/')) addAll(raws, NUMERIC, folded, numericDate);
  if (folded.includes('-')) addAll(raws, ISO, folded, isoYearMonthDay);
  if (lang === 'en')
    for (const m of allMatches(EN_YEAR, folded)) years.push({ at: m.index, year: Number(m[1]) });
  raws.sort((a, b) => a.start - b.start);
  // A date to come ("until 10 July 2021") gives no year to the dates after it.
  for (const r of raws)
    if (r.y !== undefined && !futureAt(folded, r.start)) years.push({ at: r.start, year: r.y });
  years.sort((a, b) => a.at - b.at);
  const doc = options.documentDate ? parseIso(options.documentDate) : undefined;

  const out: DateMention[] = [];
  for (const r of raws) {
    let y = r.y;
    const fromContext = y === undefined;
    if (y === undefined && r.relative !== undefined) y = doc ? doc.y + r.relative : undefined;
    else if (y === undefined) {
      const context = [...years].reverse().find((c) => c.at < r.start)?.year;
      y = context ?? doc?.y ?? options.year;
      // A past event is not dated after the document: the year before it, unless a year written before
      // the date (an earlier one) or a word of things to come says otherwise.
      const future = futureAt(folded, r.start);
      if (doc && y !== undefined && (context === undefined || context >= doc.y) && !future) {
        if (after(y, r, doc)) y = doc.y;
        if (after(y, r, doc)) y = doc.y - 1;
      }
      // A date to come ("will close by Jan. 10") is not before the document: in the document's year
      // when that puts it after the document's date.
      if (doc && y !== undefined && y < doc.y && !before(doc.y, r, doc) && toComeAt(folded, r.start))
        y = doc.y;
    }
    if (y === undefined || !isValidDate(y, r.m, r.d)) continue;
    // A valid date's year has four digits: the ISO form without isoDate's second calendar check.
    out.push({
      date: `${y}-${pad2(r.m)}-${pad2(r.d)}`,
      start: r.start,
      end: r.end,
      text: text.slice(r.start, r.end),
      yearFromContext: fromContext,
    });
  }
  return out;
}

/** A word of things to come right before `at` ("until", "by", "至"). */
function futureAt(folded: string, at: number): boolean {
  return FUTURE_CUE.test(folded.slice(Math.max(0, at - 24), at));
}

/** A word that puts the date right after it in the future ("will", "scheduled"). */
function toComeAt(folded: string, at: number): boolean {
  return TO_COME.test(folded.slice(Math.max(0, at - 28), at));
}

function parseIso(date: string): { y: number; m: number; d: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : undefined;
}

/** The date `r` of year `y` falls before the document's date. */
function before(y: number, r: Raw, doc: { y: number; m: number; d: number }): boolean {
  return y < doc.y || (y === doc.y && (r.m < doc.m || (r.m === doc.m && r.d < doc.d)));
}

/** The date `r` of year `y` falls after the document's date. */
function after(y: number, r: Raw, doc: { y: number; m: number; d: number }): boolean {
  return y > doc.y || (y === doc.y && (r.m > doc.m || (r.m === doc.m && r.d > doc.d)));
}

// The head of a document, where its own date stands: a record's "Friday, 10 January 2020, 10 a.m.", a
// letter's date line, a press release's or news item's dateline ("2020年1月11日", "2020-03-31 12:23").
const HEAD_LENGTH = 600;

/**
 * The document's own date read from its head: the first date with its year, in the first lines, that
 * stands as a document's date does: opening its line ("8 July 2020", "Friday, 10 January 2020, 10 a.m.",
 * "2020年1月11日"), after a dateline's place ("UNITED NATIONS, 10 January 2020"), after "dated", or before
 * a news agency's 电. A text whose head has none (a Repertoire section) has no date of its own here.
 */
export function documentDate(text: string, lang: Lang, year?: number): string | undefined {
  const head = text.slice(0, HEAD_LENGTH);
  // With the year given, a dateline without one counts ("UNITED NATIONS, Jan. 8 --").
  for (const d of scanDateMentions(head, lang, year ? { year } : {})) {
    if (d.yearFromContext && !year) continue;
    const before = head.slice(head.lastIndexOf('\n', d.start - 1) + 1, d.start);
    const dateline = DATELINE.test(before) || /^\s*电/.test(head.slice(d.end, d.end + 3));
    // A date without its year stands for the document's only in a dateline: a Repertoire paragraph
    // opens with the date of the meeting it tells of ("3 月 30 日，安理会…").
    if (dateline || (!d.yearFromContext && OWN_DATE_BEFORE.test(before))) return d.date;
  }
  return undefined;
}

const OWN_DATE_BEFORE =
  /^\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*)?$|\bdated\s+$/;
/** A news agency's dateline before its date: "UNITED NATIONS, ", "新华社联合国". */
const DATELINE = /^\s*[A-Z][A-Z .'-]+,\s*$|^\s*新华社\S{0,8}$/;

/** ISO dates in order of first appearance. */
export function scanDates(text: string, lang: Lang, options: DateOptions = {}): string[] {
  return [...new Set(scanDateMentions(text, lang, options).map((d) => d.date))];
}

/** The one date a short text (a table cell) holds, or undefined. */
export function parseDate(text: string, lang: Lang, options: DateOptions = {}): string | undefined {
  return scanDateMentions(text, lang, options)[0]?.date;
}
