/**
 * SYNTHETIC LOAD-TEST CORPUS — NOT PART OF THE RECORD.
 *
 * Builds any number of paragraphs, mixed Chinese and English, shaped like the real record (Repertoire
 * narrative paragraphs, footnote-like citation lines, meeting titles) and made of its vocabulary: clauses
 * of the real seed section (data/corpus), meeting subjects of the UN Library tables (../shared/data), and
 * the names of states, missions and offices of data/reference, with plausible dates, symbols and
 * resolution numbers. The content is random recombination and means nothing: it exists only to measure
 * indexing and query speed at sizes the real record does not yet reach. Every unit is marked synthetic
 * (id "synthetic:…", title "[SYNTHETIC] …", link "/synthetic/…"). Deterministic for a given seed.
 */
import { MONTH_NAMES_EN } from '../../src/domain/dates.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, SOURCES_DIR } from '../../src/config/paths.ts';
import { listMissions } from '../../src/domain/missions.ts';
import { listOffices } from '../../src/domain/offices.ts';
import { listStates } from '../../src/domain/states.ts';
import type { DocInput } from '../../src/search/documents.ts';

export const SYNTHETIC_MARK = '[SYNTHETIC]';

interface Vocabulary {
  zhClauses: string[];
  enSubjects: string[];
  zhStates: string[];
  enStates: string[];
  zhMissions: string[];
  enMissions: string[];
  zhOffices: string[];
  enOffices: string[];
}

function readVocabulary(): Vocabulary {
  const zhClauses: string[] = [];
  for (const dir of readdirSync(CORPUS_DIR)) {
    for (const f of readdirSync(join(CORPUS_DIR, dir))) {
      const text = readFileSync(join(CORPUS_DIR, dir, f), 'utf8').replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, '');
      for (const c of text.split(/[，。；：,;\n]/)) {
        const t = c.replace(/\s+/g, '').trim();
        if (/\p{Script=Han}/u.test(t) && t.length >= 6 && t.length <= 60) zhClauses.push(t);
      }
    }
  }
  const enSubjects = new Set<string>();
  const dhl = join(SOURCES_DIR, 'dhl-tables');
  // The tables the record shipped before it read the whole history, so the corpus stays what it was.
  const shipped = /^scact(2019|2020|2020_covid|2021|_veto)_table_en\.html$/;
  for (const f of readdirSync(dhl).filter((x) => shipped.test(x))) {
    const html = readFileSync(join(dhl, f), 'utf8');
    for (const m of html.matchAll(/<td[^>]*>([^<]{20,200})<\/td>/g)) {
      const t = m[1]!.replace(/\s+/g, ' ').trim();
      if (/^[A-Z][a-z]/.test(t) && !/^\d/.test(t)) enSubjects.add(t);
    }
  }
  const states = listStates(['member']);
  const missions = listMissions();
  const offices = listOffices();
  return {
    zhClauses,
    enSubjects: [...enSubjects],
    zhStates: states.map((s) => s.displayZh).filter(Boolean),
    enStates: states.map((s) => s.displayEn).filter(Boolean),
    zhMissions: missions.flatMap((m) => [m.zh, ...m.zhShort]).filter(Boolean),
    enMissions: missions.map((m) => m.acronym),
    zhOffices: offices.flatMap((o) => o.zh).filter(Boolean),
    enOffices: offices.map((o) => o.en),
  };
}

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN_VERBS = [
  'stressed',
  'underlined',
  'welcomed',
  'expressed concern about',
  'called for',
  'recalled',
  'noted',
];
const EN_NOUNS = [
  'the protection of civilians',
  'the safety and security of peacekeepers',
  'the women and peace and security agenda',
  'the implementation of the mandate',
  'the political process',
  'humanitarian access',
  'the ceasefire',
  'the rule of law',
  'sexual exploitation and abuse',
  'the transition and drawdown of the mission',
];

export class SyntheticCorpus {
  private readonly v = readVocabulary();
  private readonly rnd: () => number;

  constructor(seed = 2020) {
    this.rnd = prng(seed);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)]!;
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }

  private zhStates(): string {
    const n = this.int(2, 6);
    const xs = Array.from({ length: n }, () => this.pick(this.v.zhStates));
    return `${xs.slice(0, -1).join('、')}和${xs[xs.length - 1]}`;
  }

  private enStates(): string {
    const n = this.int(2, 5);
    const xs = Array.from({ length: n }, () => this.pick(this.v.enStates));
    return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
  }

  private zhParagraph(year: number): string {
    const parts = [`${this.int(1, 12)}月${this.int(1, 28)}日`];
    const n = this.int(3, 7);
    for (let i = 0; i < n; i++) {
      const r = this.rnd();
      if (r < 0.12) parts.push(`安理会通过了第${this.int(1, 2600)}(${year})号决议`);
      else if (r < 0.2) parts.push(`${this.zhStates()}代表发言`);
      else if (r < 0.27) parts.push(`${this.pick(this.v.zhMissions)}${this.pick(this.v.zhOffices)}通报情况`);
      else if (r < 0.32) parts.push(`见S/${year}/${this.int(1, 1300)}`);
      else parts.push(this.pick(this.v.zhClauses));
    }
    return `${parts.join('，')}。`;
  }

  private enParagraph(year: number): string {
    const date = `${this.int(1, 28)} ${this.pick(MONTH_NAMES_EN)} ${year}`;
    const s = [
      `On ${date}, the Council held a meeting on the item entitled "${this.pick(this.v.enSubjects)}".`,
      `The ${this.pick(this.v.enOffices)} of ${this.pick(this.v.enMissions)} briefed the Council on ${this.pick(EN_NOUNS)}.`,
    ];
    const n = this.int(1, 4);
    for (let i = 0; i < n; i++) {
      const r = this.rnd();
      if (r < 0.3)
        s.push(`The representatives of ${this.enStates()} ${this.pick(EN_VERBS)} ${this.pick(EN_NOUNS)}.`);
      else if (r < 0.5)
        s.push(
          `By resolution ${this.int(1, 2600)} (${year}), the Council ${this.pick(EN_VERBS)} ${this.pick(EN_NOUNS)}.`,
        );
      else if (r < 0.6) s.push(`See S/${year}/${this.int(1, 1300)} and S/PV.${this.int(8000, 9000)}.`);
      else
        s.push(
          `Council members ${this.pick(EN_VERBS)} ${this.pick(EN_NOUNS)} in relation to ${this.pick(this.v.enSubjects)}.`,
        );
    }
    return s.join(' ');
  }

  /** Paragraph `i` of the synthetic corpus: half Chinese, half English, years 1994–2024. */
  paragraph(i: number): DocInput {
    const zh = this.rnd() < 0.5;
    const year = this.int(1994, 2024);
    const item = this.int(1, 60);
    const body = zh ? this.zhParagraph(year) : this.enParagraph(year);
    return {
      id: `synthetic:${i}`,
      kind: 'paragraph',
      entityId: `synthetic:${i}`,
      lang: zh ? 'zh' : 'en',
      year,
      date: null,
      agendaItemId: `${year}-${item}`,
      itemNumber: item,
      format: null,
      decisionKind: null,
      states: [],
      sectionId: `synthetic:${year}:${item}`,
      link: `/synthetic/${i}`,
      title: `${SYNTHETIC_MARK} load-test paragraph ${i}`,
      body,
    };
  }

  *paragraphs(from: number, to: number): Generator<DocInput> {
    for (let i = from; i < to; i++) yield this.paragraph(i);
  }
}
