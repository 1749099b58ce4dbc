/**
 * The record's words in Chinese and English: dates in words, decision and paragraph labels, lists of
 * states, the names of meeting formats and decision kinds, the Repertoire's table headings. Publish, the
 * pages, feeds and the written procedure's letters all spell these through here.
 */
import { MONTH_NAMES_EN } from './dates.ts';
import { tryParseSymbol } from './symbols.ts';
import { displayName, getState } from './states.ts';
import type { DecisionKind, Lang, MeetingFormat } from './vocabulary.ts';

/**
 * How a date is spelled in Chinese: `print` as the Repertoire prints it ("2020 年 3 月 30 日", digits set
 * apart by spaces), `text` as running text and the UN's letters write it ("2020年3月30日"). English has one
 * spelling ("30 March 2020").
 */
export type DateStyle = 'print' | 'text';

const ISO_START = /^(\d{4})-(\d{2})-(\d{2})/;

/** Year, month and day of "YYYY-MM-DD" (a timestamp's date part counts), or undefined. */
function dateParts(iso: string): [number, number, number] | undefined {
  const m = ISO_START.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function requireParts(iso: string): [number, number, number] {
  const parts = dateParts(iso);
  if (!parts) throw new Error(`expected a date as YYYY-MM-DD, got "${iso}"`);
  return parts;
}

/** "2020年3月30日", or "2020 年 3 月 30 日" in the Repertoire's print style. */
export function dateZh(iso: string, style: DateStyle = 'text'): string {
  const [year, month, day] = requireParts(iso);
  return style === 'print' ? `${year} 年 ${month} 月 ${day} 日` : `${year}年${month}月${day}日`;
}

/** "30 March 2020". */
export function dateEn(iso: string): string {
  const [year, month, day] = requireParts(iso);
  return `${day} ${MONTH_NAMES_EN[month - 1]} ${year}`;
}

/** A date in words in either language (see DateStyle); throws on a string that is not a date. */
export function dateInWords(iso: string, lang: Lang, style: DateStyle = 'text'): string {
  return lang === 'zh' ? dateZh(iso, style) : dateEn(iso);
}

/**
 * A moment in words, in UTC: "2020年6月4日 14:05 UTC" / "4 June 2020, 14:05 UTC" (an ISO time such as
 * 2020-06-04T14:05:00.000Z; a date alone is said as a date). Pages set it in <time datetime>.
 */
export function timeInWords(iso: string, lang: Lang): string {
  const t = new Date(iso);
  if (!/T/.test(iso) || Number.isNaN(t.getTime())) return dateInWords(iso, lang);
  const utc = t.toISOString();
  const clock = utc.slice(11, 16);
  return lang === 'zh' ? `${dateZh(utc)} ${clock} UTC` : `${dateEn(utc)}, ${clock} UTC`;
}

/** A date as the Repertoire prints it: "2020 年 3 月 30 日" / "30 March 2020" (a date and nothing else). */
export function repertoireDate(iso: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`expected a date as YYYY-MM-DD, got "${iso}"`);
  return dateInWords(iso, lang, 'print');
}

/** A meeting format's name: "公开会议" / "Public meeting". */
export const MEETING_FORMAT_NAMES: Record<Lang, Record<MeetingFormat, string>> = {
  zh: {
    formal_public: '公开会议',
    formal_private: '非公开会议',
    open_vtc: '公开视频会议',
    closed_vtc: '非公开视频会议',
    informal: '非正式会议',
  },
  en: {
    formal_public: 'Public meeting',
    formal_private: 'Private meeting',
    open_vtc: 'Open videoconference',
    closed_vtc: 'Closed videoconference',
    informal: 'Informal meeting',
  },
};

/** The same in the plural, as a chart's legend counts them (Chinese does not inflect). */
export const MEETING_FORMAT_PLURALS: Record<Lang, Record<MeetingFormat, string>> = {
  zh: MEETING_FORMAT_NAMES.zh,
  en: {
    formal_public: 'Public meetings',
    formal_private: 'Private meetings',
    open_vtc: 'Open videoconferences',
    closed_vtc: 'Closed videoconferences',
    informal: 'Informal meetings',
  },
};

