import { dateEn, dateZh } from '../domain/labels.ts';
import type { VtcFormat } from '../domain/vocabulary.ts';
import { displayName, requireState } from '../domain/states.ts';
import type { Ballot, Outcome } from '../domain/article27.ts';

/**
 * The letters of the written procedure, in Chinese and English, worded after the 2020 letters: the
 * President's letter putting a draft to a vote under the procedure of S/2020/253, the President's letter
 * giving the outcome (as S/2020/249 for resolution 2518 (2020)) and its annex with each member's vote.
 * Letters are plain text; nothing in them is HTML.
 */
export interface Letter {
  zh: string;
  en: string;
}

/**
 * The procedure, named as the President's 2020 letters name it: word for word the clause of the record
 * letters of March–July 2020 (S/2020/266 to S/2020/270, S/2020/408, …: "The resolution was adopted on … in
 * accordance with …"), which test/procedure/letters.test.ts compares with those letters' text.
 */
const BASIS_EN =
  'the voting procedure set out in the letter dated 27 March 2020 from the President of the Security Council ' +
  '(S/2020/253), a procedure agreed upon in the light of the extraordinary circumstances caused by the ' +
  'coronavirus disease (COVID-19) pandemic';
const BASIS_ZH =
  '安全理事会成员鉴于2019冠状病毒病(COVID-19)大流行造成的特殊情况商定的、2020年3月27日安全理事会主席的信(S/2020/253)所述程序';

const timeOf = (isoTime: string) => isoTime.slice(11, 16);

function resolutionZh(symbol: string): string {
  const m = /^S\/RES\/(\d+) \((\d{4})\)$/.exec(symbol);
  return m ? `第${m[1]}(${m[2]})号决议` : symbol;
}

function resolutionEn(symbol: string): string {
  const m = /^S\/RES\/(\d+) \((\d{4})\)$/.exec(symbol);
  return m ? `resolution ${m[1]} (${m[2]})` : symbol;
}

const namesEn = (states: string[]) => states.map((s) => displayName(s, 'en')).join(', ');
const namesZh = (states: string[]) => states.map((s) => displayName(s, 'zh')).join('、');

/**
 * A state's name as the UN writes it in running text: with the article UNTERM marks in its short name
 * ("Russian Federation (the)" → "the Russian Federation", "Niger (the)" → "the Niger"), none otherwise
 * ("China"). Lists (the annex) keep the bare names, as the UN's voting lists do.
 */
export function inTextEn(iso3: string): string {
  const s = requireState(iso3, 'letter');
  return /\(the\)$/.test(s.shortEn) ? `the ${s.displayEn}` : s.displayEn;
}

/** "China and the Russian Federation"; "A, B and C". */
function andList(names: string[], and: string, sep: string): string {
  return names.length > 1
    ? `${names.slice(0, -1).join(sep)}${and}${names[names.length - 1]}`
    : (names[0] ?? '');
}

export interface AnnouncementInput {
  draftSymbol: string;
  title: string;
  agendaTitleEn: string | null;
  agendaTitleZh: string | null;
  openedAt: string;
  deadline: string;
}

export function announcementLetter(p: AnnouncementInput): Letter {
  const en = [
    `Letter dated ${dateEn(p.openedAt)} from the President of the Security Council addressed to the Permanent Representatives of the members of the Security Council`,
    '',
    // The record letters describe this letter as "putting to a vote the draft resolution contained in document …".
    `I have the honour to inform you that, in accordance with ${BASIS_EN}, I am putting to a vote the draft resolution contained in document ${p.draftSymbol}` +
      ` ("${p.title}")${p.agendaTitleEn ? `, in connection with the item entitled "${p.agendaTitleEn}"` : ''}.`,
    `Members are requested to communicate their votes (in favour, against or abstention) by letter signed by their Permanent ` +
      `Representative or Chargé d'affaires a.i. to the Director of the Security Council Affairs Division no later than ` +
      `${timeOf(p.deadline)} (UTC) on ${dateEn(p.deadline)}. This 24-hour deadline is non-extendable. Each vote will be acknowledged ` +
      `upon receipt. A member that has not communicated its vote by the deadline will be considered as not participating in the vote.`,
    'The draft resolution may not be withdrawn once the vote has started. The outcome of the vote will be announced by the President at a videoconference of the members of the Council.',
    '',
    '(Signed) President of the Security Council',
  ].join('\n');
  const zh = [
    `${dateZh(p.openedAt)}安全理事会主席给安全理事会成员国常驻代表的信`,
    '',
    `谨通知，按照${BASIS_ZH}，现将${p.agendaTitleZh ? `题为“${p.agendaTitleZh}”的项目下` : ''}${p.draftSymbol}号文件所载决议草案（“${p.title}”）付诸表决。`,
    `请各成员由常驻代表或临时代办签署信函，于${dateZh(p.deadline)}${timeOf(p.deadline)}（世界协调时）前将其表决（赞成、反对或弃权）送交安全理事会事务司司长。` +
      '这一24小时期限不得延长。每份表决信函收到后将予以确认。未在期限前送交表决的成员将视为未参加表决。',
    '表决开始后，决议草案不得撤回。表决结果将由主席在安全理事会成员视频会议上宣布。',
    '',
    '安全理事会主席（签名）',
  ].join('\n');
  return { zh, en };
}

export interface OutcomeInput {
  draftSymbol: string;
  outcome: Outcome;
  ballots: Ballot[];
  announcedOn: string;
  format: VtcFormat;
  resolutionSymbol: string | null;
  procedural: boolean;
}

