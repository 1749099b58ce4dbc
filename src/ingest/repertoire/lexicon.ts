/**
 * Everything language-specific the stages need, in one place per language, so a stage is written once
 * for zh and en. Patterns run on normalised text (normalise.ts).
 */
import type { Lang } from './types.ts';

export interface Lexicon {
  /**
   * A paragraph or footnote ends here (after markers are set aside). Anchored at the end only and matching
   * no spacing, so it reads within the last word (paragraphs.ts relies on it).
   */
  sentenceEnd: RegExp;
  /** A line that opens a footnote body: the marker and the rest. */
  footnoteStart: RegExp;
  /**
   * Footnote markers inside paragraph text (numbers decide whether they are markers; see markers.ts).
   * A marker holds no spacing and needs none before it, so words are read one by one (paragraphs.ts).
   */
  marker: RegExp;
  /** The lettered note under a table: "^a text" / "a text". */
  tableNote: RegExp;
  /** A table's title line and what kind of table it heads. */
  tableTitle: RegExp;
  vtcTable: RegExp;
  itemHeading: RegExp;
  categories: { re: RegExp; category: 'thematic' | 'regional' | 'other' }[];
  /** How the paragraph glue works: zh runs on, en needs a space. */
  joiner: string;
  ibid: RegExp;
  see: RegExp;
  /** A narrative paragraph that opens with a day and month (and the meeting it describes). */
  datedOpening: RegExp;
  /** A paragraph that speaks of the whole year ("2020 年，" / "In 2020,"). */
  yearOpening: RegExp;
  openVtc: RegExp;
  closedVtc: RegExp;
  formalMeeting: RegExp;
  count: RegExp;
  /** A count of formal meetings: the number in group 1, or a match without it for "no meetings". */
  meetingCount: RegExp;
  announcedOpen: RegExp;
  unanimous: RegExp;
  initiative: RegExp;
  chair: RegExp;
  topic: RegExp;
  /** Verbs that make the subject of a sentence a speaker. */
  speechVerb: RegExp;
  /** "briefed twice" in the one-line list of briefers, and the list that follows. */
  briefedTimes: RegExp;
  /** Text briefedTimes cannot match without: the pattern is slow on the paragraphs that lack it. */
  briefedTimesWord: string;
  briefedOnceList: RegExp;
  /** State representatives ("中国和俄罗斯联邦代表", "the representatives of China and ..."). */
  stateRepresentative: RegExp;
  /**
   * The clause boundary before a subject: a mark of at most a few characters and spacing, anchored at the
   * end, so only the last characters are tested (recognise.ts relies on it).
   */
  clauseStart: RegExp;
  /** A person's title as a fallback for speakers no office list knows (civil society). */
  personTitle: RegExp;
  /** The letter cited in the table's title cell and a note that makes a meeting closed. */
  noteClosed: RegExp;
}

const SUP_CHARS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUP = `[${SUP_CHARS}]+`;

