import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decisionSchema, meetingSchema, validate, ValidationError } from '../../src/domain/model.ts';
import { membersOn } from '../../src/domain/membership.ts';

const resolution2518 = {
  kind: 'resolution' as const,
  symbol: 'S/RES/2518 (2020)',
  draftSymbol: null,
  date: '2020-03-30',
  modality: 'written_procedure' as const,
  adopted: true,
  for: 15,
  against: 0,
  abstaining: 0,
  absent: 0,
  writtenProcedureLetter: 'S/2020/249',
  recordLetter: 'S/2020/268',
};

describe('domain model validation', () => {
  it('accepts resolution 2518 adopted 15-0-0 with the 15 members of 30 March 2020 voting yes', () => {
    const votes = membersOn('2020-03-30').map((state) => ({ state, vote: 'Y' as const }));
    const d = validate(decisionSchema, { ...resolution2518, votes }, 'test');
    assert.equal(d.votes?.length, 15);
  });

  it('refuses a total that does not match the per-member votes, naming the field and numbers', () => {
    const votes = membersOn('2020-03-30').map((state, i) => ({
      state,
      vote: i === 0 ? ('A' as const) : ('Y' as const),
    }));
    assert.throws(
      () => validate(decisionSchema, { ...resolution2518, votes }, 'S/2020/249 row 1'),
      (e: unknown) =>
        e instanceof ValidationError &&
        /S\/2020\/249 row 1/.test(e.message) &&
        /total in favour is 15 but the per-member votes give 14/.test(e.message),
    );
  });

  it('refuses an impossible date, an unknown state and a malformed symbol, naming each value', () => {
    const bad = {
      date: '2020-02-30',
      format: 'open_vtc',
      recordSymbol: 'S/2020/ABC',
      letterDate: null,
      titleZh: null,
      titleEn: null,
      agendaItemId: null,
      presidency: 'XXX',
      initiative: null,
      chair: null,
    };
    assert.throws(
      () => validate(meetingSchema, bad, 'file.txt line 4'),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.message.includes('"2020-02-30"') &&
        e.message.includes('"S/2020/ABC"') &&
        e.message.includes('"XXX"') &&
        e.message.startsWith('file.txt line 4'),
    );
  });
});
