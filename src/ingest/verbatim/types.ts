import type { VoteTally } from '../../domain/proven-votes.ts';
/** Shapes passed between the verbatim-record stages (pdf → layout → cover/paragraphs → turns → decisions). */

/** One run of text as pdf.js places it: baseline origin in PDF points (y grows upwards), font and size. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  font: string;
}

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
}

/** A line of one column of a body page, its runs left to right. */
export interface Line {
  page: number;
  column: 0 | 1;
  x: number;
  y: number;
  size: number;
  runs: TextRun[];
  text: string;
}

/** A paragraph of the body in reading order; `labelFont` tells whether it opens in a non-body font. */
export interface Paragraph {
  page: number;
  text: string;
  /** The text set in a font other than the body's at the start of the paragraph (a speaker's label). */
  label: string;
}

export interface Turn {
  order: number;
  /** The speaker as printed: "Mr. Wu Haitao", "The President", "The Secretary-General". */
  name: string;
  state: string | null;
  organisation: string | null;
  language: string | null;
  page: number;
  text: string;
}

export type DecisionKind =
  'resolution' | 'presidential_statement' | 'draft_not_adopted' | 'amendment' | 'procedural';

export type VoteValue = 'Y' | 'N' | 'A';

export interface VerbatimDecision {
  kind: DecisionKind;
  symbol: string | null;
  draft: string | null;
  vote: VoteTally | null;
  votes: Record<string, VoteValue>;
  page: number;
}

export interface Finding {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  where: string;
}

export interface Invitee {
  name: string;
  role: string | null;
}

export interface VerbatimMeeting {
  number: number;
  date: string;
  resumption: number | null;
  president: { name: string; state: string | null };
  members: { state: string | null; representative: string; printed?: string; president?: boolean }[];
  agenda: { title: string; documents: string[]; subItems?: string[] };
  calledToOrder: string | null;
  rose: string | null;
  rule37: string[];
  rule39: Invitee[];
  /** Each turn, without its text. */
  speakers: Omit<Turn, 'text'>[];
  decisions: VerbatimDecision[];
}

export interface VerbatimRecord {
  kind: 'verbatim_record';
  symbol: string;
  pages: number;
  meeting: VerbatimMeeting;
  findings: Finding[];
}
