import { COUNCIL_SIZE, isPermanent, membersOn, membershipCoverage } from '../../domain/membership.ts';
import { displayName } from '../../domain/states.ts';
import { escapeHtml } from '../escape.ts';
import type { Lang } from '../labels.ts';
import { fmt, svgDocument, text, type Chart } from './svg.ts';

import type { Db } from '../../store/record.ts';

type Vote = 'Y' | 'N' | 'A' | 'X';

export interface AgreementCell {
  a: string;
  b: string;
  /** Decisions on which both cast a vote (yes, no or abstain). */
  together: number;
  /** Of those, how many times they voted alike. */
  agree: number;
}

export interface AgreementData {
  from: string;
  to: string;
  members: string[];
  cells: AgreementCell[];
  /** Decisions in the period with at least two members' votes known. */
  decisions: number;
  /** Of those, adopted unanimously by the full Council: every member's vote follows from the count. */
  inferredUnanimous: number;
  /** Decisions put to the vote in the period whose members' votes the record does not hold. */
  unknown: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * How often each pair of Council members voted alike in a period. Member votes come from the record's
 * vote rows; a resolution adopted by 15-0-0 on a full Council tells every member's vote, so those count
 * too. Votes the record does not hold are left out and counted, never guessed.
 */
export async function agreementMatrix(db: Db, from: string, to: string): Promise<AgreementData> {
  if (!DATE.test(from) || !DATE.test(to))
    throw new Error(`agreement matrix: dates must be YYYY-MM-DD, got "${from}" and "${to}"`);
  if (to < from) throw new Error(`agreement matrix: the period ${from} to ${to} ends before it begins`);
  const decisions = await db
    .selectFrom('decision')
    .select(['id', 'date', 'vote_for', 'vote_against', 'vote_abstaining', 'modality'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
  const votes = await db
    .selectFrom('vote as v')
    .innerJoin('decision as d', 'd.id', 'v.decision_id')
    .select(['v.decision_id', 'v.state', 'v.vote'])
    .where('d.date', '>=', from)
    .where('d.date', '<=', to)
    .execute();
  const explicit = new Map<string, Map<string, Vote>>();
  for (const v of votes) {
    const m = explicit.get(v.decision_id) ?? new Map<string, Vote>();
    m.set(v.state, v.vote);
    explicit.set(v.decision_id, m);
  }
  const coverage = membershipCoverage();
  const members = new Set<string>();
  const ballots: Map<string, Vote>[] = [];
  let inferred = 0;
  let unknown = 0;
  for (const d of decisions) {
    const date = d.date!;
    const covered = date >= coverage.from && date <= coverage.to;
    const council = covered ? membersOn(date) : [];
    for (const s of council) members.add(s);
    const ballot = new Map<string, Vote>(explicit.get(d.id) ?? []);
    const unanimous =
      covered &&
      d.vote_for === COUNCIL_SIZE &&
      d.vote_against === 0 &&
      d.vote_abstaining === 0 &&
      council.length === COUNCIL_SIZE;
    if (unanimous) {
      for (const s of council) if (!ballot.has(s)) ballot.set(s, 'Y');
    }
    const cast = [...ballot.values()].filter((v) => v !== 'X').length;
    if (cast >= 2) {
      ballots.push(ballot);
      if (unanimous) inferred += 1;
    } else if (d.vote_for !== null || d.modality === 'vote') {
      unknown += 1;
    }
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
      for (const ballot of ballots) {
        const va = ballot.get(a);
        const vb = ballot.get(b);
        if (!va || !vb || va === 'X' || vb === 'X') continue;
        together += 1;
        if (va === vb) agree += 1;
      }
      cells.push({ a, b, together, agree });
    }
  }
  return {
    from,
    to,
    members: ordered,
    cells,
    decisions: ballots.length,
    inferredUnanimous: inferred,
    unknown,
  };
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
  const cell = 34;
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
      parts.push(
        text(
          x + cell / 2,
          y + cell / 2 + 4,
          String(pct),
          `text-anchor="middle" font-size="10" fill="${share > 0.55 ? '#fff' : '#111'}"`,
        ),
      );
    });
  });
  const pairs = data.cells.filter((c) => c.a < c.b && c.together > 0);
  const lowest = [...pairs].sort((x, y) => x.agree / x.together - y.agree / y.together)[0];
  const title =
    lang === 'zh'
      ? `${from} 至 ${to} 安理会成员投票一致程度(%)`
      : `How often Council members voted alike, ${from} to ${to} (%)`;
  const description =
    lang === 'zh'
      ? `依据记录中 ${data.decisions} 项已知成员投票的决定(其中 ${data.inferredUnanimous} 项以 15 票一致通过)；${data.unknown} 项付诸表决的决定没有成员投票记录，未计入。` +
        (lowest
          ? `一致程度最低的是${displayName(lowest.a, 'zh')}和${displayName(lowest.b, 'zh')}(${Math.round((lowest.agree / lowest.together) * 100)}%)。`
          : '')
      : `Based on ${data.decisions} decisions whose members' votes the record holds (${data.inferredUnanimous} of them adopted 15-0-0, so every vote is known); ` +
        `${data.unknown} decisions put to the vote without members' votes in the record are left out.` +
        (lowest
          ? ` The pair that voted alike least often: ${displayName(lowest.a, 'en')} and ${displayName(lowest.b, 'en')} (${Math.round((lowest.agree / lowest.together) * 100)}%).`
          : '');
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
    `<table class="chart-data" id="${id}-data"><caption>${escapeHtml(title)}</caption>\n` +
    `<thead><tr><th scope="col">${lang === 'zh' ? '成员' : 'Member'}</th>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
  return { id, lang, title, description, svg, table, data };
}
