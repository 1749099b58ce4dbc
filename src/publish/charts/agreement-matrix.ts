import { isPermanent, membersOn, membershipCoverage } from '../../domain/membership.ts';
import { displayName } from '../../domain/states.ts';
import { dateInWords } from '../../domain/labels.ts';
import { escapeHtml } from '../../lib/escape.ts';
import type { Lang } from '../../domain/vocabulary.ts';
import { fmt, svgDocument, text, type Chart } from './svg.ts';

import { decisionsBetween } from '../../store/queries/decisions.ts';
import { votesOnDecisions } from '../../store/queries/votes.ts';
import type { Db } from '../../store/record.ts';

type Vote = 'Y' | 'N' | 'A' | 'X';

export interface AgreementCell {
  a: string;
  b: string;
  /** Decisions on which both members' votes are known and both cast one (yes, no or abstain). */
  together: number;
  /** Of those, how many times they voted alike. */
  agree: number;
}

export interface AgreementCoverage {
  /** Decisions of the period put to the vote (a tally, or a vote recorded). */
  voted: number;
  /** Of those, decisions with every member's vote known. */
  allKnown: number;
  /** Decisions put to the vote that were not unanimous (a vote against or an abstention). */
  divided: number;
  /** Of those, decisions with every member's vote known. */
  dividedKnown: number;
  /** Known member votes by what they rest on: a source's record, or the tally (15-0-0, 13-2-0 …). */
  votesRecorded: number;
  votesFromTally: number;
}

