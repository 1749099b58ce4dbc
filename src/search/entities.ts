/**
 * Entity terms for the index: the names of states, peace operations and offices (from the reference data
 * of src/domain) matched on the word stream, longest name first. Matching terms rather than raw text
 * keeps indexing fast (one map lookup per word, where scanning every name over the text per paragraph
 * was the slowest step of indexing) and makes a query and a document agree by construction: both are cut
 * by the same tokeniser. Free-text scanning with all its rules stays in src/domain for the ingesters.
 */
import { listMissions } from '../domain/missions.ts';
import { listOffices } from '../domain/offices.ts';
import { listStates } from '../domain/states.ts';

export interface NameEntry {
  /** The entity term, e.g. "state:chn". */
  term: string;
  /** The name's terms (its words stream). */
  terms: string[];
  /** An acronym such as "UK" or "US": matched only where the text writes it in capitals. */
  capitalsOnly: boolean;
}

export interface EntityMatch {
  term: string;
  /** First and one-past-last index in the words stream. */
  from: number;
  to: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: NameEntry[];
  /** Some entry here applies only to text in capitals. */
  capitalsOnly: boolean;
}

function node(): TrieNode {
  return { next: new Map(), entries: [], capitalsOnly: false };
}

export class EntityMatcher {
  private readonly root = node();

  constructor(entries: NameEntry[]) {
    for (const e of entries) {
      if (e.terms.length === 0) continue;
      let at = this.root;
      for (const t of e.terms) {
        let n = at.next.get(t);
        if (!n) {
          n = node();
          at.next.set(t, n);
        }
        at = n;
      }
      if (!at.entries.some((x) => x.term === e.term)) at.entries.push(e);
      if (e.capitalsOnly) at.capitalsOnly = true;
    }
  }

  /**
   * Entity names in a words stream, left to right, longest first and not overlapping, so 南苏丹特派团
   * is the mission and not also the state 南苏丹. `surface(i)` gives the original text of word i.
   */
  match(terms: readonly string[], surface: (i: number) => string): EntityMatch[] {
    const out: EntityMatch[] = [];
    for (let i = 0; i < terms.length;) {
      if (!this.root.next.has(terms[i]!)) {
        i++;
        continue;
      }
      let at: TrieNode | undefined = this.root;
      let best: { to: number; entries: NameEntry[] } | undefined;
      for (let j = i; j < terms.length && at; j++) {
        at = at.next.get(terms[j]!);
        if (at && at.entries.length > 0) {
          const entries = at.capitalsOnly
            ? at.entries.filter((e) => !e.capitalsOnly || isCapitals(surface(i)))
            : at.entries;
          if (entries.length > 0) best = { to: j + 1, entries };
        }
      }
      if (best) {
        for (const e of best.entries) out.push({ term: e.term, from: i, to: best.to });
        i = best.to;
      } else i++;
    }
    return out;
  }
}

function isCapitals(text: string): boolean {
  return text === text.toUpperCase();
}

/** Every name of every state, mission and office in the reference data, in both languages. */
export function referenceNames(): { kind: 'state' | 'mission' | 'office'; key: string; names: string[] }[] {
  const out: { kind: 'state' | 'mission' | 'office'; key: string; names: string[] }[] = [];
  for (const s of listStates(['member', 'observer', 'historical'])) {
    out.push({
      kind: 'state',
      key: s.iso3,
      names: [
        s.shortEn,
        s.formalEn,
        s.displayEn,
        s.shortZh,
        s.formalZh,
        s.displayZh,
        ...s.aliasesEn,
        ...s.aliasesZh,
      ].map((n) => n.replace(/\s*\((the)\)\s*$/i, '').replace(/^the\s+/i, '')),
    });
  }
  for (const m of listMissions()) {
    out.push({
      kind: 'mission',
      key: m.acronym,
      names: [m.acronym, m.en, m.zh, ...m.zhOther, ...m.zhShort, ...m.zhTraditional],
    });
  }
  for (const o of listOffices()) {
    out.push({ kind: 'office', key: o.key, names: [o.en, ...o.enOther, ...o.zh] });
  }
  return out;
}
