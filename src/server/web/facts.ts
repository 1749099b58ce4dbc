import type {
  FactChange,
  FactMeeting,
  FactSide,
  FactSubject,
  FactValue,
} from '../../ingest/repertoire/facts.ts';
import { dateInWords, decisionLabel, paragraphsLabel } from '../../domain/labels.ts';
import { getMission } from '../../domain/missions.ts';
import type { Lang } from '../../domain/vocabulary.ts';
import { html, join, type Html } from './html.ts';
import { findingWhere } from './findings.ts';
import { officeName, stateName, type View } from './format.ts';
import type { LabelKey } from './i18n/en.ts';
import { htmlLang, translator } from './lang.ts';

/**
 * A draft's diff in facts (src/ingest/repertoire/facts.ts) said in the reader's language, through the
 * dictionaries' `drafts.fact.*` words and the labels module's dates and decision labels: the web page's
 * cells (`factSubjectHtml`, `factSideHtml`) and `council ingest --draft`'s English lines (`factLine`).
 * What the record has only in the other language (a briefer's role as the other edition words it) is a
 * piece of its own, marked with its language on the page.
 */

/** Text said in pieces: the reader's language, or a piece in `lang`. */
type Piece = string | { text: string; lang: Lang };
type Said = Piece[];

/** A dictionary template with its placeholders filled by pieces (so a foreign piece stays marked). */
function say(v: View, key: LabelKey, vars: Record<string, Said | string | number> = {}): Said {
  const out: Said = [];
  const template = v.t(key);
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    out.push(template.slice(last, m.index));
    const value = vars[m[1]!];
    if (value === undefined) out.push(m[0]);
    else if (Array.isArray(value)) out.push(...value);
    else out.push(String(value));
    last = m.index! + m[0].length;
  }
  out.push(template.slice(last));
  return out.filter((p) => p !== '');
}

function joined(v: View, parts: Said[]): Said {
  const sep = v.t('drafts.fact.sep');
  return parts.flatMap((p, i) => (i === 0 ? p : [sep, ...p]));
}

/** The record's own wording, marked when it is not in the reader's language. */
const worded = (v: View, text: string, lang: Lang): Said => (lang === v.lang ? [text] : [{ text, lang }]);

function meetingSaid(v: View, m: FactMeeting): Said {
  if (m.record) return [m.record];
  return say(v, 'drafts.fact.meetingOn', {
    date: dateInWords(m.date, v.lang),
    format: v.t(`format.${m.format}`),
  });
}

function subjectSaid(v: View, s: FactSubject): Said {
  switch (s.kind) {
    case 'meeting':
      return meetingSaid(v, s.meeting);
    case 'decision':
      return [decisionLabel(s.symbol, v.lang)];
    case 'citation':
      return say(v, 'drafts.fact.citationOf', { symbol: s.symbol, n: s.footnote });
    case 'briefer': {
      const who: Said[] = [s.office ? [officeName(v, s.office)] : worded(v, s.role, s.lang)];
      const mission = s.mission ? getMission(s.mission) : undefined;
      if (s.mission) who.push([mission ? (v.lang === 'zh' ? mission.zh : mission.en) : s.mission]);
      if (s.state) who.push([stateName(s.state, v.lang, s.meeting.date)]);
      const briefer = joined(v, who);
      return say(v, 'drafts.fact.brieferAt', {
        who: s.n > 1 ? say(v, 'drafts.fact.nth', { who: briefer, n: s.n }) : briefer,
        meeting: meetingSaid(v, s.meeting),
      });
    }
  }
}

const count = (n: number | null) => (n === null ? '?' : String(n));

function valueSaid(v: View, x: FactValue): Said {
  switch (x.kind) {
    case 'meeting':
      return joined(v, [
        [dateInWords(x.date, v.lang)],
        [v.t(`format.${x.format}`)],
        ...(x.letterDate ? [say(v, 'drafts.fact.letter', { date: dateInWords(x.letterDate, v.lang) })] : []),
        ...(x.initiative
          ? [say(v, 'drafts.fact.initiative', { state: stateName(x.initiative, v.lang, x.date) })]
          : []),
      ]);
    case 'decision':
      return joined(v, [
        say(v, 'drafts.fact.atMeeting', { meeting: meetingSaid(v, x.meeting) }),
        say(v, 'drafts.fact.vote', {
          vote: `${count(x.vote.for)}-${count(x.vote.against)}-${count(x.vote.abstaining)}`,
        }),
        ...(x.writtenProcedure
          ? [say(v, 'drafts.fact.writtenProcedure', { symbol: x.writtenProcedure })]
          : []),
      ]);
    case 'briefer':
      return v.lang === 'en' && x.roleEn ? [x.roleEn] : worded(v, x.role, x.lang);
    case 'citation':
      return x.paragraphs.length > 0
        ? [paragraphsLabel(x.paragraphs, v.lang)]
        : say(v, 'drafts.fact.wholeDocument', { symbol: x.symbol });
  }
}

function sideSaid(v: View, side: FactSide): Said {
  return say(v, 'drafts.fact.where', { value: valueSaid(v, side.value), where: findingWhere(v, side.where) });
}

function toHtml(said: Said): Html {
  return join(
    said.map((p) => (typeof p === 'string' ? p : html`<span lang="${htmlLang(p.lang)}">${p.text}</span>`)),
  );
}

const toText = (said: Said) => said.map((p) => (typeof p === 'string' ? p : p.text)).join('');

/** The fact a change concerns, as the diff's row heading: "决定：第 2538(2020)号决议". */
export function factSubjectHtml(v: View, c: FactChange): Html {
  return toHtml(
    say(v, 'drafts.fact.subject', { kind: v.t(`drafts.kind.${c.kind}`), subject: subjectSaid(v, c.subject) }),
  );
}

/** One side of a change, its value and where the version states it; "—" when the side has none. */
export function factSideHtml(v: View, side: FactSide | null): Html {
  return side ? toHtml(sideSaid(v, side)) : html`—`;
}

const EN: View = { lang: 'en', t: translator('en'), url: '' };

/** A change as `council ingest --draft` prints it: "~ decision: Resolution 2538 (2020): … -> …". */
export function factLine(c: FactChange): string {
  const subject = toText(
    say(EN, 'drafts.fact.subject', {
      kind: EN.t(`drafts.kind.${c.kind}`),
      subject: subjectSaid(EN, c.subject),
    }),
  );
  const side = (s: FactSide | null) => (s ? toText(sideSaid(EN, s)) : '');
  const what =
    c.change === 'changed'
      ? `${side(c.before)} -> ${side(c.after)}`
      : side(c.change === 'added' ? c.after : c.before);
  return `${c.change === 'added' ? '+' : c.change === 'removed' ? '-' : '~'} ${subject}: ${what}`;
}
