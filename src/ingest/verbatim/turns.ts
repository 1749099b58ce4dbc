/**
 * Stage 4, turns: reads the paragraphs and writes the speakers' turns in order. A turn starts at a
 * paragraph that opens with a speaker's label, set in the label font (not the body's) and followed by an
 * optional "(State)" or "(Organisation)", an optional "(spoke in Language)" and a colon:
 *   "Mr. Wu Haitao (China) (spoke in Chinese): …", "The President: …", "Mr. Guterres: …".
 * Paragraphs until the next label belong to the turn. The meeting's own notes (called to order,
 * suspended, resumed, rose) are read into `events` and left out of the turns.
 */
import { findState } from '../../domain/states.ts';
import { clockTime, languageCode } from './words.ts';
import type { Paragraph, Turn } from './types.ts';

export interface MeetingEvents {
  calledToOrder: string | null;
  resumed: { at: string; on: string | null }[];
  suspended: string[];
  rose: string | null;
}

export interface TurnsResult {
  turns: Turn[];
  /** Paragraphs before the first turn (the agenda's adoption and headings), with their pages. */
  preamble: Paragraph[];
  events: MeetingEvents;
}

/** Speaker label, then "(State)", "(spoke in X)" in either order of presence, then the colon. */
const SPEAKER =
  /^(.{2,120}?)\s*(?:\(\s*(?!spoke in)([^()]{2,120})\))?\s*(?:\(\s*spoke in\s+([A-Za-z]+)\s*\))?\s*:\s*/;
/** A speaker is named with a title ("Mr. …", "Her Excellency …") or by office ("The President"). */
const SPEAKER_NAME =
  /^(?:The |(?:His|Her) |(?:Mr|Mrs|Ms|Miss|Dr|Dame|Sir|Lord|Lady|Baroness|Archbishop|Cardinal|Bishop|Monsignor|Sheikh|Prince|Princess|King|Queen|Judge|General|Ambassador|Professor|Father|Sister)\.?\s)/;
/** Italic headings that end in a colon are not speakers: the vote lists and notes. */
const NOT_A_SPEAKER =
  /^(?:In favour|Against|Abstaining|Abstentions?|Absent|Not participating|Note|Annex|Agenda)\b/;
const TIME = String.raw`(\d{1,2}(?:\.\d{2})?\s*[ap]\.\s?m\.|noon)`;
const EVENT = {
  calledToOrder: new RegExp(String.raw`^The meeting was called to order at ${TIME}`),
  resumed: new RegExp(String.raw`^The meeting was resumed at ${TIME}(?:\s+on\s+([^.]+?))?\.?$`),
  suspended: new RegExp(String.raw`^The meeting was suspended at ${TIME}`),
  rose: new RegExp(String.raw`^The meeting rose at ${TIME}`),
};

/**
 * `labels`: a speaker's name must be set in the label font (the records' layout). A record printed
 * without a distinct label font is read a second time with `labels: false`, on the wording alone.
 */
export function readTurns(paragraphs: Paragraph[], labels = true): TurnsResult {
  const turns: Turn[] = [];
  const preamble: Paragraph[] = [];
  const events: MeetingEvents = { calledToOrder: null, resumed: [], suspended: [], rose: null };
  let current: Turn | undefined;
  for (const p of paragraphs) {
    if (readEvent(p.text, events)) continue;
    const speaker = labels ? speakerOf(p) : speakerByWording(p);
    if (speaker) {
      current = { order: turns.length + 1, ...speaker, page: p.page };
      turns.push(current);
      continue;
    }
    if (current) current.text = current.text ? `${current.text}\n${p.text}` : p.text;
    else preamble.push(p);
  }
  // The President speaking for his or her own country says so: that turn is that State's statement.
  for (const t of turns) {
    if (t.name !== 'The President' || t.state) continue;
    const m = NATIONAL_CAPACITY.exec(t.text.replace(/\s+/g, ' '));
    const state = m ? findState(m[1]!.trim(), 'en') : undefined;
    if (state) t.state = state;
  }
  return { turns, preamble, events };
}

const NATIONAL_CAPACITY =
  /I (?:shall|will|would like to)? ?now (?:make|deliver|read out) a statement in my (?:national )?capacity as [^.]*\bof (?:the )?([A-Z][^.,]*?)\./;

function readEvent(text: string, events: MeetingEvents): boolean {
  let m = EVENT.calledToOrder.exec(text);
  if (m) {
    events.calledToOrder = clockTime(m[1]!) ?? null;
    return true;
  }
  m = EVENT.resumed.exec(text);
  if (m) {
    events.resumed.push({ at: clockTime(m[1]!) ?? m[1]!, on: m[2]?.trim() ?? null });
    return true;
  }
  m = EVENT.suspended.exec(text);
  if (m) {
    events.suspended.push(clockTime(m[1]!) ?? m[1]!);
    // "The meeting was suspended at 1.15 p.m. and resumed at 3 p.m." records both.
    const r = new RegExp(String.raw`resumed at ${TIME}`).exec(text);
    if (r) events.resumed.push({ at: clockTime(r[1]!) ?? r[1]!, on: null });
    return true;
  }
  m = EVENT.rose.exec(text);
  if (m) {
    events.rose = clockTime(m[1]!) ?? null;
    return true;
  }
  return false;
}

function speakerOf(p: Paragraph): Omit<Turn, 'order' | 'page'> | undefined {
  const label = p.label.replace(/\s*:$/, '').trim();
  if (!label || !p.text.startsWith(label) || !/^[A-Z]/.test(label)) return undefined;
  const m = SPEAKER.exec(p.text);
  if (!m) return undefined;
  const name = m[1]!.trim();
  // The label font must set the speaker's name: a heading or a note in italics is not a speaker.
  if (!name.startsWith(label) && !label.startsWith(name)) return undefined;
  if (name.length > label.length + 2 || NOT_A_SPEAKER.test(name) || name.split(/\s+/).length > 8)
    return undefined;
  return speakerFrom(p, m);
}

/** Without a label font: only a title ("Mr. …") or an office ("The President") opens a turn. */
function speakerByWording(p: Paragraph): Omit<Turn, 'order' | 'page'> | undefined {
  const m = SPEAKER.exec(p.text);
  if (!m || !SPEAKER_NAME.test(m[1]!) || m[1]!.split(/\s+/).length > 6) return undefined;
  return speakerFrom(p, m);
}

function speakerFrom(p: Paragraph, m: RegExpExecArray): Omit<Turn, 'order' | 'page'> {
  const name = m[1]!.trim();
  const inParens = m[2]?.replace(/\s+/g, ' ').trim() ?? null;
  const state = inParens ? (findState(inParens, 'en') ?? null) : null;
  return {
    name,
    state,
    organisation: inParens && !state ? inParens : null,
    // The record prints "(spoke in …)" for every speech not delivered in English (its cover says so).
    language: m[3] ? languageCode(m[3]) : 'en',
    text: p.text.slice(m[0].length),
  };
}