export const LEXICON: Record<Lang, Lexicon> = {
  zh: {
    sentenceEnd: /[。！？!?；;:：][”’"」』）)]*$/,
    footnoteStart: new RegExp(`^(${SUP})\\s*(.*)$`),
    marker: new RegExp(SUP, 'g'),
    // normalise.ts has removed the space in "^a 由于…", so the letter may touch the Han text.
    tableNote: /^\^?([a-z])(?:\s+|(?=\p{Script=Han}))(.+)$/u,
    tableTitle: /^(视频会议|会议|videoconferences?|meetings?)\s*[:：]\s*(.+)$/i,
    vtcTable: /视频会议/,
    itemHeading: /^(\d{1,3})\.\s*(.+)$/,
    categories: [
      { re: /^专题问题$/, category: 'thematic' },
      { re: /^(非洲|美洲|亚洲|欧洲|中东)$/, category: 'regional' },
      { re: /^其他问题$/, category: 'other' },
    ],
    joiner: '',
    ibid: /^同上(?:[。.]|[,，]\s*|$)/,
    see: /^(?:另)?(?:见|参见)/,
    datedOpening: /^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[,，]/,
    yearOpening: /^(\d{4})\s*年\s*[,，]/,
    openVtc: /(?<!非)公开视频会议/,
    closedVtc: /非公开视频会议/,
    formalMeeting: /(?<!视频)会议/,
    count: /举行了\s*([一二两三四五六七八九十\d]+)\s*次\s*(公开|非公开)?\s*视频会议/,
    meetingCount:
      /举行了\s*([一二两三四五六七八九十\d]+)\s*次\s*会议|(?:没有|未)[^。，,；;]{0,40}?举行(?:任何)?会议/,
    announcedOpen: /(?:这些|该项?)决议是[^。]*?在(公开|非公开)视频会议(?:上)?宣布/,
    unanimous: /一致通过/,
    initiative: /在([^，,。]{1,30}?)的倡议下/,
    chair: /由([^，,。]{1,40}?)主持/,
    topic: /关于([^，,。]{1,40}?)的(?:公开|非公开)?视频会议/,
    speechVerb: /(?:表示|指出|通报|介绍|强调|说明|说|概述|发言|呼吁|着重|重点|谈到|宣布|欢迎)/,
    briefedTimes: /([^，,。：:]+?)([一两二三四五六七八九十\d]+)次向安理会成员通报情况/,
    briefedTimesWord: '次向安理会成员通报情况',
    briefedOnceList: /以下人员各通报一次\s*[:：]\s*([^。]+)/,
    stateRepresentative: /代表$/,
    clauseStart: /(?:^|[。！？；，,：:])\s*$/,
    personTitle:
      /^([^，,。；：:]{2,40}?(?:主席|副主席|主任|总干事|协调员|专员|顾问|负责人|创始人|代表))(?=在|向|指出|表示|强调|说|通报|介绍|着重|重点|特别|最后|还)/,
    noteClosed: /举行了非公开视频会议|而是.*非公开视频会议/,
  },
  en: {
    sentenceEnd: /[.!?;:]["”’)]*$/,
    footnoteStart: new RegExp(`^(${SUP}|\\d{1,4})\\s+(\\S.*)$`),
    // A run of superscripts, or one to four digits right after a letter or punctuation. Written to open
    // with one character class (a digit or a superscript) so the engine skips straight to those; the
    // character before a digit is looked behind afterwards (a look-behind first, costly with \\p{L}, was
    // tried at every position).
    marker: new RegExp(
      `[\\d${SUP_CHARS}](?:(?<=[${SUP_CHARS}])[${SUP_CHARS}]*|(?<=[\\p{L}.,;:)”’"\\]]\\d)\\d{0,3}(?=[\\s,.;:)]|$))`,
      'gu',
    ),
    tableNote: /^\^?([a-z])\s+([A-Z].+)$/,
    tableTitle: /^(videoconferences?|meetings?)\s*:\s*(.+)$/i,
    vtcTable: /videoconference/i,
    itemHeading: /^(\d{1,3})\.\s*(.+)$/,
    categories: [
      { re: /^thematic issues$/i, category: 'thematic' },
      { re: /^(africa|americas|asia|europe|middle east)$/i, category: 'regional' },
      { re: /^other (issues|matters)$/i, category: 'other' },
    ],
    joiner: ' ',
    ibid: /^Ibid\.?(?:,\s*|$)/i,
    see: /^(?:see(?: also)?)\b/i,
    datedOpening:
      /^On\s+(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(\d{4}))?,/,
    yearOpening: /^In\s+(\d{4}),/,
    openVtc: /\bopen videoconferences?\b/i,
    closedVtc: /\bclosed videoconferences?\b/i,
    formalMeeting: /\bmeetings?\b/i,
    count: /held\s+(\w+)\s+(open|closed)?\s*videoconferences/i,
    meetingCount: /held\s+(?!no\b)(\w+)\s+(?:formal\s+)?meetings?\b|held\s+no\s+(?:formal\s+)?meetings\b/i,
    announcedOpen:
      /(?:these|the) resolutions? (?:was|were)[^.]*?announced (?:at|in) (open|closed) videoconferences?/i,
    unanimous: /\bunanimously\b/i,
    initiative: /at the initiative of ([A-Z][^,.;]{1,40}?),/,
    chair: /(?:chaired|presided over) by (?:the )?([^,.;]{1,80}?)(?=,|\.|;| on | at )/,
    topic: /videoconference on ([^,.;]{1,80}?)(?=,|\.|;|\d)/,
    speechVerb:
      /\b(?:said|stated|noted|briefed|briefing|highlighted|stressed|underlined|emphasized|outlined|described|pointed|called|welcomed|explained|informed|spoke|presented|reported|concluded)\b/,
    briefedTimes:
      /(?:^|[.;]\s*)(?:The\s+)?([^.;]+?)\s+briefed (?:Council members|the Council)\s+(\w+)\s+times?|(?:^|[.;]\s*)(?:The\s+)?([^.;]+?)\s+briefed (?:Council members|the Council)\s+(twice)/,
    briefedTimesWord: 'briefed ',
    briefedOnceList:
      /the following (?:briefed|each briefed)(?: Council members)? once(?: each)?\s*:\s*([^]+?)\.(?:\s|$)/,
    stateRepresentative: /^(?:the )?representatives? of /i,
    clauseStart: /(?:^|[.;:,]\s)\s*$/,
    personTitle:
      /^(?:[Tt]he\s+)?((?:[A-Z][\w’'-]*\s+){0,6}(?:Chair|Chairperson|President|Director|Coordinator|Commissioner|Adviser|Founder|Head|representative|Vice-President)(?:\s+of\s+[^,.;]{1,160}?)?)(?=\s+(?:said|stated|noted|briefed|highlighted|stressed|underlined|emphasized|outlined|described|called|welcomed)\b|,)/,
    noteClosed: /closed videoconference (?:was|had been) held|instead[^.]*closed videoconference/i,
  },
};
