/**
 * Builds the reference JSON (states, membership, missions, offices) from the shared UN reference tables
 * (../shared/reference, never copied into the repository) and our curated files (data/reference/curated/).
 * files.ts runs it at first use and again when an input changes; `npm run reference` runs it by hand.
 * See data/reference/SOURCES.md for where each input comes from.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Converter } from 'opencc-js/cn2t';
import { BUILT_REFERENCE_DIR, REFERENCE_DIR, ROOT_DIR, SHARED_DIR } from '../../config/paths.ts';
import { nameKey } from '../names.ts';
import type { Lang } from '../vocabulary.ts';
import { councilSizeOn, covers, validateTerms, type Term } from '../terms.ts';
import type { StateRecord } from '../states.ts';
import type { MissionRecord } from '../missions.ts';
import type { OfficeRecord } from '../offices.ts';

export interface ReferenceDirs {
  /** The shared UN reference tables (country-codes.csv, council_membership_1992_2024.csv, ...). */
  shared: string;
  /** Our curated inputs. */
  curated: string;
  /** Where the JSON files are written. */
  out: string;
}

export const DEFAULT_DIRS: ReferenceDirs = {
  shared: resolve(SHARED_DIR, 'reference'),
  curated: resolve(REFERENCE_DIR, 'curated'),
  out: BUILT_REFERENCE_DIR,
};
let dirs = DEFAULT_DIRS;
/** Full membership is checked (11 members every 1 July to 1965, 15 since) over these years. */
const CHECK_FROM = 1946;
/** Membership must be complete at least to the end of this year; later years count once they are full. */
const CHECK_TO = 2026;
/** The Council's first meeting: membership (and Article 27) answers from this day. */
const FIRST_MEETING = '1946-01-17';
/** The shared files the build reads (files.ts hashes them to tell when to rebuild). */
export const SHARED_INPUTS = [
  'country-codes.csv',
  'country_aliases.csv',
  'council_membership_1992_2024.csv',
  'council_membership_1946_1991.csv',
] as const;
/** The 1946–1991 file marks rows that rest on one source with this in its `source` column. */
const SINGLE_SOURCE = '[ONLY 1 SOURCE FOUND]';

const toTaiwan = Converter({ from: 'cn', to: 'tw' });
const toHongKong = Converter({ from: 'cn', to: 'hk' });

type Row = Record<string, string>;
interface Located<T> {
  row: T;
  where: string;
}

