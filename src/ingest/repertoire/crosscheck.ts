/**
 * Stage 10 — cross-check. Reads: the assembled meetings, the narrative's claims and meetings, the
 * footnotes. Writes: findings for every contradiction between what the narrative says and what the
 * table and the detailed paragraphs show — the number and format of meetings, where resolutions were
 * announced, unanimity against the recorded vote, resolutions said to be adopted on a date against the
 * table's decisions, the record letter a paragraph cites against the table's, and the one-line list of
 * who briefed against the briefers of the detailed paragraphs. Nothing is reported on a consistent text.
 */
import type { Recognised } from './recognise.ts';
import type { Briefer, Finding, Meeting } from './types.ts';

const FORMAT_WORD: Record<string, string> = {
  open_vtc: 'open videoconference',
  closed_vtc: 'closed videoconference',
  meeting: 'meeting',
};

/** A meeting format as a finding's word, said in the reader's language (src/server/web/findings.ts). */
const term = (format: string) => ({ t: `finding.format.${format in FORMAT_WORD ? format : 'vtc'}` });

export function crossCheck(meetings: Meeting[], recognised: Recognised, findings: Finding[]): void {
  const { claims } = recognised;
  const tabled = meetings.filter((m) => m.tableRow !== null);

  for (const { n, formats, paragraph } of tabled.length > 0 ? claims.counts : []) {
    const matching = tabled.filter((m) => formats.includes(m.format));
    if (matching.length === n) continue;
    const word = formats.length === 1 ? FORMAT_WORD[formats[0]!]! : 'videoconference';
    const others = tabled.filter((m) => !matching.includes(m));
    findings.push({
      severity: 'error',
      code: 'count-contradiction',
      params: {
        paragraph,
        n,
        format: term(formats.length === 1 ? formats[0]! : 'vtc'),
        tabled: tabled.length,
        matching: matching.length,
        ...(others.length
          ? {
              variant: 'withOthers',
              others: others.map((m) => ({
                date: m.date,
                format: term(m.format),
                note: m.notes.length ? { t: 'finding.tableNote' } : '',
              })),
            }
          : {}),
      },
      message:
        `paragraph ${paragraph} says ${n} ${word}s were held, but the table lists ${tabled.length}, ` +
        `of which ${matching.length} ${word}s` +
        (others.length
          ? `; ${others.map((m) => `${m.date} was a ${FORMAT_WORD[m.format]}${m.notes.length ? ' (table note)' : ''}`).join(', ')}`
          : ''),
      where: `paragraph ${paragraph}`,
    });
  }

  if (claims.announcedOpen) {
    for (const symbol of claims.announcedOpen.resolutions) {
      const m = meetings.find((x) => x.decisions.some((d) => d.symbol === symbol));
      if (m && m.format !== 'open_vtc') {
        findings.push({
          severity: 'error',
          code: 'format-contradiction',
          params: {
            paragraph: claims.announcedOpen.paragraph,
            symbol,
            date: m.date,
            format: term(m.format),
            ...(m.notes.length
              ? { note: m.notes.join(' '), variant: 'announcedNote' }
              : { variant: 'announced' }),
          },
          message:
            `paragraph ${claims.announcedOpen.paragraph} says ${symbol} was announced at an open videoconference, but the ` +
            `${m.date} videoconference where it was announced was a ${FORMAT_WORD[m.format]}` +
            (m.notes.length ? ` according to the table note: "${m.notes.join(' ')}"` : ''),
          where:
            m.tableRow !== null ? `table row ${m.tableRow}` : `paragraph ${claims.announcedOpen.paragraph}`,
        });
      }
    }
  }

  for (const n of recognised.meetings) {
    const m = meetings.find((x) => x.date === n.date);
    if (!m) continue;
    const where = `paragraph ${n.paragraphs[0]}`;
    if (m.tableRow === null && tabled.length > 0) {
      findings.push({
        severity: 'warning',
        code: 'meeting-not-in-table',
        params: { paragraph: n.paragraphs[0]!, date: n.date },
        message: `paragraph ${n.paragraphs[0]} describes a meeting on ${n.date} that the table does not list`,
        where,
      });
    }
    if (n.format && m.tableRow !== null && n.format !== m.format) {
      findings.push({
        severity: 'error',
        code: 'format-contradiction',
        params: { paragraph: n.paragraphs[0]!, date: n.date, said: term(n.format), format: term(m.format) },
        message: `paragraph ${n.paragraphs[0]} calls the ${n.date} meeting a ${FORMAT_WORD[n.format]}, but the table makes it a ${FORMAT_WORD[m.format]}`,
        where,
      });
    }
    for (const symbol of n.resolutions) {
      if (m.tableRow !== null && !m.decisions.some((d) => d.symbol === symbol)) {
        findings.push({
          severity: 'error',
          code: 'decision-contradiction',
          params: { paragraph: n.paragraphs[0]!, symbol, date: n.date },
          message: `paragraph ${n.paragraphs[0]} says ${symbol} was adopted on ${n.date}, but the table's row for that date does not list it`,
          where,
        });
      }
    }
    if (n.unanimous) {
      for (const d of m.decisions) {
        if ((d.against ?? 0) > 0 || (d.abstaining ?? 0) > 0) {
          findings.push({
            severity: 'error',
            code: 'vote-contradiction',
            params: {
              paragraph: n.paragraphs[0]!,
              symbol: d.symbol,
              vote: `${d.for}-${d.against}-${d.abstaining}`,
            },
            message: `paragraph ${n.paragraphs[0]} says ${d.symbol} was adopted unanimously, but the table records ${d.for}-${d.against}-${d.abstaining}`,
            where,
          });
        }
      }
    }
    for (const r of n.records) {
      if (m.record && r !== m.record) {
        findings.push({
          severity: 'error',
          code: 'record-contradiction',
          params: { paragraph: n.paragraphs[0]!, cited: r, date: n.date, record: m.record },
          message: `paragraph ${n.paragraphs[0]} cites ${r} for the ${n.date} meeting, but the table's record is ${m.record}`,
          where,
        });
      }
    }
  }

  checkBrieferList(meetings, recognised, findings);
}

