/**
 * A formal meeting as the Repertoire's table of meetings prints it, built from the record (its
 * participants, speeches and decisions, as the verbatim record gave them):
 *   Meeting record and date | Sub-item | Other documents | Rule 37 invitations | Rule 39 and other
 *   invitations | Speakers | Decision and vote (for-against-abstaining)
 * and its Chinese edition. Speakers are listed once each, in the order they first spoke; when every member
 * spoke they are "All Council members". The sub-items are those the verbatim record's cover prints, in
 * English in both editions (no Chinese edition is read yet); a meeting without them has an empty cell.
 */
import { displayName } from '../domain/states.ts';
import { jsonList } from '../store/queries/rows.ts';
import { decisionLabel, repertoireDate, stateList } from '../domain/labels.ts';
import type { Lang } from '../domain/vocabulary.ts';

export const FORMAL_MEETING_HEADINGS: Record<Lang, string[]> = {
  en: [
    'Meeting record and date',
    'Sub-item',
    'Other documents',
    'Rule 37 invitations',
    'Rule 39 and other invitations',
    'Speakers',
    'Decision and vote (for-against-abstaining)',
  ],
  zh: [
    '会议记录和日期',
    '分项目',
    '其他文件',
    '规则第37条邀请',
    '规则第39条邀请和其他邀请',
    '发言者',
    '决定和表决(赞成-反对-弃权)',
  ],
};

export interface FormalMeetingInput {
  /** `sub_items_en`: the stored JSON list of the cover's sub-items (migration 015). */
  meeting: { id: string; date: string; record_symbol: string | null; sub_items_en?: string | null };
  participants: {
    kind: string;
    state: string | null;
    name: string | null;
    role_en: string | null;
    ordinal: number;
  }[];
  speeches: { ordinal: number; speaker: string; state: string | null; organisation: string | null }[];
  decisions: {
    kind: string;
    symbol: string | null;
    draft_symbol: string | null;
    adopted: number | null;
    vote_for: number | null;
    vote_against: number | null;
    vote_abstaining: number | null;
  }[];
}

export interface FormalMeetingRow {
  record: string;
  subItem: string | null;
  otherDocuments: string[];
  rule37: string;
  rule39: string[];
  speakers: string[];
  decisions: string[];
}

const ALL_MEMBERS: Record<Lang, string> = { en: 'All Council members', zh: '安理会全体成员' };
const OFFICES: Record<string, Record<Lang, string>> = {
  'The Secretary-General': { en: 'Secretary-General', zh: '秘书长' },
  'The Deputy Secretary-General': { en: 'Deputy Secretary-General', zh: '常务副秘书长' },
};

export function formalMeetingRow(input: FormalMeetingInput, lang: Lang): FormalMeetingRow {
  const { meeting, speeches, decisions } = input;
  // In the order the source listed them (ids sort "#10" before "#2").
  const participants = [...input.participants].sort((a, b) => a.ordinal - b.ordinal);
  const members = new Set(
    participants.filter((p) => (p.kind === 'member' || p.kind === 'chair') && p.state).map((p) => p.state!),
  );
  const briefers = participants.filter((p) => p.kind === 'briefer');
  const invited = participants.filter((p) => p.kind === 'invited');
  const spoke: { key: string; label: string; member: boolean }[] = [];
  for (const s of speeches) {
    // The President presiding is not a speaker; a statement in national capacity carries the State.
    if (s.speaker === 'The President' && !s.state) continue;
    const key = s.state ?? s.speaker;
    if (spoke.some((x) => x.key === key)) continue;
    const label = s.state
      ? displayName(s.state, lang)
      : (OFFICES[s.speaker]?.[lang] ??
        briefers.find((b) => surnameOf(b.name) === surnameOf(s.speaker))?.name ??
        s.speaker);
    spoke.push({ key, label, member: s.state !== null && members.has(s.state) });
  }
  const allMembers = members.size > 0 && [...members].every((m) => spoke.some((x) => x.key === m));
  const speakers = allMembers
    ? [ALL_MEMBERS[lang], ...spoke.filter((x) => !x.member).map((x) => x.label)]
    : spoke.map((x) => x.label);
  const sep = lang === 'zh' ? '' : ' ';
  return {
    record: `${meeting.record_symbol ?? meeting.id}${sep}${repertoireDate(meeting.date, lang)}`,
    subItem: jsonList(meeting.sub_items_en ?? null, `meeting ${meeting.id} sub_items_en`).join('; ') || null,
    otherDocuments: [...new Set(decisions.map((d) => d.draft_symbol).filter((s): s is string => !!s))],
    rule37: stateList(
      invited.filter((p) => p.state && p.role_en === 'rule 37').map((p) => p.state!),
      lang,
    ),
    rule39: [
      ...briefers.map((b) => [b.name, b.role_en].filter(Boolean).join(', ')),
      ...invited.filter((p) => p.role_en !== 'rule 37' && p.role_en).map((p) => p.role_en!),
    ],
    speakers,
    decisions: decisions.map((d) => decisionCell(d, lang)),
  };
}

function decisionCell(d: FormalMeetingInput['decisions'][number], lang: Lang): string {
  const vote = d.vote_for !== null ? ` ${d.vote_for}-${d.vote_against ?? 0}-${d.vote_abstaining ?? 0}` : '';
  if (d.kind === 'draft_not_adopted')
    return `${d.draft_symbol ?? ''}${lang === 'zh' ? '(未通过)' : ' (not adopted)'}${vote}`;
  const symbol = d.symbol ?? d.draft_symbol ?? '';
  return `${decisionLabel(symbol, lang)}${vote}`;
}

/** "Ms. Rosemary DiCarlo" and "Ms. DiCarlo" meet on "dicarlo". */
function surnameOf(name: string | null): string {
  return (name ?? '').trim().split(/\s+/).pop()!.toLowerCase();
}
