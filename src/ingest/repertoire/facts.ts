/**
 * The facts a section states, for comparing two versions of it (a draft with the published text): its
 * meetings, decisions, briefers and citations, each under a key that stays the same when its wording or
 * place changes, with a value to compare and where the version states it. Facts are data, not sentences:
 * the web page says them in the reader's language and the CLI in English (src/server/web/facts.ts, through
 * the interface dictionaries). Reads: an extracted Section.
 */
import { meetingId } from '../../store/record.ts';
import type { MeetingFormat } from '../../domain/vocabulary.ts';
import type { Lang } from '../../domain/vocabulary.ts';
import { dbFormat } from './ingest.ts';
import type { Section } from './types.ts';

export type FactKind = 'meeting' | 'decision' | 'briefer' | 'citation';

/** A meeting as a fact names it: by its record when it has one, else by its date and format. */
export interface FactMeeting {
  id: string;
  record: string | null;
  date: string;
  format: MeetingFormat;
}

/** What a fact is about: the part of its key a reader reads. */
export type FactSubject =
  | { kind: 'meeting'; meeting: FactMeeting }
  | { kind: 'decision'; symbol: string }
  | {
      kind: 'briefer';
      meeting: FactMeeting;
      /** An office key of src/domain/offices.ts, else null and the role as the section words it. */
      office: string | null;
      role: string;
      lang: Lang;
      mission: string | null;
      state: string | null;
      /** The n-th briefer of the same identity at the meeting (1 for the first). */
      n: number;
    }
  | { kind: 'citation'; footnote: number; symbol: string };

/** What is compared: the values a version states of its subject. */
export type FactValue =
  | {
      kind: 'meeting';
      date: string;
      format: MeetingFormat;
      letterDate: string | null;
      /** ISO3 of the state at whose initiative it was held. */
      initiative: string | null;
    }
  | {
      kind: 'decision';
      meeting: FactMeeting;
      vote: { for: number | null; against: number | null; abstaining: number | null };
      writtenProcedure: string | null;
    }
  | { kind: 'briefer'; role: string; roleEn: string | null; lang: Lang }
  | { kind: 'citation'; symbol: string; paragraphs: number[] };

export interface Fact {
  kind: FactKind;
  /** The identity compared across versions (not shown to readers: `subject` is). */
  key: string;
  subject: FactSubject;
  value: FactValue;
  /** "table row 3", "paragraph 5", "footnote 646" (as findings say where: src/server/web/findings.ts). */
  where: string;
}

export interface FactSide {
  value: FactValue;
  where: string;
}

export interface FactChange {
  kind: FactKind;
  key: string;
  subject: FactSubject;
  change: 'added' | 'changed' | 'removed';
  before: FactSide | null;
  after: FactSide | null;
}

export function sectionFacts(s: Section): Fact[] {
  const facts: Fact[] = [];
  const agendaItemId = `${s.year}-${s.item.number}`;
  for (const m of s.meetings) {
    const format = dbFormat(m.format);
    const id = meetingId({ recordSymbol: m.record, date: m.date, format, agendaItemId });
    const meeting: FactMeeting = { id, record: m.record, date: m.date, format };
    const where = m.tableRow !== null ? `table row ${m.tableRow}` : `paragraph ${m.paragraphs[0] ?? 0}`;
    facts.push({
      kind: 'meeting',
      key: id,
      subject: { kind: 'meeting', meeting },
      value: { kind: 'meeting', date: m.date, format, letterDate: m.letterDate, initiative: m.initiative },
      where,
    });
    for (const d of m.decisions) {
      facts.push({
        kind: 'decision',
        key: d.symbol,
        subject: { kind: 'decision', symbol: d.symbol },
        value: {
          kind: 'decision',
          meeting,
          vote: { for: d.for ?? null, against: d.against ?? null, abstaining: d.abstaining ?? null },
          writtenProcedure: d.writtenProcedure ?? null,
        },
        where,
      });
    }
    const seen = new Map<string, number>();
    for (const b of m.briefers) {
      // Who, not how the edition words it: office, mission and state; the n-th of the same identity.
      const who = [b.kind, b.office ?? b.role, b.mission, b.state].filter(Boolean).join(' ');
      const n = (seen.get(who) ?? 0) + 1;
      seen.set(who, n);
      facts.push({
        kind: 'briefer',
        key: `${id}: ${who}${n > 1 ? ` (${n})` : ''}`,
        subject: {
          kind: 'briefer',
          meeting,
          office: b.office,
          role: b.role,
          lang: s.lang,
          mission: b.mission,
          state: b.state,
          n,
        },
        value: { kind: 'briefer', role: b.role, roleEn: b.roleEn, lang: s.lang },
        where: `paragraph ${b.paragraph}`,
      });
    }
  }
  for (const f of s.footnotes) {
    for (const c of f.cites) {
      facts.push({
        kind: 'citation',
        key: `footnote ${f.number}: ${c.symbol}`,
        subject: { kind: 'citation', footnote: f.number, symbol: c.symbol },
        value: { kind: 'citation', symbol: c.symbol, paragraphs: c.paragraphs ?? [] },
        where: `footnote ${f.number}`,
      });
    }
  }
  return facts;
}

/** What a version states of a fact, compared as data (a briefer's role by its English name when known). */
function compared(v: FactValue): string {
  if (v.kind === 'briefer') return JSON.stringify([v.roleEn ?? v.role]);
  if (v.kind === 'decision') return JSON.stringify([v.meeting.id, v.vote, v.writtenProcedure]);
  return JSON.stringify(v);
}

/** What `after` adds, changes and removes relative to `before`, in the order kinds and facts appear. */
export function diffFacts(before: Fact[], after: Fact[]): FactChange[] {
  const id = (f: Fact) => `${f.kind}\u0000${f.key}`;
  const old = new Map(before.map((f) => [id(f), f]));
  const next = new Map(after.map((f) => [id(f), f]));
  const out: FactChange[] = [];
  const change = (f: Fact, c: FactChange['change'], b: Fact | null, a: Fact | null): FactChange => ({
    kind: f.kind,
    key: f.key,
    subject: f.subject,
    change: c,
    before: b && pick(b),
    after: a && pick(a),
  });
  for (const f of after) {
    const b = old.get(id(f));
    if (!b) out.push(change(f, 'added', null, f));
    else if (compared(b.value) !== compared(f.value)) out.push(change(f, 'changed', b, f));
  }
  for (const b of before) if (!next.has(id(b))) out.push(change(b, 'removed', b, null));
  const order: FactKind[] = ['meeting', 'decision', 'briefer', 'citation'];
  return out.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

const pick = (f: Fact): FactSide => ({ value: f.value, where: f.where });
