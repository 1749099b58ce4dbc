import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../../src/config/paths.ts';
import type { Store } from '../../src/store/db.ts';
import { mergeAgendaItem, mergeDecision, mergeMeeting, replaceParticipants, upsertSource, type Prov } from '../../src/store/record.ts';
import { membersOn } from '../../src/domain/membership.ts';
import { scanResolutionRefs } from '../../src/domain/symbols.ts';

/**
 * Item 23 of 2020 written into a test database from the seed itself (the Repertoire's Chinese text in
 * SHARED_DIR): its videoconference table, its narrative and footnotes, the four briefers of 4 June and the
 * positions of 7 July. The extraction engineers' seeders do this properly; this lets the pages be tested
 * before they land, on the same real values.
 */
export const SEED_FILE = join(SHARED_DIR, 'corpus/zh/repertoire-2020-part1-item23-peacekeeping.txt');
const SOURCE_ID = 'repertoire:zh:2020:23';
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const supToNumber = (s: string) => Number([...s].map((c) => SUP.indexOf(c)).join(''));

function zhDate(text: string): string {
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  if (!m) throw new Error(`fixture: no date in "${text}"`);
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

export async function writeItem23(store: Store): Promise<void> {
  const text = readFileSync(SEED_FILE, 'utf8');
  const lines = text.split('\n').map((l) => l.trim());
  const prov = (locator: string): Prov => ({ sourceId: SOURCE_ID, locator });
  await store.db.transaction().execute(async (db) => {
    await upsertSource(db, {
      id: SOURCE_ID,
      kind: 'repertoire',
      uri: 'data/corpus/zh/repertoire-2020-part1-item23-peacekeeping.txt',
      title: '安全理事会惯例汇辑 2020 年 第一部分 23. 联合国维持和平行动',
      lang: 'zh',
      sha256: createHash('sha256').update(text).digest('hex'),
      imported_at: '2026-11-26T06:00:00Z',
    });
    await mergeAgendaItem(db, { id: '2020-23', year: 2020, number: 23, title_zh: '联合国维持和平行动', title_en: 'United Nations peacekeeping operations', category: 'thematic' }, prov('heading'));

    // The videoconference table: date, record letter, title, decision.
    const header = lines.findIndex((l) => l.startsWith('视频会议日期'));
    const rows = lines.slice(header + 1).filter((l) => /^2020 年/.test(l));
    const closedNote = lines.find((l) => l.startsWith('^a'))?.replace(/^\^a\s*/, '');
    for (const [i, row] of rows.entries()) {
      const [dateCell, record, title, decisionCell] = row.split('\t');
      const date = zhDate(dateCell!);
      const closed = dateCell!.includes('^a');
      await mergeMeeting(
        db,
        {
          id: record!,
          date,
          format: closed ? 'closed_vtc' : 'open_vtc',
          record_symbol: record!,
          letter_date: zhDate(title!),
          title_zh: title!,
          agenda_item_id: '2020-23',
          notes: closed && closedNote ? JSON.stringify([closedNote]) : null,
        },
        prov(`table row ${i + 1}`),
      );
      const res = decisionCell ? scanResolutionRefs(decisionCell)[0] : undefined;
      if (res) {
        const [f, a, ab] = /(\d+)-(\d+)-(\d+)/.exec(decisionCell!)!.slice(1).map(Number);
        const letter = /S\/\d{4}\/\d+/.exec(decisionCell!)?.[0] ?? null;
        await mergeDecision(
          db,
          {
            id: res.symbol,
            kind: 'resolution',
            symbol: res.symbol,
            meeting_id: record!,
            agenda_item_id: '2020-23',
            date,
            modality: 'written_procedure',
            adopted: 1,
            vote_for: f!,
            vote_against: a!,
            vote_abstaining: ab!,
            written_procedure_letter: letter,
          },
          prov(`table row ${i + 1}`),
          // The table says 15-0-0: every member on that date voted in favour.
          f === 15 ? membersOn(date).map((state) => ({ state, vote: 'Y' as const })) : undefined,
        );
      }
    }

    // Narrative paragraphs and footnotes, with each marker's offset in the text it was cut from.
    await db.insertInto('section').values({ id: 'repertoire:2020:23:zh', source_id: SOURCE_ID, agenda_item_id: '2020-23', year: 2020, lang: 'zh', title: '23. 联合国维持和平行动' }).execute();
    const body = lines.slice(0, header).filter((l) => l && !/^[⁰-⁹]/.test(l) && l.length > 40);
    const notes = new Map(
      lines.filter((l) => /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s/.test(l)).map((l) => {
        const m = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$/.exec(l)!;
        return [supToNumber(m[1]!), m[2]!] as const;
      }),
    );
    for (const [i, raw] of body.entries()) {
      let clean = '';
      const markers: { n: number; at: number }[] = [];
      for (const part of raw.split(/([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/)) {
        if (/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(part)) markers.push({ n: supToNumber(part), at: clean.length });
        else clean += part;
      }
      await db.insertInto('paragraph').values({ id: `repertoire:2020:23:zh:p${i + 1}`, section_id: 'repertoire:2020:23:zh', ordinal: i + 1, text: clean, lang: 'zh' }).execute();
      for (const m of markers) {
        const note = notes.get(m.n);
        if (note === undefined) continue;
        await db.insertInto('footnote').values({ id: `repertoire:2020:23:zh:fn${m.n}`, section_id: 'repertoire:2020:23:zh', number: m.n, text: note, paragraph_ordinal: i + 1, marker_offset: m.at }).execute();
      }
    }
    await db.insertInto('citation').values({ id: 'repertoire:2020:23:zh:fn640:c1', footnote_id: 'repertoire:2020:23:zh:fn640', ordinal: 1, symbol: 'S/RES/2518 (2020)', paragraphs: '[4]' }).execute();

    // 4 June: the Under-Secretary-General for Peace Operations and three force commanders.
    await replaceParticipants(db, 'S/2020/514', SOURCE_ID, [
      { kind: 'briefer', role_zh: '主管和平行动副秘书长', role_en: null, office: 'usg-peace-operations', organisation: null, mission: null, state: null, name: null, gender: null, ordinal: 0 },
      { kind: 'briefer', role_zh: '马里稳定团部队指挥官', role_en: null, office: 'force-commander', organisation: null, mission: 'MINUSMA', state: null, name: null, gender: 'male', ordinal: 1 },
      { kind: 'briefer', role_zh: '南苏丹特派团部队指挥官', role_en: null, office: 'force-commander', organisation: null, mission: 'UNMISS', state: null, name: null, gender: null, ordinal: 2 },
      { kind: 'briefer', role_zh: '观察员部队副指挥官', role_en: null, office: 'deputy-force-commander', organisation: null, mission: 'UNDOF', state: null, name: null, gender: 'female', ordinal: 3 },
    ]);
    // 7 July, footnote 651: China and the Russian Federation on human rights serving the main goals.
    await db.insertInto('position').values({
      id: 'repertoire:2020:23:zh:pos651',
      meeting_id: 'S/2020/674',
      agenda_item_id: '2020-23',
      paragraph_id: null,
      footnote_id: 'repertoire:2020:23:zh:fn651',
      summary: '人权应服务和行动的主要目标，即支持热点问题政治解决，以及促进和解与建设和平',
      lang: 'zh',
      states: JSON.stringify(['CHN', 'RUS']),
    }).execute();
  });
}
