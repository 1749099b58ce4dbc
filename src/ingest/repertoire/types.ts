/** The data that flows between the stages of the Repertoire pipeline (see pipeline.ts for the order). */
import type { Lang } from '../../domain/vocabulary.ts';

export type { Lang };

/**
 * A value a finding is said with: a number or text of the source as it stands, a fixed word to say in
 * the reader's language (`{ t: 'finding.format.open_vtc' }`, a key of the interface dictionaries), or a
 * list whose items are said one by one.
 */
/**
 * A value of a finding's message: text as the section gives it, a number, a dictionary key, a list, or
 * text that differs by language (a briefer's role, with its UNTERM English name for English readers).
 */
export type FindingParam = string | number | { t: string } | { zh: string; en: string } | FindingParams[];
export interface FindingParams {
  [name: string]: FindingParam;
}

export interface Finding {
  severity: 'error' | 'warning';
  /** Stable machine-readable kind, e.g. "format-contradiction", "ibid-unresolved". */
  code: string;
  /**
   * What the message is made of, so a page says it in its reader's language (the dictionaries'
   * `finding.<code>` and, when `variant` is given, `finding.<code>.<variant>`). `message` is the same in
   * English, for the CLI and logs.
   */
  params: FindingParams;
  message: string;
  /** Where in the input: "line 94", "table row 1", "paragraph 3", "footnote 646". */
  where: string;
}

export type BlockKind = 'category' | 'item' | 'text' | 'footnote' | 'table-title' | 'table' | 'table-note';

/** A run of non-blank lines; `line` is the 1-based line number of its first line. */
export interface Block {
  kind: BlockKind;
  line: number;
  lines: string[];
}

export interface FootnoteBody {
  number: number;
  text: string;
  line: number;
}

/** A paragraph as rejoined across page breaks, footnote markers still in its text. */
export interface RawParagraph {
  text: string;
  lines: number[];
}

export interface Marker {
  number: number;
  /** Offset of the marker in the paragraph text once markers are removed. */
  offset: number;
}

export interface Paragraph {
  index: number;
  text: string;
  footnotes: number[];
  markers: Marker[];
  line: number;
}

export interface Citation {
  symbol: string;
  paragraphs?: number[];
  /** The footnote's "同上"/"Ibid." was resolved to this citation of footnote `from`. */
  ibidOf?: number;
  date?: string;
}

export interface Footnote {
  number: number;
  text: string;
  paragraph: number | null;
  offset: number | null;
  cites: Citation[];
  states: string[];
  line: number;
}

export interface Decision {
  symbol: string;
  for: number | null;
  against: number | null;
  abstaining: number | null;
  writtenProcedure?: string;
}

export type MeetingFormat = 'open_vtc' | 'closed_vtc' | 'meeting';

export interface TableRow {
  row: number;
  line: number;
  date: string | null;
  record: string | null;
  letterDate: string | null;
  title: string;
  decisions: Decision[];
  noteMarks: string[];
  /** The columns of a formal-meeting table, when the table has them and the cell is not empty. */
  participation?: Participation;
}

/**
 * What a formal-meeting table says of a meeting beside its record and decisions ("Sub-item | Other
 * documents | Rule 37 invitations | Rule 39 and other invitations | Speakers").
 */
export interface Participation {
  /** The sub-item as written, and the documents it names. */
  subItem?: string;
  documents?: string[];
  /** Symbols of the other documents before the Council. */
  otherDocuments?: string[];
  /** States invited under rule 37, as ISO3, and the cell as written (titles in brackets). */
  rule37?: string[];
  rule37Text?: string;
  /** Those invited under rule 39 and otherwise, as written. */
  rule39?: string;
  /** Speakers as written ("All Council members, all invitees"), and the states named among them. */
  speakers?: string;
  speakerStates?: string[];
}

export interface Table {
  title: string;
  /** vtc: a table of videoconferences; meeting: a table of formal meetings. */
  kind: 'vtc' | 'meeting';
  line: number;
  header: string[];
  rows: TableRow[];
  notes: { mark: string; text: string; line: number }[];
}

export interface Briefer {
  role: string;
  roleEn: string | null;
  office: string | null;
  mission: string | null;
  state: string | null;
  kind: 'official' | 'civil_society';
  paragraph: number;
  /** Only when the text says it (她/She, 他/He referring to this briefer alone); absent otherwise. */
  gender?: 'female' | 'male';
}

export interface Position {
  states: string[];
  text: string;
  paragraph: number;
  footnote: number | null;
  meeting: string | null;
}

/** What the narrative paragraphs say about one meeting (found by recognise.ts). */
export interface NarrativeMeeting {
  date: string;
  paragraphs: number[];
  format: MeetingFormat | null;
  briefers: Briefer[];
  initiative: string | null;
  chair: string | null;
  chairEn: string | null;
  topic: string | null;
  resolutions: string[];
  unanimous: boolean;
  records: string[];
}

/** Claims the summary paragraphs make about the whole year, checked against the details. */
export interface NarrativeClaims {
  /**
   * How many meetings the summary says were held, of which formats: "six open videoconferences" counts
   * open_vtc, "six videoconferences" both kinds, "held no meetings" (0) formal meetings. One claim per kind.
   */
  counts: { n: number; formats: MeetingFormat[]; paragraph: number }[];
  /** Resolutions said to have been announced at open videoconferences. */
  announcedOpen: { resolutions: string[]; paragraph: number } | null;
  /** The one-line list of who briefed, with how many times each. */
  briefers: { briefer: Briefer; times: number }[];
  briefersParagraph: number | null;
}

export interface Meeting {
  date: string;
  format: MeetingFormat;
  record: string | null;
  letterDate: string | null;
  title: string | null;
  topic: string | null;
  decisions: Decision[];
  briefers: Briefer[];
  initiative: string | null;
  chair: string | null;
  chairEn: string | null;
  notes: string[];
  paragraphs: number[];
  tableRow: number | null;
  /** A formal meeting's invitations and speakers, from its table row. */
  participation?: Participation;
}

export interface Section {
  item: { number: number; title: string; category: 'thematic' | 'regional' | 'other' };
  year: number;
  lang: Lang;
  paragraphs: { text: string; footnotes: number[] }[];
  /** `offset`: where the footnote's marker stands in its paragraph's text (markers removed). */
  footnotes: Omit<Footnote, 'line'>[];
  meetings: Meeting[];
  positions: Position[];
  findings: Finding[];
  /** Text read from a PDF's pages: the page furniture dropped (line, text, why) and the tables rebuilt. */
  layout?: { dropped: { line: number; text: string; why: string }[]; tables: string[] };
}