function key(b: Briefer): string {
  return `${b.office ?? b.role}|${b.mission ?? ''}|${b.kind === 'civil_society' ? (b.state ?? '') : ''}`;
}

/** The English canonical office beside the text's own words, for an English reader only. */
function roleEnOf(b: Briefer): string {
  return b.roleEn ? ` (${b.roleEn}${b.kind === 'civil_society' && b.state ? `, ${b.state}` : ''})` : '';
}

function describe(b: Briefer): string {
  return `${b.role}${roleEnOf(b)}`;
}

// The section's own wording of the role; English readers also get its English name.
const brieferParams = (b: Briefer) => ({ briefer: { zh: b.role, en: describe(b) } });

function checkBrieferList(meetings: Meeting[], { claims }: Recognised, findings: Finding[]): void {
  if (claims.briefersParagraph === null || claims.briefers.length === 0) return;
  const where = `paragraph ${claims.briefersParagraph}`;
  const detailed = new Map<string, { briefer: Briefer; dates: string[] }>();
  for (const m of meetings) {
    for (const b of m.briefers) {
      const k = key(b);
      const cur = detailed.get(k) ?? { briefer: b, dates: [] };
      cur.dates.push(m.date);
      detailed.set(k, cur);
    }
  }
  const listed = new Map<string, { briefer: Briefer; times: number }>();
  for (const c of claims.briefers) {
    const k = key(c.briefer);
    const cur = listed.get(k);
    if (cur) cur.times += c.times;
    else listed.set(k, { briefer: c.briefer, times: c.times });
  }
  for (const [k, l] of listed) {
    const d = detailed.get(k);
    const seen = d?.dates.length ?? 0;
    if (seen !== l.times) {
      findings.push({
        severity: 'error',
        code: 'briefer-count-contradiction',
        params: {
          paragraph: claims.briefersParagraph,
          ...brieferParams(l.briefer),
          times: l.times,
          timesWord: { t: l.times === 1 ? 'finding.time' : 'finding.times' },
          ...(seen === 0 ? { variant: 'none' } : { seen, dates: d!.dates.join(', ') }),
        },
        message:
          `paragraph ${claims.briefersParagraph} says ${describe(l.briefer)} briefed ${l.times} time${l.times === 1 ? '' : 's'}, ` +
          `but the detailed paragraphs show ${seen === 0 ? 'no such briefing' : `${seen} (${d!.dates.join(', ')})`}`,
        where,
      });
    }
  }
  for (const [k, d] of detailed) {
    if (listed.has(k)) continue;
    findings.push({
      severity: 'warning',
      code: 'briefer-not-in-list',
      params: {
        ...brieferParams(d.briefer),
        dates: d.dates.join(', '),
        paragraph: d.briefer.paragraph,
        listParagraph: claims.briefersParagraph,
      },
      message:
        `${describe(d.briefer)} briefed on ${d.dates.join(', ')} (paragraph ${d.briefer.paragraph}) but is not in ` +
        `paragraph ${claims.briefersParagraph}'s list of who briefed`,
      where: `paragraph ${d.briefer.paragraph}`,
    });
  }
}