function resultEn(p: OutcomeInput): string {
  const o = p.outcome;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [plural(o.for, 'vote in favour', 'votes in favour')];
  if (o.against > 0) parts.push(plural(o.against, 'against', 'against'));
  if (o.abstaining > 0) parts.push(plural(o.abstaining, 'abstention', 'abstentions'));
  const counts =
    `The draft resolution received ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]}` +
    (o.absent > 0 ? `; ${plural(o.absent, 'member', 'members')} did not participate in the vote.` : '.');
  if (o.adopted) {
    return `${counts} The draft resolution has been adopted${p.resolutionSymbol ? ` as ${resolutionEn(p.resolutionSymbol)}` : ''}.`;
  }
  if (o.vetoedBy.length > 0) {
    // "owing to the negative vote of …": singular for one or more permanent members, as the UN writes it
    // (UN press release SC/14244, 8 July 2020, on S/2020/654: "the negative vote of two permanent Council members").
    return `${counts} The draft resolution has not been adopted, owing to the negative vote of ${andList(o.vetoedBy.map(inTextEn), ' and ', ', ')}, permanent member${o.vetoedBy.length > 1 ? 's' : ''} of the Council.`;
  }
  if (/must abstain/.test(o.reason)) return `${counts} The vote is irregular: ${o.reason}.`;
  return `${counts} The draft resolution has not been adopted, having failed to obtain the required number of votes.`;
}

function resultZh(p: OutcomeInput): string {
  const o = p.outcome;
  const parts = [
    `${o.for}票赞成`,
    ...(o.against > 0 ? [`${o.against}票反对`] : []),
    ...(o.abstaining > 0 ? [`${o.abstaining}票弃权`] : []),
  ];
  const counts = `该决议草案获得${parts.join('、')}${o.absent > 0 ? `，${o.absent}个成员未参加表决` : ''}。`;
  if (o.adopted)
    return `${counts}该决议草案已${p.resolutionSymbol ? `作为${resolutionZh(p.resolutionSymbol)}` : ''}获得通过。`;
  if (o.vetoedBy.length > 0)
    return `${counts}由于安全理事会常任理事国${andList(
      o.vetoedBy.map((x) => displayName(x, 'zh')),
      '和',
      '、',
    )}投反对票，该决议草案未获通过。`;
  if (/must abstain/.test(o.reason))
    return `${counts}表决不合规定：争端当事方（${namesZh(partiesIn(o.reason))}）须放弃投票（《宪章》第二十七条第三项）。`;
  return `${counts}由于未获得所需票数，该决议草案未获通过。`;
}

function partiesIn(reason: string): string[] {
  return (/^([A-Z, ]+) must abstain/.exec(reason)?.[1] ?? '').split(', ').filter(Boolean);
}

export function outcomeLetter(p: OutcomeInput): Letter {
  const vtcEn = p.format === 'open_vtc' ? 'an open videoconference' : 'a closed videoconference';
  const vtcZh = p.format === 'open_vtc' ? '公开视频会议' : '非公开视频会议';
  const en = [
    `Letter dated ${dateEn(p.announcedOn)} from the President of the Security Council addressed to the Secretary-General and the Permanent Representatives of the members of the Security Council`,
    '',
    `I have the honour to inform you that the draft resolution contained in document ${p.draftSymbol} was put to a vote by written procedure in accordance with ${BASIS_EN}.`,
    resultEn(p),
    `The outcome of the vote was announced at ${vtcEn} of the members of the Security Council held on ${dateEn(p.announcedOn)}. The voting details are contained in the annex to the present letter.`,
    'I should be grateful if the present letter and its annex could be brought to the attention of the members of the Security Council and issued as a document of the Council.',
    '',
    '(Signed) President of the Security Council',
  ].join('\n');
  const zh = [
    `${dateZh(p.announcedOn)}安全理事会主席给秘书长和安全理事会成员国常驻代表的信`,
    '',
    `谨通知，${p.draftSymbol}号文件所载决议草案已按照${BASIS_ZH}以书面程序付诸表决。`,
    resultZh(p),
    `表决结果已在${dateZh(p.announcedOn)}举行的安全理事会成员${vtcZh}上宣布。表决详情载于本信附件。`,
    '请将本信及其附件提请安全理事会成员注意并作为安理会文件印发为荷。',
    '',
    '安全理事会主席（签名）',
  ].join('\n');
  return { zh, en };
}

/** The annex: each member's vote, members in English alphabetical order as in the 2020 annexes. */
export function votingDetailsLetter(p: OutcomeInput): Letter {
  const byVote = (v: Ballot['vote']) =>
    p.ballots
      .filter((b) => b.vote === v)
      .map((b) => b.state)
      .sort((a, b) => displayName(a, 'en').localeCompare(displayName(b, 'en')));
  const groups: [Ballot['vote'], string, string][] = [
    ['Y', 'In favour', '赞成'],
    ['N', 'Against', '反对'],
    ['A', 'Abstaining', '弃权'],
    ['X', 'Did not participate', '未参加表决'],
  ];
  const en = [
    `Annex to the letter dated ${dateEn(p.announcedOn)} from the President of the Security Council`,
    `Voting details on draft resolution ${p.draftSymbol}`,
    '',
    ...groups.map(([v, label]) => `${label}: ${byVote(v).length > 0 ? namesEn(byVote(v)) : 'none'}`),
  ].join('\n');
  const zh = [
    `${dateZh(p.announcedOn)}安全理事会主席的信的附件`,
    `关于${p.draftSymbol}号决议草案的表决详情`,
    '',
    ...groups.map(([v, , label]) => `${label}：${byVote(v).length > 0 ? namesZh(byVote(v)) : '无'}`),
  ].join('\n');
  return { zh, en };
}