export interface AgreementData {
  from: string;
  to: string;
  members: string[];
  cells: AgreementCell[];
  /** Decisions in the period with at least two members' votes known. */
  decisions: number;
  coverage: AgreementCoverage;
  /** Why the matrix cannot support a conclusion, when it cannot (empty when the data suffice). */
  warnings: ('no_votes' | 'before_1994' | 'no_divided_votes_known' | 'divided_votes_partly_known')[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The first year for which a per-member source (the voting sheet) exists; before it only tallies and vetoes. */
export const PER_MEMBER_VOTES_FROM = '1994-01-01';

function membersAt(date: string, memo: Map<string, string[] | undefined>): string[] | undefined {
  if (memo.has(date)) return memo.get(date);
  const { from, to } = membershipCoverage();
  const members = date >= from && date <= to ? membersOn(date) : undefined;
  memo.set(date, members);
  return members;
}

/**
 * How often each pair of Council members voted alike in a period, over the decisions on which the record
 * knows both members' votes (recorded by a source, or proven from the tally: see domain/proven-votes.ts).
 * Nothing is inferred here; what is not known is counted as coverage and said plainly.
 */
export async function agreementMatrix(db: Db, from: string, to: string): Promise<AgreementData> {
  if (!DATE.test(from) || !DATE.test(to))
    throw new Error(`agreement matrix: dates must be YYYY-MM-DD, got "${from}" and "${to}"`);
  if (to < from) throw new Error(`agreement matrix: the period ${from} to ${to} ends before it begins`);
  const decisions = await decisionsBetween(db, from, to);
  const votes = await votesOnDecisions(
    db,
    decisions.map((d) => d.id),
  );
  const ballots = new Map<string, Map<string, Vote>>();
  const coverage: AgreementCoverage = {
    voted: 0,
    allKnown: 0,
    divided: 0,
    dividedKnown: 0,
    votesRecorded: 0,
    votesFromTally: 0,
  };
  for (const v of votes) {
    const m = ballots.get(v.decision_id) ?? new Map<string, Vote>();
    m.set(v.state, v.vote);
    ballots.set(v.decision_id, m);
    if (v.basis === 'tally') coverage.votesFromTally += 1;
    else coverage.votesRecorded += 1;
  }
  const members = new Set<string>();
  const known: Map<string, Vote>[] = [];
  const councils = new Map<string, string[] | undefined>();
  for (const d of decisions) {
    const ballot = ballots.get(d.id) ?? new Map<string, Vote>();
    const voted =
      d.vote_for !== null || ballot.size > 0 || d.modality === 'vote' || d.modality === 'written_procedure';
    if (!voted || d.kind === 'presidential_statement') continue;
    coverage.voted += 1;
    const council = membersAt(d.date!, councils) ?? [];
    for (const s of council) members.add(s);
    const allKnown = council.length > 0 && council.every((s) => ballot.has(s));
    if (allKnown) coverage.allKnown += 1;
    const values = [...ballot.values()];
    const divided =
      (d.vote_against ?? 0) > 0 ||
      (d.vote_abstaining ?? 0) > 0 ||
      d.kind === 'draft_not_adopted' ||
      values.some((x) => x === 'N' || x === 'A');
    if (divided) {
      coverage.divided += 1;
      if (allKnown) coverage.dividedKnown += 1;
    }
    if (values.filter((x) => x !== 'X').length >= 2) known.push(ballot);
    for (const s of ballot.keys()) members.add(s);
  }
  const ordered = [...members].sort(
    (a, b) =>
      Number(isPermanent(b)) - Number(isPermanent(a)) ||
      displayName(a, 'en').localeCompare(displayName(b, 'en')),
  );
  const cells: AgreementCell[] = [];
  for (const a of ordered) {
    for (const b of ordered) {
      let together = 0;
      let agree = 0;
      for (const ballot of known) {
        const va = ballot.get(a);
        const vb = ballot.get(b);
        if (!va || !vb || va === 'X' || vb === 'X') continue;
        together += 1;
        if (va === vb) agree += 1;
      }
      cells.push({ a, b, together, agree });
    }
  }
  const warnings: AgreementData['warnings'] = [];
  if (coverage.voted === 0 || known.length === 0) warnings.push('no_votes');
  if (from < PER_MEMBER_VOTES_FROM) warnings.push('before_1994');
  if (coverage.divided > 0 && coverage.dividedKnown === 0) warnings.push('no_divided_votes_known');
  // Below nine in ten divided votes known, the unanimous votes (always known) weigh too much.
  else if (coverage.dividedKnown < coverage.divided * 0.9) warnings.push('divided_votes_partly_known');
  return { from, to, members: ordered, cells, decisions: known.length, coverage, warnings };
}

/** The coverage sentence shown beside the matrix. */
export function coverageNote(data: AgreementData, lang: Lang): string {
  const c = data.coverage;
  return lang === 'zh'
    ? `本期间 ${fmt(c.voted, lang)} 项付诸表决的决定中，${fmt(c.allKnown, lang)} 项已知每个成员的投票；其中有分歧的表决 ${fmt(c.divided, lang)} 项，已知每个成员投票的 ${fmt(c.dividedKnown, lang)} 项。已知投票 ${fmt(c.votesRecorded, lang)} 票出自来源记录，${fmt(c.votesFromTally, lang)} 票由计票结果推得(如 15-0-0)。每格只计两个成员投票均已知的决定，格中 n 为决定数。`
    : `Per-member votes known for ${fmt(c.allKnown, lang)} of ${fmt(c.voted, lang)} decisions in this period ` +
        `(${fmt(c.dividedKnown, lang)} of the ${fmt(c.divided, lang)} divided votes). ` +
        `${fmt(c.votesRecorded, lang)} known votes come from a source's record, ${fmt(c.votesFromTally, lang)} follow from the tally (15-0-0, or a tally whose other votes are known). ` +
        'Each cell counts only decisions on which both members’ votes are known; n is that number.';
}

/** A plain warning when the data cannot support a conclusion; undefined when they can. */
export function coverageWarning(data: AgreementData, lang: Lang): string | undefined {
  const parts: string[] = [];
  for (const w of data.warnings) {
    if (w === 'no_votes')
      parts.push(
        lang === 'zh' ? '本期间记录中没有已知的成员投票。' : 'No member’s vote is known in this period.',
      );
    if (w === 'before_1994')
      parts.push(
        lang === 'zh'
          ? '1994 年以前，记录只知道一致通过的表决和否决票的成员投票。'
          : 'Before 1994 the record knows members’ votes only for unanimous votes and vetoes.',
      );
    if (w === 'no_divided_votes_known')
      parts.push(
        lang === 'zh'
          ? `本期间 ${data.coverage.divided} 项有分歧的表决没有一项已知全部成员投票：矩阵只反映一致的表决，不能据以得出成员之间分歧的任何结论。`
          : `None of the period’s ${data.coverage.divided} divided votes is known member by member: the matrix reflects only votes everyone agreed on and cannot support any conclusion about how members differ.`,
      );
    if (w === 'divided_votes_partly_known')
      parts.push(
        lang === 'zh'
          ? `有分歧的表决只知道 ${data.coverage.dividedKnown}/${data.coverage.divided} 项的全部成员投票：一致程度被高估，这些数字不足以支持结论。`
          : `Only ${data.coverage.dividedKnown} of the ${data.coverage.divided} divided votes are known member by member: agreement is overstated, and these figures cannot support a conclusion about how members differ.`,
      );
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function shade(share: number): string {
  // From pale to dark blue; the number is printed in every cell, so colour is never the only cue.
  const l = Math.round(95 - share * 60);
  return `hsl(210 70% ${l}%)`;
}

export async function agreementMatrixChart(
  db: Db,
  from: string,
  to: string,
  lang: Lang,
): Promise<Chart<AgreementData>> {
  const data = await agreementMatrix(db, from, to);
  const n = data.members.length;
  const cell = 44;
  const left = 52;
  const top = 52;
  const size = left + n * cell + 12;
  const cellOf = new Map(data.cells.map((c) => [`${c.a}|${c.b}`, c]));
  const parts: string[] = [];
  data.members.forEach((m, i) => {
    parts.push(
      text(left - 6, top + i * cell + cell / 2 + 4, m, 'text-anchor="end" font-size="11" fill="#111"'),
    );
    const x = left + i * cell + cell / 2;
    parts.push(
      text(
        x,
        top - 8,
        m,
        `text-anchor="start" font-size="11" fill="#111" transform="rotate(-45 ${x} ${top - 8})"`,
      ),
    );
  });
  data.members.forEach((a, i) => {
    data.members.forEach((b, j) => {
      const c = cellOf.get(`${a}|${b}`)!;
      const x = left + j * cell;
      const y = top + i * cell;
      const label = `${displayName(a, lang)} / ${displayName(b, lang)}`;
      if (c.together === 0) {
        parts.push(
          `<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="#f2f2f2"><title>${escapeHtml(label)}: –</title></rect>`,
        );
        parts.push(
          text(x + cell / 2, y + cell / 2 + 4, '–', 'text-anchor="middle" font-size="10" fill="#555"'),
        );
        return;
      }
      const share = c.agree / c.together;
      const pct = Math.round(share * 100);
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${shade(share)}"><title>${escapeHtml(label)}: ${pct}% (${c.agree}/${c.together})</title></rect>`,
      );
      const ink = share > 0.55 ? '#fff' : '#111';
      parts.push(
        text(x + cell / 2, y + cell / 2 - 2, `${pct}%`, `text-anchor="middle" font-size="11" fill="${ink}"`),
      );
      parts.push(
        text(
          x + cell / 2,
          y + cell / 2 + 11,
          `n=${c.together}`,
          `text-anchor="middle" font-size="9" fill="${ink}"`,
        ),
      );
    });
  });
  const pairs = data.cells.filter((c) => c.a < c.b && c.together > 0);
  const lowest = [...pairs].sort((x, y) => x.agree / x.together - y.agree / y.together)[0];
  const title =
    lang === 'zh'
      ? `${dateInWords(from, 'zh')}至${dateInWords(to, 'zh')}安理会成员投票一致程度(%)`
      : `How often Council members voted alike, ${dateInWords(from, 'en')} to ${dateInWords(to, 'en')} (%)`;
  const note = coverageNote(data, lang);
  const warning = coverageWarning(data, lang);
  const lowestText = lowest
    ? lang === 'zh'
      ? `一致程度最低的是${displayName(lowest.a, 'zh')}和${displayName(lowest.b, 'zh')}(${Math.round((lowest.agree / lowest.together) * 100)}%，n=${lowest.together})。`
      : ` The pair that voted alike least often: ${displayName(lowest.a, 'en')} and ${displayName(lowest.b, 'en')} (${Math.round((lowest.agree / lowest.together) * 100)}%, n=${lowest.together}).`
    : '';
  const description =
    (lang === 'zh'
      ? `依据 ${data.decisions} 项已知至少两个成员投票的决定。`
      : `Based on ${data.decisions} decisions with at least two members' votes known. `) +
    note +
    lowestText +
    (warning ? ` ${warning}` : '');
  const id = `chart-agreement-${from}-${to}`;
  const svg = svgDocument(id, size, size, title, description, parts.join(''));
  const head = data.members
    .map((m) => `<th scope="col"><abbr title="${escapeHtml(displayName(m, lang))}">${m}</abbr></th>`)
    .join('');
  const rows = data.members
    .map((a) => {
      const cells = data.members
        .map((b) => {
          const c = cellOf.get(`${a}|${b}`)!;
          return c.together === 0
            ? '<td>–</td>'
            : `<td>${Math.round((c.agree / c.together) * 100)}% <small>(${fmt(c.agree, lang)}/${fmt(c.together, lang)})</small></td>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(displayName(a, lang))}</th>${cells}</tr>`;
    })
    .join('\n');
  const table =
    `<div class="scroll"><table class="chart-data" id="${id}-data"><caption>${escapeHtml(title)}</caption>\n` +
    `<thead><tr><th scope="col">${lang === 'zh' ? '成员' : 'Member'}</th>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table></div>`;
  return { id, lang, title, description, svg, table, data, note, ...(warning ? { warning } : {}) };
}
