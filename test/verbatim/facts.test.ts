/**
 * Facts read by hand from the shared PDFs (pdftotext -layout), asserted independently of the goldens.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { extractVerbatim } from '../../src/ingest/verbatim/pipeline.ts';
import { PDF_DIR, sharedPdfs } from './helpers.ts';

const skip = sharedPdfs().length === 0 && `no PDFs in ${PDF_DIR}`;
const read = (name: string) => extractVerbatim(join(PDF_DIR, name));
const others = (r: Awaited<ReturnType<typeof read>>) =>
  r.meeting.speakers.filter((s) => s.name !== 'The President').map((s) => `${s.name}|${s.state ?? ''}`);

describe('verbatim records: facts checked in the PDFs', { skip }, () => {
  it('S/PV.8701 adopts resolution 2505 (2020) 15-0-0 on draft S/2020/27, every member in favour', async () => {
    const r = await read('S-PV.8701.pdf');
    assert.equal(r.symbol, 'S/PV.8701');
    assert.equal(r.meeting.date, '2020-01-13');
    assert.equal(r.meeting.calledToOrder, '10:20');
    assert.equal(r.meeting.rose, '10:25');
    assert.deepEqual(r.meeting.president, { name: 'Mr. Dang', state: 'VNM' });
    assert.equal(r.meeting.members.length, 15);
    assert.deepEqual(r.meeting.agenda.documents, ['S/2019/823']);
    assert.equal(r.meeting.decisions.length, 1);
    const d = r.meeting.decisions[0]!;
    assert.equal(d.kind, 'resolution');
    assert.equal(d.symbol, 'S/RES/2505 (2020)');
    assert.equal(d.draft, 'S/2020/27');
    assert.deepEqual(d.vote, { for: 15, against: 0, abstaining: 0 });
    assert.deepEqual(Object.keys(d.votes).sort(), [
      'BEL',
      'CHN',
      'DEU',
      'DOM',
      'EST',
      'FRA',
      'GBR',
      'IDN',
      'NER',
      'RUS',
      'TUN',
      'USA',
      'VCT',
      'VNM',
      'ZAF',
    ]);
    assert.ok(Object.values(d.votes).every((v) => v === 'Y'));
    assert.deepEqual(r.findings, []);
  });

  it('S/PV.8699: the cover, 92 states under rule 37, three briefers under rule 39, S/PRST/2020/1', async () => {
    const r = await read('S-PV.8699.pdf');
    assert.equal(r.meeting.date, '2020-01-09');
    assert.equal(r.meeting.resumption, null);
    assert.equal(r.meeting.calledToOrder, '10:05');
    assert.equal(r.meeting.rose, null, 'the meeting was suspended, not closed');
    assert.deepEqual(r.meeting.agenda.documents, ['S/2020/1']);
    assert.equal(r.meeting.rule37.length, 92);
    assert.deepEqual(r.meeting.rule37.slice(0, 3), ['AFG', 'ALB', 'DZA']);
    assert.ok(
      r.meeting.rule37.includes('BOL') &&
        r.meeting.rule37.includes('VEN') &&
        r.meeting.rule37.includes('TLS'),
    );
    assert.deepEqual(
      r.meeting.rule39.map((b) => b.name),
      ['Mrs. Mary Robinson', 'Mr. Olof Skoog', 'Mr. Robert Mardini'],
    );
    assert.equal(r.meeting.rule39[0]!.role, 'Chair of The Elders');
    assert.deepEqual(
      r.meeting.decisions.map((d) => [d.kind, d.symbol, d.vote]),
      [['presidential_statement', 'S/PRST/2020/1', null]],
    );
    const speakers = others(r);
    assert.deepEqual(speakers.slice(0, 6), [
      'The Secretary-General|',
      'Mrs. Robinson|',
      'Mr. Gonsalves|VCT',
      'Mr. Reinsalu|EST',
      'Ms. Müntefering|DEU',
      'Mr. Matjila|ZAF',
    ]);
    assert.equal(speakers.at(-1), 'Mr. Akbaruddin|IND');
    const zhang = r.meeting.speakers.find((s) => s.name === 'Mr. Zhang Jun')!;
    assert.deepEqual([zhang.state, zhang.language], ['CHN', 'zh']);
  });

  it('S/PV.8699 (Resumption 1) and (Resumption 2) continue the debate, every speaker in order', async () => {
    const r1 = await read('S-PV.8699_Resumption1.pdf');
    assert.equal(r1.symbol, 'S/PV.8699 (Resumption 1)');
    assert.equal(r1.meeting.resumption, 1);
    assert.equal(r1.meeting.date, '2020-01-10');
    assert.equal(r1.meeting.calledToOrder, '10:00');
    const s1 = others(r1);
    assert.equal(s1.length, 33);
    assert.deepEqual(s1.slice(0, 3), ['Ms. Bavdaž Kuret|SVN', 'Mr. Alotaibi|KWT', 'Mr. Umarov|KAZ']);
    assert.equal(s1.at(-1), 'Mr. Bahr Aluloom|IRQ');
    const r2 = await read('S-PV.8699_Resumption2.pdf');
    assert.equal(r2.symbol, 'S/PV.8699 (Resumption 2)');
    assert.equal(r2.meeting.date, '2020-01-13');
    assert.equal(r2.meeting.rose, '17:05');
    assert.deepEqual(r2.meeting.rule37, ['COL', 'QAT', 'SEN']);
    const s2 = others(r2);
    assert.deepEqual(s2.slice(0, 2), ['Mr. Hilale|MAR', 'Ms. Šćepanović|MNE']);
    // Turkey took the floor a second time, in reply to the Syrian Arab Republic.
    assert.deepEqual(s2.slice(-2), ['Mr. Al Arsan|SYR', 'Mr. Varli|TUR']);
  });

  it('S/PV.8706: rule 37, rule 39 briefers with their offices, the observers invited by practice', async () => {
    const r = await read('S-PV.8706.pdf');
    assert.equal(r.meeting.rule37.length, 32);
    assert.deepEqual(r.meeting.rule39, [
      {
        name: 'Ms. Rosemary DiCarlo',
        role: 'Under-Secretary-General for Political and Peacebuilding Affairs',
      },
      {
        name: 'Ms. Ursula Mueller',
        role: 'Assistant Secretary-General for Humanitarian Affairs and Deputy Emergency Relief Coordinator',
      },
      {
        name: 'Mrs. Adela Raz',
        role: 'Vice-Chair of the Committee on the Exercise of the Inalienable Rights of the Palestinian People',
      },
      {
        name: 'Mr. Maged Abdelfattah Abdelaziz',
        role: 'Permanent Observer of the League of Arab States to the United Nations',
      },
    ]);
    const m = r.meeting as typeof r.meeting & { otherInvitations: { role: string }[] };
    assert.equal(m.otherInvitations.length, 2);
    assert.deepEqual(others(r).slice(0, 4), [
      'Ms. DiCarlo|',
      'Ms. Mueller|',
      'Mr. Mansour|PSE',
      'Mr. Danon|ISR',
    ]);
  });

  it('S/PV.8698 and S/PV.8703: times, briefers and the members who spoke, with their languages', async () => {
    const r = await read('S-PV.8698.pdf');
    assert.deepEqual(
      [r.meeting.date, r.meeting.calledToOrder, r.meeting.rose],
      ['2020-01-08', '10:00', '11:40'],
    );
    assert.deepEqual(
      r.meeting.rule39.map((b) => b.name),
      ['Mr. Mohamed Ibn Chambas'],
    );
    assert.deepEqual(
      r.meeting.speakers.filter((s) => s.state === 'RUS').map((s) => [s.name, s.language]),
      [['Mr. Polyanskiy', 'ru']],
    );
    const mali = await read('S-PV.8703.pdf');
    assert.deepEqual(mali.meeting.rule37, ['MLI']);
    const lacroix = mali.meeting.speakers.find((s) => s.name === 'Mr. Lacroix')!;
    assert.deepEqual([lacroix.state, lacroix.language], [null, 'fr']);
    assert.equal(mali.meeting.speakers.at(-2)!.name, 'Mr. Dramé');
  });
});
