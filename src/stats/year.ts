import type { Store } from '../store/db.ts';
import { decisionTalliesBetween } from '../store/queries/decisions.ts';
import { meetingsBetween } from '../store/queries/meetings.ts';
import { briefersBetween, participantIdsBetween } from '../store/queries/participants.ts';
import { provenanceOfIds } from '../store/queries/provenance.ts';
import { sourceSummaries } from '../store/queries/sources.ts';
import { tryParseSymbol } from '../domain/symbols.ts';
import { topicKey } from '../domain/agenda-titles.ts';

/**
 * A figure of the yearly statistics, with the records it counts and the sources those records come from,
 * so every number can be followed back and a number computed from incomplete sources says so.
 */
export interface Figure {
  /** null when no imported source can give the figure ("not in the sources"); never a 0 standing for that. */
  value: number | null;
  /** What is missing for a figure the sources cannot give. */
  missing?: string;
  breakdown?: Record<string, number>;
  /** Ids of the records counted (meeting ids, decision ids, agenda item ids or topics). */
  records: string[];
  /** Source ids behind those records (provenance). */
  sources: string[];
  complete: boolean;
  note: string;
}

export interface NumberRun {
  first: number | null;
  last: number | null;
  /** Numbers between first and last that the record does not hold. */
  missing: number[];
}

export interface YearStats {
  year: number;
  meetings: Figure;
  videoconferences: Figure;
  resolutions: Figure;
  presidentialStatements: Figure;
  agendaItems: Figure;
  draftsNotAdopted: Figure;
  vetoedDrafts: Figure;
  vetoesCast: Figure;
  writtenProcedure: Figure;
  unanimity: Figure & { rate: number | null };
  briefers: Figure & { byOffice: Record<string, number>; byGender: Record<string, number> };
  sources: { id: string; kind: string; title: string | null; uri: string; records: number }[];
  coverage: {
    meetingNumbers: NumberRun;
    resolutionNumbers: NumberRun;
    statementNumbers: NumberRun;
    meetingTables: string[];
    vetoLists: string[];
    repertoireSections: string[];
    notes: string[];
  };
}

interface MeetingRow {
  id: string;
  format: string;
  record_symbol: string | null;
  agenda_item_id: string | null;
  topic: string | null;
}

interface DecisionRow {
  id: string;
  kind: string;
  symbol: string | null;
  modality: string | null;
  vote_for: number | null;
  vote_against: number | null;
  vote_abstaining: number | null;
  vetoed_by: string | null;
}

function run(numbers: number[]): NumberRun {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  if (sorted.length === 0) return { first: null, last: null, missing: [] };
  const have = new Set(sorted);
  const missing: number[] = [];
  for (let n = sorted[0]!; n <= sorted.at(-1)!; n++) if (!have.has(n)) missing.push(n);
  return { first: sorted[0]!, last: sorted.at(-1)!, missing };
}