/** Decision kinds as the published charts name them. */
export const DECISION_KIND_PLURALS: Record<Lang, Record<DecisionKind, string>> = {
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

/** Words keyed `prefix.key`, for a dictionary of interface labels ("format.open_vtc"). */
export function prefixed<P extends string, K extends string>(
  prefix: P,
  words: Record<K, string>,
): Record<`${P}.${K}`, string> {
  const out: Record<string, string> = {};
  for (const [k, w] of Object.entries<string>(words)) out[`${prefix}.${k}`] = w;
  return out as Record<`${P}.${K}`, string>;
}

/** "第 2518(2020)号决议" / "Resolution 2518 (2020)"; other symbols as they are. */
export function decisionLabel(symbol: string, lang: Lang, sentenceStart = true): string {
  const s = tryParseSymbol(symbol);
  if (s?.kind === 'resolution') {
    if (lang === 'zh') return `第 ${s.number}(${s.year})号决议`;
    return `${sentenceStart ? 'Resolution' : 'resolution'} ${s.number} (${s.year})`;
  }
  return s?.text ?? symbol;
}

/** "第 9 段" / "para. 9"; "第 10 和 12 段" / "paras. 10 and 12". */
export function paragraphsLabel(paragraphs: number[], lang: Lang): string {
  const ps = paragraphs.map(String);
  const last = ps[ps.length - 1] ?? '';
  const head = ps.slice(0, -1);
  let joined = last;
  if (lang === 'en' && head.length > 0) joined = `${head.join(', ')} and ${last}`;
  // The Chinese Repertoire writes two paragraphs as "第 10 和 12 段".
  else if (head.length === 1) joined = `${head[0]} 和 ${last}`;
  else if (head.length > 1) joined = `${head.join('、')}和${last}`;
  if (lang === 'zh') return `第 ${joined} 段`;
  return `${ps.length > 1 ? 'paras.' : 'para.'} ${joined}`;
}

/** A list of states in the language's own way: "中国、法国和越南" / "China, France and Viet Nam". */
/** A state's name as it stands in an English sentence: "the Russian Federation", "China". */
export function stateInSentence(iso3: string, lang: Lang): string {
  const name = displayName(iso3, lang);
  if (lang === 'en' && /\(the\)\s*$/.test(getState(iso3)?.shortEn ?? '')) return `the ${name}`;
  return name;
}

export function stateList(iso3s: string[], lang: Lang): string {
  const names = iso3s.map((c) => stateInSentence(c, lang));
  if (names.length <= 1) return names[0] ?? '';
  const last = names[names.length - 1]!;
  const head = names.slice(0, -1);
  return lang === 'zh' ? `${head.join('、')}和${last}` : `${head.join(', ')} and ${last}`;
}

/** The standard title of the letter by which the President recorded a videoconference. */
export function vtcLetterTitle(letterDate: string, lang: Lang): string {
  if (lang === 'zh')
    return `${repertoireDate(letterDate, 'zh')}安全理事会主席给秘书长和安全理事会成员国常驻代表的信`;
  return (
    `Letter dated ${repertoireDate(letterDate, 'en')} from the President of the Security Council addressed to ` +
    'the Secretary-General and the Permanent Representatives of the members of the Security Council'
  );
}

export const LABELS = {
  zh: {
    thematic: '专题问题',
    regional: '区域问题',
    other: '其他问题',
    vtcTable: (title: string) => `视频会议: ${title}`,
    vtcColumns: ['视频会议日期', '视频会议记录', '标题', '决定、表决(赞成-反对-弃权)和书面程序记录'],
    meetingTable: (title: string) => `会议: ${title}`,
    meetingColumns: ['会议和日期', '会议记录', '标题', '决定和表决(赞成-反对-弃权)'],
    footnotes: '脚注',
    notes: '注',
    notInLanguage:
      '记录中本节叙述只有英文本，按记录原文显示；表格、日期、文号以及记录能够复述的脚注以中文列出。',
    textInOtherLanguage: '记录中只有英文本。',
    markersAtEnd: '记录中没有部分脚注标记在段落中的位置，这些标记置于所属段落末尾。',
  },
  en: {
    thematic: 'Thematic issues',
    regional: 'Regional issues',
    other: 'Other questions',
    vtcTable: (title: string) => `Videoconferences: ${title}`,
    vtcColumns: [
      'Videoconference date',
      'Videoconference record',
      'Title',
      'Decision, vote (for-against-abstaining) and record of written procedure',
    ],
    meetingTable: (title: string) => `Meetings: ${title}`,
    meetingColumns: [
      'Meeting and date',
      'Meeting record',
      'Title',
      'Decision and vote (for-against-abstaining)',
    ],
    footnotes: 'Footnotes',
    notes: 'Notes',
    notInLanguage:
      'The record holds this section’s narrative in Chinese only; it is shown in Chinese, as recorded. Tables, ' +
      'dates, symbols and the footnotes the record can restate are given in English.',
    textInOtherLanguage: 'Recorded in Chinese only.',
    markersAtEnd:
      'The record does not hold where in their paragraphs some footnote markers stand; those markers are placed at the end of their paragraph.',
  },
} as const;
