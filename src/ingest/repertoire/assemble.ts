/**
 * Stage 9 — assemble the section. Reads: the item heading, paragraphs, footnotes, tables and what the
 * narrative says (recognise.ts). Writes: the section — one meeting per table row (date, record, letter
 * date, decisions, the row's lettered notes, and the format a note imposes: "…而是举行了非公开视频会议"
 * makes the row a closed videoconference) merged with the narrative's meeting of the same date
 * (briefers, initiative, chair, topic); narrative meetings with no table row are kept too.
 */
import { LEXICON } from './lexicon.ts';
import type { Recognised } from './recognise.ts';
import type {
  Block,
  Finding,
  Footnote,
  Lang,
  Meeting,
  MeetingFormat,
  Paragraph,
  Section,
  Table,
} from './types.ts';

export function readItem(blocks: Block[], lang: Lang, findings: Finding[]): Section['item'] {
  const lex = LEXICON[lang];
  const heading = blocks.find((b) => b.kind === 'item');
  const category = blocks.find((b) => b.kind === 'category');
  const cat = category
    ? lex.categories.find((c) => c.re.test(category.lines[0]!.trim()))?.category
    : undefined;
  const m = heading ? lex.itemHeading.exec(heading.lines[0]!) : null;
  if (!m) {
    findings.push({
      severity: 'error',
      code: 'item-missing',
      params: {},
      message:
        'no item heading such as "23. 联合国维持和平行动" / "23. United Nations peacekeeping operations" was found',
      where: 'line 1',
    });
  }
  return { number: m ? Number(m[1]) : 0, title: m ? m[2]!.trim() : '', category: cat ?? 'other' };
}

export function assembleMeetings(tables: Table[], recognised: Recognised, lang: Lang): Meeting[] {
  const lex = LEXICON[lang];
  const meetings: Meeting[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      if (!row.date) continue;
      const notes = row.noteMarks.flatMap((mark) =>
        table.notes.filter((n) => n.mark === mark).map((n) => n.text),
      );
      const narrative = recognised.meetings.find((m) => m.date === row.date);
      let format: MeetingFormat = table.kind === 'vtc' ? 'open_vtc' : 'meeting';
      const announced = recognised.claims.announcedOpen;
      if (narrative?.format) format = narrative.format;
      else if (announced && row.decisions.some((d) => announced.resolutions.includes(d.symbol)))
        format = 'open_vtc';
      else {
        // A summary that counts one format of this table's kind ("six open videoconferences") gives it.
        const single = recognised.claims.counts.find(
          (c) => c.formats.length === 1 && (c.formats[0] === 'meeting') === (table.kind === 'meeting'),
        );
        if (single) format = single.formats[0]!;
      }
      // A note on the row is the most specific statement there is about that meeting.
      if (table.kind === 'vtc' && notes.some((n) => lex.noteClosed.test(n))) format = 'closed_vtc';
      const meeting: Meeting = {
        date: row.date,
        format,
        record: row.record,
        letterDate: row.letterDate,
        title: row.title || null,
        topic: narrative?.topic ?? null,
        decisions: row.decisions,
        briefers: narrative?.briefers ?? [],
        initiative: narrative?.initiative ?? null,
        chair: narrative?.chair ?? null,
        chairEn: narrative?.chairEn ?? null,
        notes,
        paragraphs: narrative?.paragraphs ?? [],
        tableRow: row.row,
      };
      if (row.participation) meeting.participation = row.participation;
      meetings.push(meeting);
    }
  }
  for (const n of recognised.meetings) {
    if (meetings.some((m) => m.date === n.date)) continue;
    meetings.push({
      date: n.date,
      format: n.format ?? 'meeting',
      record: n.records[0] ?? null,
      letterDate: null,
      title: null,
      topic: n.topic,
      decisions: n.resolutions.map((symbol) => ({ symbol, for: null, against: null, abstaining: null })),
      briefers: n.briefers,
      initiative: n.initiative,
      chair: n.chair,
      chairEn: n.chairEn,
      notes: [],
      paragraphs: n.paragraphs,
      tableRow: null,
    });
  }
  return meetings.sort((a, b) => a.date.localeCompare(b.date));
}

export function assembleSection(
  item: Section['item'],
  year: number,
  lang: Lang,
  paragraphs: Paragraph[],
  footnotes: Footnote[],
  meetings: Meeting[],
  recognised: Recognised,
  findings: Finding[],
): Section {
  return {
    item,
    year,
    lang,
    paragraphs: paragraphs.map((p) => ({ text: p.text, footnotes: p.footnotes })),
    footnotes: footnotes.map(({ line: _l, ...f }) => f),
    meetings,
    positions: recognised.positions,
    findings,
  };
}
