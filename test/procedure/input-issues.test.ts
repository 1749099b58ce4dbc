import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { ISSUE_KEYS, type IssueKey } from '../../src/domain/issues.ts';
import { ProcedureError, type RefusalIssue } from '../../src/procedure/errors.ts';
import {
  announceSchema,
  loginSchema,
  newUserSchema,
  openSchema,
  parseInput,
  voteSchema,
} from '../../src/procedure/schemas.ts';

/**
 * Each check of the procedure's schemas says what is wrong as a key (src/domain/issues.ts), which the web
 * console words in the reader's language, and keeps its English message for the API and the CLI.
 */

const OPEN = { draftSymbol: 'S/2025/901', title: 'Draft resolution', agendaItemId: '2025-23' };

type Said = Pick<RefusalIssue, 'field' | 'key' | 'vars'>;
const say = (field: string, key: IssueKey, vars?: RefusalIssue['vars']): Said =>
  vars ? { field, key, vars } : { field, key };

const CASES: [string, z.ZodType, unknown, Said[]][] = [
  ['a missing title', openSchema, { ...OPEN, title: undefined }, [say('title', 'empty')]],
  ['a blank title', openSchema, { ...OPEN, title: '   ' }, [say('title', 'empty')]],
  [
    'an over-long title',
    openSchema,
    { ...OPEN, title: 'x'.repeat(501) },
    [say('title', 'tooLong', { max: 500 })],
  ],
  ['markup', openSchema, { ...OPEN, title: 'a <b>bold</b> title' }, [say('title', 'markup')]],
  ['a control character', openSchema, { ...OPEN, title: 'a\u0007b' }, [say('title', 'control')]],
  ['a line break in a one-line field', openSchema, { ...OPEN, title: 'a\nb' }, [say('title', 'control')]],
  ['a bidirectional control', openSchema, { ...OPEN, title: 'a\u202eb' }, [say('title', 'bidi')]],
  ['a deadline without its time', openSchema, { ...OPEN, deadline: '2025-06-17' }, [say('deadline', 'time')]],
  [
    'a deadline on no real day',
    openSchema,
    { ...OPEN, deadline: '2025-13-45T00:00:00Z' },
    [say('deadline', 'time')],
  ],
  ['a bad agenda item id', openSchema, { ...OPEN, agendaItemId: '-23' }, [say('agendaItemId', 'itemId')]],
  [
    'a bad draft symbol',
    openSchema,
    { ...OPEN, draftSymbol: 'not a symbol' },
    [say('draftSymbol', 'symbol')],
  ],
  ['an unknown state', openSchema, { ...OPEN, presidency: 'XXX' }, [say('presidency', 'state')]],
  [
    'a state not in ISO3 form',
    openSchema,
    { ...OPEN, presidency: 'chn' },
    [say('presidency', 'state'), say('presidency', 'state')],
  ],
  [
    'too many parties',
    openSchema,
    { ...OPEN, parties: Array<string>(16).fill('CHN') },
    [say('parties', 'tooMany', { max: 15 })],
  ],
  ['an unknown field', openSchema, { ...OPEN, sponsor: 'CHN' }, [say('', 'unknownField')]],
  ['a flag that is not one', openSchema, { ...OPEN, procedural: 'yes' }, [say('procedural', 'other')]],
  ['an abstention from the record (X)', voteSchema, { vote: 'X' }, [say('vote', 'choice')]],
  ['a vote not offered', voteSchema, { vote: 'Q' }, [say('vote', 'choice')]],
  ['no vote', voteSchema, {}, [say('vote', 'empty')]],
  [
    'a date on no real day',
    announceSchema,
    { format: 'open_vtc', date: '2020-02-30' },
    [say('date', 'date')],
  ],
  [
    'a date not as YYYY-MM-DD',
    announceSchema,
    { format: 'open_vtc', date: '30/02/2020' },
    [say('date', 'date'), say('date', 'date')],
  ],
  [
    'a symbol that is no resolution',
    announceSchema,
    { format: 'open_vtc', resolutionSymbol: 'S/2025/1' },
    [say('resolutionSymbol', 'resolution')],
  ],
  ['a meeting format not offered', announceSchema, { format: 'formal_public' }, [say('format', 'choice')]],
  ['an empty password', loginSchema, { name: 'someone', password: '' }, [say('password', 'empty')]],
  [
    'a bad user name and a short password',
    newUserSchema,
    { name: 'a!', role: 'public', password: 'short' },
    [say('name', 'userName'), say('password', 'tooShort', { min: 12 })],
  ],
  [
    'a delegation without its state',
    newUserSchema,
    { name: 'delegation', role: 'delegation', password: 'a long enough password' },
    [say('state', 'delegationState')],
  ],
  [
    'a Secretariat user with a state',
    newUserSchema,
    { name: 'secretariat', role: 'secretariat', state: 'CHN', password: 'a long enough password' },
    [say('state', 'roleWithoutState', { role: { t: 'role.secretariat' } })],
  ],
];

function refusal(schema: z.ZodType, input: unknown): ProcedureError {
  try {
    parseInput(schema, input, 'input');
  } catch (e) {
    assert.ok(e instanceof ProcedureError, String(e));
    return e;
  }
  assert.fail(`accepted ${JSON.stringify(input)}`);
}

test('each check of the schemas names its field and says what is wrong as a key, the message in English', () => {
  for (const [what, schema, input, said] of CASES) {
    const e = refusal(schema, input);
    assert.equal(e.code, 'invalid', what);
    const issues = e.issues ?? [];
    assert.deepEqual(
      issues.map(({ field, key, vars }) => say(field, key, vars)),
      said,
      what,
    );
    // The API and the CLI answer with the schemas' English messages, which the keys leave as they were.
    for (const i of issues) {
      assert.match(i.message, /^[\x20-\x7e–…]+$/, `${what}: ${i.message}`);
      assert.ok(e.message.includes(i.message), `${what}: ${e.message}`);
    }
  }
});

test('every key the list names is said by some check, so the list and the schemas stay one', () => {
  const said = new Set(CASES.flatMap(([, , , s]) => s.map((x) => x.key)));
  assert.deepEqual(
    ISSUE_KEYS.filter((k) => !said.has(k)),
    [],
  );
});
