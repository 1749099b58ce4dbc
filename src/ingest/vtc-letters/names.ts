/**
 * Names as OCR printed them, normalised against the people the record already knows (stage 2). Reads: a
 * printed name ("Sven Jiirgenson"), its State and date, and the named participants of other sources
 * (the members' representatives on the covers of verbatim records, briefers). Writes: the name to keep
 * ("Mr. Sven Jürgenson"), the printed one, and how it was resolved: 'matched' (as known), 'corrected'
 * (within a few OCR slips of one known person of the same State, within a year of the date), or
 * 'unresolved' (kept as printed). Nothing is matched across States, and a tie is not resolved.
 */
import { nameKey } from '../../domain/states.ts';

export interface KnownPerson {
  /** As the other source prints it: "Mr. Jürgenson", "Mr. Wu Haitao". */
  name: string;
  state: string | null;
  date: string;
}

export interface ResolvedName {
  name: string;
  printed: string;
  check: 'matched' | 'corrected' | 'unresolved';
}

const TITLE =
  /^(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|H\.E)\.?|Lieutenant General|Major General|Brigadier General|General|Ambassador)\s+/;

/** "Mr. Jürgenson" → { title: "Mr.", rest: "Jürgenson" }. */
export function splitTitle(name: string): { title: string | null; rest: string } {
  const m = TITLE.exec(name.trim());
  return m
    ? { title: m[0].trim(), rest: name.trim().slice(m[0].length).trim() }
    : { title: null, rest: name.trim() };
}

/** Edit distance of two short strings (names): OCR drops, doubles and swaps single letters. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Within a year of the date: representatives change, and a name known long before proves nothing. */
const WINDOW_DAYS = 366;
const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

export class NameResolver {
  private readonly byState = new Map<string | null, KnownPerson[]>();

  constructor(known: KnownPerson[]) {
    for (const k of known) {
      const list = this.byState.get(k.state) ?? [];
      list.push(k);
      this.byState.set(k.state, list);
    }
  }

  /**
   * The known person whose surname (the known name without its title) ends the printed name, exactly or,
   * within a State, within OCR slips: at most 2 edits and a quarter of the surname's letters.
   */
  resolve(printed: string, state: string | null, date: string): ResolvedName {
    const p = splitTitle(printed);
    const words = p.rest.split(/\s+/);
    const best = new Map<string, { known: KnownPerson; surname: string; distance: number; head: boolean }>();
    for (const k of this.byState.get(state) ?? []) {
      if (days(k.date, date) > WINDOW_DAYS) continue;
      const surname = splitTitle(k.name).rest;
      const n = surname.split(/\s+/).length;
      if (n > words.length) continue;
      const want = nameKey(surname, 'en');
      const limit = state === null ? 0 : Math.min(2, Math.floor(want.length / 4));
      // The family name ends a Western name and opens a Chinese or Vietnamese one ("Dang Dinh Quy").
      for (const head of [false, true]) {
        const part = head ? words.slice(0, n) : words.slice(-n);
        const d = editDistance(nameKey(part.join(' '), 'en'), want);
        if (d > limit) continue;
        const prior = best.get(surname);
        if (!prior || d < prior.distance) best.set(surname, { known: k, surname, distance: d, head });
      }
    }
    const ranked = [...best.values()].sort((a, b) => a.distance - b.distance);
    const top = ranked[0];
    if (!top || (ranked[1] && ranked[1].distance === top.distance))
      return { name: printed, printed, check: 'unresolved' };
    const n = top.surname.split(/\s+/).length;
    const title = p.title ?? splitTitle(top.known.name).title;
    const given = top.head ? words.slice(n) : words.slice(0, -n);
    const name = (top.head ? [title, top.surname, ...given] : [title, ...given, top.surname])
      .filter(Boolean)
      .join(' ');
    const same = (top.head ? words.slice(0, n) : words.slice(-n)).join(' ') === top.surname;
    return { name, printed, check: same ? 'matched' : 'corrected' };
  }
}
