/**
 * The facts a section states, for comparing two versions of it (a draft with the published text): its
 * meetings, decisions, briefers and citations, each under a key that stays the same when its wording or
 * place changes, with a value to compare and where the version states it. Reads: an extracted Section.
 */
import { meetingId } from '../../store/record.ts';
import { dbFormat } from './ingest.ts';
import type { Section } from './types.ts';

export type FactKind = 'meeting' | 'decision' | 'briefer' | 'citation';

export interface Fact {
  kind: FactKind;
  key: string;
  value: string;
  /** "table row 3", "paragraph 5", "footnote 646". */
  where: string;
}

export interface FactChange {
  kind: FactKind;
  key: string;
  change: 'added' | 'changed' | 'removed';
  before: { value: string; where: string } | null;
  after: { value: string; where: string } | null;
}

const orNone = (v: string | number | null | undefined) => (v === null || v === undefined ? '?' : String(v));

export function sectionFacts(s: Section): Fact[] {
  const facts: Fact[] = [];
  const agendaItemId = `${s.year}-${s.item.number}`;
  for (const m of s.meetings) {
    const id = meetingId({ recordSymbol: m.record, date: m.date, format: dbFormat(m.format), agendaItemId });
    const where = m.tableRow !== null ? `table row ${m.tableRow}` : `paragraph ${m.paragraphs[0] ?? 0}`;
    facts.push({
      kind: 'meeting',
      key: id,
      value: [m.date, m.format, `letter ${orNone(m.letterDate)}`, `initiative ${orNone(m.initiative)}`].join(
        ', ',
      ),
      where,
    });
    for (const d of m.decisions) {
      facts.push({
        kind: 'decision',
        key: d.symbol,
        value: [
          `meeting ${id}`,
          `${orNone(d.for)}-${orNone(d.against)}-${orNone(d.abstaining)}`,
          ...(d.writtenProcedure ? [`written procedure ${d.writtenProcedure}`] : []),
        ].join(', '),
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
        value: b.roleEn ?? b.role,
        where: `paragraph ${b.paragraph}`,
      });
    }
  }
  for (const f of s.footnotes) {
    for (const c of f.cites) {
      facts.push({
        kind: 'citation',
        key: `footnote ${f.number}: ${c.symbol}`,
        value: c.paragraphs?.length ? `paras. ${c.paragraphs.join(', ')}` : c.symbol,
        where: `footnote ${f.number}`,
      });
    }
  }
  return facts;
}

/** What `after` adds, changes and removes relative to `before`, in the order kinds and facts appear. */
export function diffFacts(before: Fact[], after: Fact[]): FactChange[] {
  const id = (f: Fact) => `${f.kind}\u0000${f.key}`;
  const old = new Map(before.map((f) => [id(f), f]));
  const next = new Map(after.map((f) => [id(f), f]));
  const out: FactChange[] = [];
  for (const f of after) {
    const b = old.get(id(f));
    if (!b) out.push({ kind: f.kind, key: f.key, change: 'added', before: null, after: pick(f) });
    else if (b.value !== f.value)
      out.push({ kind: f.kind, key: f.key, change: 'changed', before: pick(b), after: pick(f) });
  }
  for (const b of before) {
    if (!next.has(id(b)))
      out.push({ kind: b.kind, key: b.key, change: 'removed', before: pick(b), after: null });
  }
  const order: FactKind[] = ['meeting', 'decision', 'briefer', 'citation'];
  return out.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

const pick = (f: Fact) => ({ value: f.value, where: f.where });