function readCsv(path: string): Located<Row>[] {
  const records = parse(readFileSync(path), {
    columns: true,
    comment: '#',
    bom: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  }) as { record: Row; info: { lines: number } }[];
  const name = relative(ROOT_DIR, path).startsWith('..') ? basename(path) : relative(ROOT_DIR, path);
  return records.map(({ record, info }) => ({ row: record, where: `${name}:${info.lines}` }));
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`, { cause: err });
  }
}

function field(l: Located<Row>, column: string): string {
  const v = l.row[column];
  if (v === undefined) throw new Error(`${l.where}: missing column "${column}"`);
  return v;
}

/** UNTERM marks non-member observer states with " *" and associated states with " **". */
function stripMarks(name: string): string {
  return name.replace(/\s*\*+$/, '').trim();
}

/** "Niger (the)" → "Niger"; "Bolivia (Plurinational State of)" stays. */
function display(short: string): string {
  return stripMarks(short).replace(/\s*\(the\)$/, '');
}

function unique(list: string[]): string[] {
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))];
}

function traditional(names: string[]): string[] {
  return names.flatMap((n) => [toTaiwan(n), toHongKong(n)]).filter((t) => !names.includes(t));
}

interface StatesExtra {
  gapFills: Record<string, { shortEn: string; formalEn: string; shortZh: string; formalZh: string }>;
  aliases: Record<string, { en: string[]; zh: string[] }>;
  historical: (Omit<StateRecord, 'kind' | 'displayEn' | 'displayZh' | 'aliasesEn' | 'aliasesZh' | 'm49'> & {
    aliasesEn: string[];
    aliasesZh: string[];
  })[];
  historyNotes: Record<string, string>;
  namesUntil: Record<string, NonNullable<StateRecord['namesUntil']>>;
  displayOverrides: Record<string, { zh?: string; en?: string } | string>;
}

function overrideOf(extra: StatesExtra, iso3: string): { zh?: string; en?: string } | undefined {
  const o = extra.displayOverrides[iso3];
  return typeof o === 'object' ? o : undefined;
}

function buildStates(): StateRecord[] {
  const extra = readJson<StatesExtra>(resolve(dirs.curated, 'states_extra.json'));
  const states: StateRecord[] = [];
  for (const l of readCsv(resolve(dirs.shared, 'country-codes.csv'))) {
    const iso3 = field(l, 'ISO3166-1-Alpha-3');
    const fill = extra.gapFills[iso3];
    const shortEn = fill?.shortEn ?? field(l, 'UNTERM English Short');
    if (!shortEn) continue; // not a UN member or observer state
    if (shortEn.endsWith('**')) continue; // Cook Islands, Niue: associated with New Zealand, not UN members
    const formalEn = fill?.formalEn ?? field(l, 'UNTERM English Formal');
    const shortZh = fill?.shortZh ?? field(l, 'UNTERM Chinese Short');
    const formalZh = fill?.formalZh ?? field(l, 'UNTERM Chinese Formal');
    if (!formalEn || !shortZh || !formalZh)
      throw new Error(
        `${l.where}: ${iso3} lacks a UNTERM name (add it to curated/states_extra.json gapFills)`,
      );
    const displayEn = display(shortEn);
    const aliasesEn = [displayEn, stripMarks(formalEn), stripMarks(formalEn).replace(/^the /, '')];
    // "Iran (Islamic Republic of)" is also written "Iran".
    const paren = /^(.*?)\s*\((?!the\))[^)]*\)$/.exec(displayEn);
    if (paren?.[1]) aliasesEn.push(paren[1]);
    const zh = [stripMarks(shortZh), stripMarks(formalZh)];
    states.push({
      iso3,
      m49: field(l, 'M49').padStart(3, '0'),
      kind: shortEn.endsWith('*') ? 'observer' : 'member',
      shortEn: stripMarks(shortEn),
      formalEn: stripMarks(formalEn),
      shortZh: stripMarks(shortZh),
      formalZh: stripMarks(formalZh),
      displayEn,
      displayZh: overrideOf(extra, iso3)?.zh ?? stripMarks(shortZh),
      aliasesEn,
      aliasesZh: zh,
      ...(extra.historyNotes[iso3] ? { note: extra.historyNotes[iso3] } : {}),
      ...(extra.namesUntil[iso3] ? { namesUntil: extra.namesUntil[iso3] } : {}),
    });
  }
  for (const h of extra.historical) {
    states.push({
      iso3: h.iso3,
      m49: null,
      kind: 'historical',
      shortEn: h.shortEn,
      formalEn: h.formalEn,
      shortZh: h.shortZh,
      formalZh: h.formalZh,
      displayEn: h.shortEn,
      displayZh: h.shortZh,
      aliasesEn: [h.formalEn.replace(/^the /, ''), ...h.aliasesEn],
      aliasesZh: [h.formalZh, ...h.aliasesZh],
      ...(h.successor ? { successor: h.successor } : {}),
      ...(h.note ? { note: h.note } : {}),
    });
  }
  const byIso3 = new Map(states.map((s) => [s.iso3, s]));
  for (const [iso3, a] of Object.entries(extra.aliases)) {
    const s = byIso3.get(iso3);
    if (!s) throw new Error(`curated/states_extra.json aliases: unknown state "${iso3}"`);
    s.aliasesEn.push(...a.en);
    s.aliasesZh.push(...a.zh);
  }
  // English variants from the speech corpus (country_aliases.csv): an alias joins the state its canonical
  // form (or itself) names; rows about organisations name no state and are left out.
  const keyed = (lang: Lang) => {
    const m = new Map<string, string>();
    for (const s of states)
      for (const n of lang === 'en' ? [s.shortEn, ...s.aliasesEn] : [s.shortZh, ...s.aliasesZh])
        m.set(nameKey(n, lang), s.iso3);
    return m;
  };
  const enKeys = keyed('en');
  for (const l of readCsv(resolve(dirs.shared, 'country_aliases.csv'))) {
    const alias = field(l, 'alias');
    const canonical = field(l, 'canonical');
    const iso3 = enKeys.get(nameKey(canonical, 'en')) ?? enKeys.get(nameKey(alias, 'en'));
    if (iso3) byIso3.get(iso3)!.aliasesEn.push(alias, canonical);
  }
  for (const s of states) {
    s.aliasesEn = unique(s.aliasesEn);
    s.aliasesZh = unique([...s.aliasesZh, ...traditional(unique(s.aliasesZh))]);
  }
  checkAliasesAreUnambiguous(states);
  const counts = { member: 0, observer: 0, historical: 0 };
  for (const s of states) counts[s.kind]++;
  if (counts.member !== 193 || counts.observer !== 2) {
    throw new Error(
      `expected 193 member and 2 observer states, found ${counts.member} and ${counts.observer}`,
    );
  }
  return states.sort((a, b) => a.iso3.localeCompare(b.iso3));
}

function checkAliasesAreUnambiguous(states: StateRecord[]): void {
  for (const lang of ['en', 'zh'] as const) {
    const seen = new Map<string, string>();
    for (const s of states) {
      const names =
        lang === 'en' ? [s.shortEn, s.formalEn, ...s.aliasesEn] : [s.shortZh, s.formalZh, ...s.aliasesZh];
      for (const n of names) {
        const key = nameKey(n, lang);
        const other = seen.get(key);
        if (other && other !== s.iso3)
          throw new Error(`the ${lang} name "${n}" would name both ${other} and ${s.iso3}`);
        seen.set(key, s.iso3);
      }
    }
  }
}

/** The last year whose 1 July has a full Council, from CHECK_TO on (terms added for later years extend it). */
function lastFullYear(terms: Term[]): number {
  let year = CHECK_TO;
  while (terms.filter((t) => covers(t, `${year + 1}-07-01`)).length === councilSizeOn(`${year + 1}-07-01`))
    year += 1;
  return year;
}

function buildMembership(states: StateRecord[]): Term[] {
  const enKeys = new Map<string, string>();
  for (const s of states)
    for (const n of [s.shortEn, s.formalEn, ...s.aliasesEn]) enKeys.set(nameKey(n, 'en'), s.iso3);
  const removals = readCsv(resolve(dirs.curated, 'membership_removals.csv')).map((l) => ({
    key: `${nameKey(field(l, 'name'), 'en')}|${field(l, 'start_year')}|${field(l, 'end_year')}`,
    used: false,
    where: l.where,
  }));
  const terms: Term[] = [];
  for (const l of readCsv(resolve(dirs.shared, 'council_membership_1992_2024.csv'))) {
    const name = field(l, 'country_org');
    const from = field(l, 'start_year');
    const to = field(l, 'end_year');
    const removal = removals.find((r) => r.key === `${nameKey(name, 'en')}|${from}|${to}`);
    if (removal) {
      removal.used = true;
      continue;
    }
    const iso3 = enKeys.get(nameKey(name, 'en'));
    if (!iso3)
      throw new Error(`${l.where}: unknown state "${name}" (add an alias in curated/states_extra.json)`);
    if (!/^\d{4}$/.test(from) || !/^\d{4}$/.test(to))
      throw new Error(`${l.where}: start_year/end_year must be years, got "${from}", "${to}"`);
    const seat = field(l, 'seat');
    if (seat !== 'permanent' && seat !== 'elected')
      throw new Error(`${l.where}: seat must be permanent or elected, got "${seat}"`);
    const note = field(l, 'note');
    terms.push({
      iso3,
      start: `${from}-01-01`,
      end: `${to}-12-31`,
      seat,
      ...(note ? { note } : {}),
      source: l.where,
    });
  }
  const unused = removals.filter((r) => !r.used);
  if (unused.length)
    throw new Error(`${unused[0]!.where}: removal matches no row of the shared membership file`);
  const known = new Set(states.map((s) => s.iso3));
  for (const l of readCsv(resolve(dirs.curated, 'membership_additions.csv'))) {
    const iso3 = field(l, 'iso3');
    if (!known.has(iso3)) throw new Error(`${l.where}: unknown state code "${iso3}"`);
    const seat = field(l, 'seat');
    if (seat !== 'permanent' && seat !== 'elected')
      throw new Error(`${l.where}: seat must be permanent or elected, got "${seat}"`);
    const end = field(l, 'end');
    const note = field(l, 'note');
    terms.push({
      iso3,
      start: field(l, 'start'),
      end: end || null,
      seat,
      ...(note ? { note } : {}),
      source: l.where,
    });
  }
  addTerms1946(terms, known);
  validateTerms(terms, CHECK_FROM, lastFullYear(terms));
  return terms.sort((a, b) => a.start.localeCompare(b.start) || a.iso3.localeCompare(b.iso3));
}

/**
 * The elected members 1946–1991 (council_membership_1946_1991.csv: one row per term, split terms as rows
 * of their own), with the row's own citations kept. A term the 1992–2024 file or our additions already
 * hold (the 1991–1992 terms) is the same term: its sources are joined, not doubled.
 */
function addTerms1946(terms: Term[], known: Set<string>): void {
  for (const l of readCsv(resolve(dirs.shared, 'council_membership_1946_1991.csv'))) {
    const iso3 = field(l, 'iso3');
    if (!known.has(iso3)) throw new Error(`${l.where}: unknown state code "${iso3}" (${field(l, 'name')})`);
    const seat = field(l, 'seat');
    if (seat !== 'elected')
      throw new Error(`${l.where}: seat must be elected (the permanent seats are curated), got "${seat}"`);
    const start = field(l, 'start');
    const end = field(l, 'end');
    const evidence = field(l, 'source');
    const singleSource = evidence.includes(SINGLE_SOURCE);
    const same = terms.find((t) => t.iso3 === iso3 && t.start === start && t.end === end);
    if (same) {
      same.source = `${same.source} ; ${l.where}`;
      same.evidence = evidence;
      continue;
    }
    const note = field(l, 'note');
    terms.push({
      iso3,
      start,
      end,
      seat,
      ...(note ? { note } : {}),
      source: l.where,
      evidence,
      ...(singleSource ? { singleSource } : {}),
    });
  }
}

type CuratedMission = Omit<MissionRecord, 'zhOther' | 'zhTraditional'> & {
  zhOther?: string[];
  seed?: boolean;
};

function buildMissions(known: Set<string>): MissionRecord[] {
  const file = readJson<{ missions: CuratedMission[] }>(resolve(dirs.curated, 'missions.json'));
  const seen = new Set<string>();
  return file.missions.map((m, i) => {
    const where = `curated/missions.json missions[${i}] (${m.acronym})`;
    if (!/^[A-Z]{3,10}$/.test(m.acronym)) throw new Error(`${where}: acronym must be 3-10 capital letters`);
    if (seen.has(m.acronym)) throw new Error(`${where}: duplicate acronym`);
    seen.add(m.acronym);
    if (m.state !== null && !known.has(m.state)) throw new Error(`${where}: unknown state "${m.state}"`);
    const zhOther = m.zhOther ?? [];
    const zhNames = [m.zh, ...zhOther, ...m.zhShort];
    return {
      acronym: m.acronym,
      kind: m.kind,
      en: m.en,
      zh: m.zh,
      zhOther,
      zhShort: m.zhShort,
      zhTraditional: unique(traditional(zhNames)),
      ...(m.enOther ? { enOther: m.enOther } : {}),
      state: m.state,
      start: m.start,
      end: m.end,
      ...(m.note ? { note: m.note } : {}),
    };
  });
}

type CuratedOffice = Omit<OfficeRecord, 'enOther' | 'patternsZh'> & {
  enOther?: string[];
  patternsZh?: string[];
};

function buildOffices(): OfficeRecord[] {
  const file = readJson<{ offices: CuratedOffice[] }>(resolve(dirs.curated, 'offices.json'));
  const seen = new Set<string>();
  return file.offices.map((o, i) => {
    const where = `curated/offices.json offices[${i}] (${o.key})`;
    if (!/^[a-z][a-z0-9-]*$/.test(o.key))
      throw new Error(`${where}: key must be lower-case words joined by hyphens`);
    if (seen.has(o.key)) throw new Error(`${where}: duplicate key`);
    seen.add(o.key);
    for (const p of o.patternsZh ?? []) {
      try {
        new RegExp(p);
      } catch (err) {
        throw new Error(`${where}: bad pattern ${p}: ${(err as Error).message}`, { cause: err });
      }
    }
    return { key: o.key, en: o.en, enOther: o.enOther ?? [], zh: o.zh, patternsZh: o.patternsZh ?? [] };
  });
}

/** Written beside and renamed into place, so a reader in another process never sees half a file. */
function write(name: string, data: unknown): void {
  const path = resolve(dirs.out, name);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n');
  renameSync(tmp, path);
}

/** Builds every reference file; throws (naming file and line) on bad input, writing nothing. */
export function buildReference(options: Partial<ReferenceDirs> = {}): string {
  dirs = { ...DEFAULT_DIRS, ...options };
  const generatedFrom = [
    'shared/reference/country-codes.csv',
    'shared/reference/country_aliases.csv',
    'data/reference/curated/states_extra.json',
  ];
  const states = buildStates();
  const terms = buildMembership(states);
  const missions = buildMissions(new Set(states.map((s) => s.iso3)));
  const offices = buildOffices();
  mkdirSync(dirs.out, { recursive: true });
  write('states.json', { generatedFrom, states });
  write('membership.json', {
    generatedFrom: [
      'shared/reference/council_membership_1946_1991.csv',
      'shared/reference/council_membership_1992_2024.csv',
      'data/reference/curated/membership_removals.csv',
      'data/reference/curated/membership_additions.csv',
    ],
    complete: { from: FIRST_MEETING, to: `${lastFullYear(terms)}-12-31` },
    terms,
  });
  write('missions.json', { generatedFrom: ['data/reference/curated/missions.json'], missions });
  write('offices.json', { generatedFrom: ['data/reference/curated/offices.json'], offices });
  return `states: ${states.length}; membership terms: ${terms.length}; missions: ${missions.length}; offices: ${offices.length}`;
}