function vetoers(d: DecisionRow): string[] {
  if (!d.vetoed_by) return [];
  try {
    const v = JSON.parse(d.vetoed_by) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The year's records, and what its figures share: the sources behind each record, the sources imported. */
interface YearRecords {
  year: number;
  meetings: MeetingRow[];
  decisions: DecisionRow[];
  formal: MeetingRow[];
  vtcs: MeetingRow[];
  resolutions: DecisionRow[];
  statements: DecisionRow[];
  notAdopted: DecisionRow[];
  vetoed: DecisionRow[];
  written: DecisionRow[];
  meetingNumbers: NumberRun;
  resolutionNumbers: NumberRun;
  statementNumbers: NumberRun;
  prov: { entity_type: string; entity_id: string; source_id: string }[];
  allSources: Omit<YearStats['sources'][number], 'records'>[];
  yearSourceIds: Set<string>;
  meetingTables: string[];
  vetoLists: string[];
  repertoireSections: string[];
  haveTables: boolean;
  notes: string[];
  /** The sources of these records, sorted. */
  srcs: (type: string, ids: string[]) => string[];
}

/** Reads the year's meetings, decisions and their provenance (read-only). */
async function yearRecords(store: Store, year: number): Promise<YearRecords> {
  const db = store.db;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const meetings = (await meetingsBetween(db, from, to)) as MeetingRow[];
  const decisions = (await decisionTalliesBetween(db, from, to)) as DecisionRow[];
  const provOf = (type: 'meeting' | 'decision' | 'participant', ids: string[]) =>
    provenanceOfIds(db, type, ids);
  const participantIds = await participantIdsBetween(db, from, to);
  const prov = [
    ...(await provOf(
      'meeting',
      meetings.map((m) => m.id),
    )),
    ...(await provOf(
      'decision',
      decisions.map((d) => d.id),
    )),
    ...(await provOf('participant', participantIds)),
  ];
  const sourcesOf = new Map<string, Set<string>>();
  for (const p of prov) {
    const key = `${p.entity_type}:${p.entity_id}`;
    const set = sourcesOf.get(key) ?? new Set<string>();
    set.add(p.source_id);
    sourcesOf.set(key, set);
  }
  const srcs = (type: string, ids: string[]) =>
    [...new Set(ids.flatMap((id) => [...(sourcesOf.get(`${type}:${id}`) ?? [])]))].sort();

  const allSources = await sourceSummaries(db);
  const kindOf = new Map(allSources.map((s) => [s.id, s.kind]));
  const yearSourceIds = new Set([
    ...srcs(
      'meeting',
      meetings.map((m) => m.id),
    ),
    ...srcs(
      'decision',
      decisions.map((d) => d.id),
    ),
  ]);
  const meetingTables = [...yearSourceIds].filter((s) => kindOf.get(s) === 'dhl_table').sort();
  const vetoLists = [...yearSourceIds].filter((s) => kindOf.get(s) === 'veto_list').sort();
  const repertoireSections = [...yearSourceIds].filter((s) => kindOf.get(s) === 'repertoire').sort();

  const formal = meetings.filter((m) => m.format === 'formal_public' || m.format === 'formal_private');
  const vtcs = meetings.filter((m) => m.format === 'open_vtc' || m.format === 'closed_vtc');
  const meetingNumbers = run(
    formal
      .map((m) => tryParseSymbol(m.record_symbol ?? '')?.number)
      .filter((n): n is number => n !== undefined),
  );
  const resolutions = decisions.filter((d) => d.kind === 'resolution');
  const statements = decisions.filter((d) => d.kind === 'presidential_statement');
  const resolutionNumbers = run(
    resolutions.map((d) => tryParseSymbol(d.symbol ?? '')?.number ?? NaN).filter(Number.isFinite),
  );
  const statementNumbers = run(
    statements.map((d) => tryParseSymbol(d.symbol ?? '')?.number ?? NaN).filter(Number.isFinite),
  );
  const notAdopted = decisions.filter((d) => d.kind === 'draft_not_adopted');
  const vetoed = notAdopted.filter((d) => vetoers(d).length > 0);
  const written = decisions.filter((d) => d.modality === 'written_procedure');
  const haveTables = meetingTables.length > 0;
  const notes: string[] = [];
  if (!haveTables)
    notes.push(
      `no UN Library meeting table for ${year} has been imported: meeting and decision counts are partial`,
    );

  return {
    year,
    meetings,
    decisions,
    formal,
    vtcs,
    resolutions,
    statements,
    notAdopted,
    vetoed,
    written,
    meetingNumbers,
    resolutionNumbers,
    statementNumbers,
    prov,
    allSources,
    yearSourceIds,
    meetingTables,
    vetoLists,
    repertoireSections,
    haveTables,
    notes,
    srcs,
  };
}

/** Formal meetings, counted as the UN's Highlights do. */
function meetingsFigure({ formal, meetingNumbers, haveTables, srcs }: YearRecords): Figure {
  // The headline counts meetings as the UN's Highlights do: distinct meeting numbers; a resumption or a
  // part of a meeting is a record of its own, shown in the breakdown.
  const distinctNumbers = new Set(formal.map((m) => tryParseSymbol(m.record_symbol ?? '')?.number ?? m.id))
    .size;
  return {
    value: distinctNumbers,
    breakdown: {
      public: formal.filter((m) => m.format === 'formal_public').length,
      private: formal.filter((m) => m.format === 'formal_private').length,
      resumptions: formal.filter((m) => /Resumption|Part/i.test(m.record_symbol ?? '')).length,
      records: formal.length,
      meetingNumbers: distinctNumbers,
    },
    records: formal.map((m) => m.id),
    sources: srcs(
      'meeting',
      formal.map((m) => m.id),
    ),
    complete: haveTables && meetingNumbers.missing.length === 0,
    note:
      meetingNumbers.missing.length > 0
        ? `meeting numbers ${meetingNumbers.first}–${meetingNumbers.last} with ${meetingNumbers.missing.length} missing (${meetingNumbers.missing.slice(0, 10).join(', ')}${meetingNumbers.missing.length > 10 ? ', …' : ''})`
        : `distinct meeting numbers ${meetingNumbers.first ?? '–'}–${meetingNumbers.last ?? '–'} without gaps (${formal.length} meeting records: each resumption or part is a record of its own)`,
  };
}

function videoconferencesFigure({ year, vtcs, haveTables, repertoireSections, srcs }: YearRecords): Figure {
  return {
    value: vtcs.length,
    breakdown: {
      open: vtcs.filter((m) => m.format === 'open_vtc').length,
      closed: vtcs.filter((m) => m.format === 'closed_vtc').length,
    },
    records: vtcs.map((m) => m.id),
    sources: srcs(
      'meeting',
      vtcs.map((m) => m.id),
    ),
    // The Council first met by videoconference in March 2020: before that year none is missing. From 2020 the
    // UN Library's table lists only the videoconferences at which the Council acted.
    complete: year < 2020 && haveTables,
    note:
      year < 2020
        ? 'the Council first met by videoconference in March 2020'
        : 'the UN Library table lists only the videoconferences at which the Council took a decision; others are counted only where an imported Repertoire section records them' +
          (repertoireSections.length > 0
            ? ` (${repertoireSections.join(', ')})`
            : ' (none imported for this year)'),
  };
}

/** A figure counting decisions. */
function decisionFigure(
  srcs: YearRecords['srcs'],
  rows: DecisionRow[],
  complete: boolean,
  note: string,
  breakdown?: Record<string, number>,
): Figure {
  return {
    value: rows.length,
    ...(breakdown ? { breakdown } : {}),
    records: rows.map((d) => d.id),
    sources: srcs(
      'decision',
      rows.map((d) => d.id),
    ),
    complete,
    note,
  };
}

function runNote(what: string, r: NumberRun): string {
  return r.first === null
    ? `no ${what} recorded`
    : `${what} ${r.first}–${r.last}${r.missing.length > 0 ? `, missing ${r.missing.join(', ')}` : ' without gaps'}`;
}

function resolutionsFigure({ resolutions, resolutionNumbers, haveTables, srcs }: YearRecords): Figure {
  return decisionFigure(
    srcs,
    resolutions,
    haveTables && resolutionNumbers.missing.length === 0,
    runNote('resolutions', resolutionNumbers),
  );
}

function presidentialStatementsFigure({
  statements,
  statementNumbers,
  haveTables,
  srcs,
}: YearRecords): Figure {
  return decisionFigure(
    srcs,
    statements,
    haveTables && statementNumbers.missing.length === 0 && (statementNumbers.first ?? 1) === 1,
    runNote('statements', statementNumbers),
  );
}

function agendaItemsFigure({ formal, vtcs, srcs }: YearRecords): Figure {
  const agendaKeys = new Map<string, string>();
  for (const m of [...formal, ...vtcs]) {
    const key = m.agenda_item_id ?? (m.topic ? `topic:${topicKey(m.topic)}` : null);
    if (key && !agendaKeys.has(key)) agendaKeys.set(key, m.id);
  }
  return {
    value: agendaKeys.size,
    records: [...agendaKeys.keys()],
    sources: srcs('meeting', [...agendaKeys.values()]),
    complete: false,
    note: 'distinct agenda items of the year’s meetings and videoconferences: Repertoire agenda items where matched, otherwise the topic as the UN Library writes it (wording variants count separately)',
  };
}

function draftsNotAdoptedFigure({ notAdopted, vetoed, haveTables, srcs }: YearRecords): Figure {
  return decisionFigure(
    srcs,
    notAdopted,
    haveTables,
    'drafts put to the vote and not adopted (vetoed or short of nine votes)',
    {
      vetoed: vetoed.length,
      insufficientVotes: notAdopted.length - vetoed.length,
    },
  );
}

function vetoedDraftsFigure({ vetoed, vetoLists, srcs }: YearRecords): Figure {
  return decisionFigure(
    srcs,
    vetoed,
    vetoLists.length > 0,
    vetoLists.length > 0
      ? 'drafts with a negative vote by a permanent member'
      : 'no veto list imported: from the meeting tables only',
  );
}

/** How many records hold each value (null as "unknown"). */
function countBy(values: (string | null)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v ?? 'unknown'] = (out[v ?? 'unknown'] ?? 0) + 1;
  return out;
}

function vetoesCastFigure({ vetoed, vetoLists, srcs }: YearRecords): Figure {
  const vetoRecords = vetoed.flatMap((d) => vetoers(d).map((s) => `${d.id}:${s}`));

  return {
    value: vetoRecords.length,
    breakdown: countBy(vetoed.flatMap(vetoers)),
    records: vetoRecords,
    sources: srcs(
      'decision',
      vetoed.map((d) => d.id),
    ),
    complete: vetoLists.length > 0,
    note: 'negative votes cast by permanent members on vetoed drafts (a draft vetoed by two members counts two)',
  };
}

function writtenProcedureFigure({ written, haveTables, srcs }: YearRecords): Figure {
  return decisionFigure(
    srcs,
    written,
    haveTables,
    'decisions whose vote was taken by written procedure (letter with the vote outcome), as the 2020–2021 videoconference tables give them',
  );
}

/** Resolutions with a known tally (the base of the unanimity rate). */
function talliedResolutions({ resolutions }: YearRecords): DecisionRow[] {
  return resolutions.filter((d) => d.vote_for !== null);
}

function unanimityFigure(y: YearRecords): Figure & { rate: number | null } {
  const { resolutions, srcs } = y;
  const tallied = talliedResolutions(y);
  const unanimous = tallied.filter((d) => d.vote_against === 0 && d.vote_abstaining === 0);
  return {
    value: unanimous.length,
    rate: tallied.length > 0 ? Math.round((unanimous.length / tallied.length) * 1000) / 1000 : null,
    records: unanimous.map((d) => d.id),
    sources: srcs(
      'decision',
      unanimous.map((d) => d.id),
    ),
    complete: tallied.length === resolutions.length && resolutions.length > 0,
    note: `resolutions adopted with no vote against and no abstention, out of ${tallied.length} with a known tally`,
  };
}

async function briefersFigure(store: Store, { year, srcs }: YearRecords): Promise<YearStats['briefers']> {
  const db = store.db;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const participants = await briefersBetween(db, from, to);
  return {
    value: participants.length,
    byOffice: countBy(participants.map((p) => p.office ?? p.organisation)),
    byGender: countBy(participants.map((p) => p.gender)),
    records: participants.map((p) => p.id),
    sources: srcs(
      'participant',
      participants.map((p) => p.id),
    ),
    complete: false,
    note: 'briefers recorded in imported Repertoire sections only',
  };
}

/** The sources behind the year's records, with how many of its records each gives. */
function yearSources({ prov, allSources, yearSourceIds }: YearRecords): YearStats['sources'] {
  const recordsPerSource = new Map<string, number>();
  for (const p of prov) {
    if (!yearSourceIds.has(p.source_id)) continue;
    recordsPerSource.set(p.source_id, (recordsPerSource.get(p.source_id) ?? 0) + 1);
  }

  return allSources
    .filter((s) => yearSourceIds.has(s.id))
    .map((s) => ({ ...s, records: recordsPerSource.get(s.id) ?? 0 }));
}

/** Computes the year's figures from the record as it stands (read-only), one function per figure. */
export async function yearStats(store: Store, year: number): Promise<YearStats> {
  const y = await yearRecords(store, year);
  const out: YearStats = {
    year,
    meetings: meetingsFigure(y),
    videoconferences: videoconferencesFigure(y),
    resolutions: resolutionsFigure(y),
    presidentialStatements: presidentialStatementsFigure(y),
    agendaItems: agendaItemsFigure(y),
    draftsNotAdopted: draftsNotAdoptedFigure(y),
    vetoedDrafts: vetoedDraftsFigure(y),
    vetoesCast: vetoesCastFigure(y),
    writtenProcedure: writtenProcedureFigure(y),
    unanimity: unanimityFigure(y),
    briefers: await briefersFigure(store, y),
    sources: yearSources(y),
    coverage: {
      meetingNumbers: y.meetingNumbers,
      resolutionNumbers: y.resolutionNumbers,
      statementNumbers: y.statementNumbers,
      meetingTables: y.meetingTables,
      vetoLists: y.vetoLists,
      repertoireSections: y.repertoireSections,
      notes: y.notes,
    },
  };
  return withGaps(out, {
    haveTables: y.haveTables,
    vetoLists: y.vetoLists.length > 0,
    repertoire: y.repertoireSections.length > 0,
    tallied: talliedResolutions(y).length,
  });
}

/**
 * Figures no imported source can give become "not in the sources" (value null) with what is missing,
 * instead of a zero that would read as "none happened".
 */
function withGaps(
  s: YearStats,
  have: { haveTables: boolean; vetoLists: boolean; repertoire: boolean; tallied: number },
): YearStats {
  const table = `the UN Library's meeting table for ${s.year} (not imported)`;
  // What another source gives (a Repertoire section's videoconferences) stays, marked partial with what is
  // missing; only a figure nothing gives becomes null.
  const gap = <F extends Figure>(f: F, missing: string): F =>
    f.value !== null && f.value > 0
      ? { ...f, missing, complete: false }
      : { ...f, value: null, missing, complete: false, ...('rate' in f ? { rate: null } : {}) };
  if (!have.haveTables) {
    s.meetings = gap(s.meetings, table);
    s.resolutions = gap(s.resolutions, table);
    s.presidentialStatements = gap(s.presidentialStatements, table);
    s.agendaItems = gap(s.agendaItems, table);
    s.draftsNotAdopted = gap(s.draftsNotAdopted, table);
    s.writtenProcedure = gap(s.writtenProcedure, table);
    s.videoconferences = gap(s.videoconferences, table);
    if (!have.vetoLists) {
      s.vetoedDrafts = gap(s.vetoedDrafts, `${table}, and a veto list`);
      s.vetoesCast = gap(s.vetoesCast, `${table}, and a veto list`);
    }
  }
  if (have.tallied === 0 && s.resolutions.value !== 0)
    s.unanimity = gap(s.unanimity, `the tallies of ${s.year}'s resolutions (no source gives them)`);
  if (!have.repertoire)
    s.briefers = gap(
      s.briefers,
      `a Repertoire section of ${s.year} (briefers are read from the Repertoire only; the meeting tables do not list them)`,
    );
  return s;
}

const LABELS: [keyof YearStats, string][] = [
  ['meetings', 'Formal meetings'],
  ['videoconferences', 'Videoconferences'],
  ['resolutions', 'Resolutions'],
  ['presidentialStatements', 'Presidential statements'],
  ['agendaItems', 'Agenda items considered'],
  ['draftsNotAdopted', 'Drafts not adopted'],
  ['vetoedDrafts', 'Vetoed drafts'],
  ['vetoesCast', 'Vetoes cast'],
  ['writtenProcedure', 'Decisions by written procedure'],
  ['unanimity', 'Unanimous resolutions'],
  ['briefers', 'Briefers'],
];

/** Plain-text rendering for the terminal: one line per figure, with its breakdown and caveat. */
export function formatYearStats(s: YearStats): string {
  const lines = [`Security Council ${s.year}`];
  for (const [key, label] of LABELS) {
    const f = s[key] as Figure & { rate?: number | null };
    const breakdown = f.breakdown
      ? ` (${Object.entries(f.breakdown)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')})`
      : '';
    const rate = f.rate !== undefined && f.rate !== null ? ` — rate ${(f.rate * 100).toFixed(1)}%` : '';
    if (f.value === null) {
      lines.push(`${label}: not in the sources (missing: ${f.missing ?? 'a source'})`);
      continue;
    }
    lines.push(
      `${label}: ${f.value}${breakdown}${rate}${f.complete ? '' : ' [incomplete]'}${f.missing ? ` (missing: ${f.missing})` : ''}`,
    );
    lines.push(`    ${f.note}; from ${f.sources.length > 0 ? f.sources.join(', ') : 'no source'}`);
  }
  lines.push('Sources:');
  for (const src of s.sources) lines.push(`  ${src.id} (${src.kind}) ${src.uri}`);
  for (const n of s.coverage.notes) lines.push(`Note: ${n}`);
  return `${lines.join('\n')}\n`;
}
