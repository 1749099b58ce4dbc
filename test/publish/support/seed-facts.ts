import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from '../../../src/config/paths.ts';
import { membersOn } from '../../../src/domain/membership.ts';
import type { Store } from '../../../src/store/db.ts';
import {
  decisionId,
  mergeAgendaItem,
  mergeDecision,
  mergeMeeting,
  meetingId,
  mergeParticipants,
  upsertSource,
} from '../../../src/store/record.ts';

/**
 * The seed section's facts (Repertoire 2020, item 23, Chinese), written through the record API the way an
 * ingester does, for tests that must not wait for the Repertoire pipeline. Paragraph and footnote texts are
 * cut verbatim from the seed file, markers left in place; structured facts are as the seed states them.
 */
export const SEED_FILE = join(CORPUS_DIR, 'zh', 'repertoire-2020-part1-item23-peacekeeping.txt');
export const SOURCE_ID = 'repertoire:zh:2020:23:test';
export const SECTION_ID = 'repertoire:2020:23:zh';

export function seedText(): string {
  return readFileSync(SEED_FILE, 'utf8');
}

/** The seed's non-empty lines. */
function lines(): string[] {
  return seedText()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function lineStarting(prefix: string): string {
  const l = lines().find((x) => x.startsWith(prefix));
  if (!l) throw new Error(`seed has no line starting with ${prefix}`);
  return l;
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (n: number) =>
  String(n)
    .split('')
    .map((d) => SUP[Number(d)])
    .join('');

function footnoteText(n: number): string {
  return lineStarting(`${sup(n)} `).slice(sup(n).length + 1);
}

/** The seed's VTC table rows: [date, record, title, decisions]. */
export function seedTableLines(): string[] {
  const all = lines();
  const start = all.indexOf('视频会议: 联合国维持和平行动');
  return all.slice(start, start + 9);
}

export async function writeSeedFacts(store: Store): Promise<void> {
  const all = lines();
  const p0 = lineStarting('在本文件所述期间');
  const p1 = lineStarting('2020 年，安理会成员讨论');
  // The 30 March paragraph is cut by a page break after "确保提供适".
  const p2 = lineStarting('3 月 30 日') + lineStarting('足的医疗设施');
  const p3 = lineStarting('6 月 4 日');
  const paragraphs = [p0, p1, p2, p3];
  const markers: Record<number, number> = { 639: 0, 640: 2, 641: 2, 642: 2, 643: 2, 644: 2, 645: 2, 646: 3 };
  const cites: Record<number, { symbol: string; paragraphs?: number[] }[]> = {
    639: [],
    640: [{ symbol: 'S/RES/2518 (2020)', paragraphs: [4] }],
    641: [{ symbol: 'S/RES/2518 (2020)', paragraphs: [5] }],
    642: [{ symbol: 'S/RES/2518 (2020)', paragraphs: [9] }],
    643: [{ symbol: 'S/RES/2518 (2020)', paragraphs: [10, 12] }],
    644: [{ symbol: 'S/RES/2518 (2020)', paragraphs: [13] }],
    645: [{ symbol: 'S/RES/2518 (2020)', paragraphs: [6] }],
    646: [{ symbol: 'S/2020/514' }],
  };
  const table = seedTableLines()
    .slice(2, 8)
    .map((l) => l.split('\t'));
  const note = all.find((l) => l.startsWith('^a '))!.slice(3);

  await store.db.transaction().execute(async (trx) => {
    await upsertSource(trx, {
      id: SOURCE_ID,
      kind: 'repertoire',
      uri: 'data/corpus/zh/repertoire-2020-part1-item23-peacekeeping.txt',
      title: 'Repertoire 2020, item 23 (test facts)',
      lang: 'zh',
      sha256: 'test',
      imported_at: '2026-01-01T00:00:00Z',
    });
    const prov = (locator: string) => ({ sourceId: SOURCE_ID, locator });
    await mergeAgendaItem(
      trx,
      {
        id: '2020-23',
        year: 2020,
        number: 23,
        title_zh: '联合国维持和平行动',
        title_en: null,
        category: 'thematic',
      },
      prov('heading'),
    );
    await trx
      .insertInto('section')
      .values({
        id: SECTION_ID,
        source_id: SOURCE_ID,
        agenda_item_id: '2020-23',
        year: 2020,
        lang: 'zh',
        title: '联合国维持和平行动',
      })
      .execute();
    await trx
      .insertInto('paragraph')
      .values(
        paragraphs.map((text, i) => ({
          id: `${SECTION_ID}:p${i}`,
          section_id: SECTION_ID,
          ordinal: i,
          text,
          lang: 'zh' as const,
        })),
      )
      .execute();
    for (const [n, ordinal] of Object.entries(markers)) {
      const id = `${SECTION_ID}:fn${n}`;
      await trx
        .insertInto('footnote')
        .values({
          id,
          section_id: SECTION_ID,
          number: Number(n),
          text: footnoteText(Number(n)),
          paragraph_ordinal: ordinal,
          marker_offset: null,
        })
        .execute();
      const list = cites[Number(n)] ?? [];
      for (const [i, c] of list.entries()) {
        await trx
          .insertInto('citation')
          .values({
            id: `${id}:c${i}`,
            footnote_id: id,
            ordinal: i,
            symbol: c.symbol,
            paragraphs: c.paragraphs ? JSON.stringify(c.paragraphs) : null,
          })
          .execute();
      }
    }
    const dates = ['2020-03-30', '2020-06-04', '2020-07-07', '2020-08-28', '2020-09-14', '2020-11-04'];
    const letterDates = ['2020-03-31', '2020-06-08', '2020-07-09', '2020-08-28', '2020-09-16', '2020-11-06'];
    for (const [i, row] of table.entries()) {
      const record = row[1]!;
      const id = meetingId({ recordSymbol: record, date: dates[i]!, format: 'open_vtc' });
      await mergeMeeting(
        trx,
        {
          id,
          date: dates[i]!,
          format: i === 0 ? 'closed_vtc' : 'open_vtc',
          record_symbol: record,
          letter_date: letterDates[i]!,
          title_zh: row[2]!,
          title_en: null,
          agenda_item_id: '2020-23',
          topic: null,
          presidency: null,
          initiative: i === 2 ? 'DEU' : null,
          chair: null,
          notes: i === 0 ? JSON.stringify([note]) : null,
        },
        prov(`table row ${i + 1}`),
      );
    }
    const decisions = [
      { symbol: 'S/RES/2518 (2020)', meeting: 'S/2020/268', date: '2020-03-30', wp: 'S/2020/249' },
      { symbol: 'S/RES/2538 (2020)', meeting: 'S/2020/856', date: '2020-08-28', wp: 'S/2020/851' },
    ];
    for (const d of decisions) {
      await mergeDecision(
        trx,
        {
          id: decisionId({ symbol: d.symbol }),
          kind: 'resolution',
          symbol: d.symbol,
          draft_symbol: null,
          meeting_id: d.meeting,
          agenda_item_id: '2020-23',
          date: d.date,
          modality: 'written_procedure',
          adopted: 1,
          vote_for: 15,
          vote_against: 0,
          vote_abstaining: 0,
          vote_absent: 0,
          written_procedure_letter: d.wp,
          record_letter: d.meeting,
          title: null,
          vetoed_by: null,
        },
        prov('table'),
        // 15-0-0 on a Council of fifteen: every member voted in favour.
        membersOn(d.date).map((state) => ({ state, vote: 'Y' as const })),
      );
    }
    await mergeParticipants(trx, 'S/2020/514', { group: SOURCE_ID, sourceId: SOURCE_ID }, [
      {
        kind: 'briefer',
        role_zh: '主管和平行动副秘书长',
        role_en: null,
        office: 'under-secretary-general-peace-operations',
        organisation: null,
        mission: null,
        state: null,
        name: null,
        gender: null,
        ordinal: 0,
        locator: 'participant 0',
      },
      {
        kind: 'briefer',
        role_zh: '马里稳定团部队指挥官',
        role_en: null,
        office: 'force-commander',
        organisation: null,
        mission: 'MINUSMA',
        state: null,
        name: null,
        gender: null,
        ordinal: 1,
        locator: 'participant 1',
      },
      {
        kind: 'briefer',
        role_zh: '南苏丹特派团部队指挥官',
        role_en: null,
        office: 'force-commander',
        organisation: null,
        mission: 'UNMISS',
        state: null,
        name: null,
        gender: null,
        ordinal: 2,
        locator: 'participant 2',
      },
      {
        kind: 'briefer',
        role_zh: '观察员部队副指挥官',
        role_en: null,
        office: 'deputy-force-commander',
        organisation: null,
        mission: 'UNDOF',
        state: null,
        name: null,
        gender: 'female',
        ordinal: 3,
        locator: 'participant 3',
      },
    ]);
  });
}
