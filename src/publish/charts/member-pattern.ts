import { draftsVetoedBy } from '../../store/queries/decisions.ts';
import { stateVotesWithTallies, votesBeside } from '../../store/queries/votes.ts';
import type { Db } from '../../store/record.ts';
import type { Lang } from '../../domain/vocabulary.ts';
import { yearBarChart } from './bar-chart.ts';
import { fmt, type Chart } from './svg.ts';

import type { Vote } from '../../domain/article27.ts';

export interface MemberYear {
  year: number;
  /** The member's votes the record knows (recorded or proven from the tally). */
  known: number;
  /** Of those, votes other than the one most members cast, vetoes excepted. */
  againstMajority: number;
  /** Drafts it vetoed (from the veto lists and tables, whether or not its other votes are known). */
  vetoes: number;
}

/** The majority's vote: from the tally when the record has one, else from every member's known vote. */
function majorityOf(
  tally: { Y: number | null; N: number | null; A: number | null },
  known: Vote[],
): Vote | undefined {
  const counts: [Vote, number][] =
    tally.Y !== null && tally.N !== null && tally.A !== null
      ? [
          ['Y', tally.Y],
          ['N', tally.N],
          ['A', tally.A],
        ]
      : (['Y', 'N', 'A'] as Vote[]).map((v) => [v, known.filter((k) => k === v).length]);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  // A tie has no majority to go against.
  return sorted[0]![1] > sorted[1]![1] ? sorted[0]![0] : undefined;
}

/** A member's known votes by year: how many went against the majority, and its vetoes. */
export async function memberPattern(db: Db, iso3: string): Promise<MemberYear[]> {
  const own = await stateVotesWithTallies(db, iso3);
  const others = await votesBeside(db, iso3);
  const votesOf = new Map<string, Vote[]>();
  for (const o of others) {
    const list = votesOf.get(o.decision_id) ?? [];
    list.push(o.vote);
    votesOf.set(o.decision_id, list);
  }
  const vetoed = await draftsVetoedBy(db, iso3);
  const years = new Map<number, MemberYear>();
  const at = (date: string | null) => {
    const y = Number((date ?? '').slice(0, 4));
    const row = years.get(y) ?? { year: y, known: 0, againstMajority: 0, vetoes: 0 };
    years.set(y, row);
    return row;
  };
  for (const r of own) {
    if (!r.date) continue;
    const row = at(r.date);
    row.known += 1;
    if (r.vote === 'X') continue;
    const isVeto = r.vote === 'N' && (r.vetoed_by ?? '').includes(`"${iso3}"`);
    const majority = majorityOf(
      { Y: r.vote_for, N: r.vote_against, A: r.vote_abstaining },
      votesOf.get(r.id) ?? [],
    );
    if (!isVeto && majority && r.vote !== majority) row.againstMajority += 1;
  }
  for (const d of vetoed) if (d.date) at(d.date).vetoes += 1;
  return [...years.values()].filter((y) => y.year > 0).sort((a, b) => a.year - b.year);
}

export async function memberPatternChart(
  db: Db,
  iso3: string,
  name: string,
  lang: Lang,
): Promise<Chart<MemberYear[]>> {
  const data = await memberPattern(db, iso3);
  const series = [
    {
      key: 'againstMajority',
      label: lang === 'zh' ? '与多数相左(否决票除外)' : 'Against the majority (vetoes apart)',
    },
    { key: 'vetoes', label: lang === 'zh' ? '否决票' : 'Vetoes' },
  ];
  const title =
    lang === 'zh'
      ? `${name}逐年与多数相左的投票和否决票`
      : `${name}: votes against the majority and vetoes, by year`;
  const description =
    (lang === 'zh' ? '只计记录已知的投票。' : 'Only votes the record knows are counted. ') +
    data
      .map((y) =>
        lang === 'zh'
          ? `${y.year} 年已知 ${fmt(y.known, lang)} 票，与多数相左 ${fmt(y.againstMajority, lang)}，否决 ${fmt(y.vetoes, lang)}`
          : `${y.year}: ${fmt(y.known, lang)} votes known, ${fmt(y.againstMajority, lang)} against the majority, ${fmt(y.vetoes, lang)} vetoes`,
      )
      .join(lang === 'zh' ? '；' : '; ');
  return yearBarChart(data, {
    id: `chart-member-${iso3}`,
    lang,
    title,
    description,
    series,
    values: (y, k) => (k === 'vetoes' ? y.vetoes : y.againstMajority),
    yLabel: lang === 'zh' ? '票数' : 'Votes',
    before: [{ label: lang === 'zh' ? '已知投票' : 'Known votes', value: (y) => y.known }],
    total: false,
  });
}
