import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { withStore, printJson } from '../context.ts';
import { CliError } from '../errors.ts';
import { PUBLIC, type Actor } from '../../procedure/actors.ts';
import { ProcedureService } from '../../procedure/service.ts';
import type { ProcedureView } from '../../procedure/view.ts';
import { ProcedureError } from '../../procedure/errors.ts';
import { collectCodes } from '../options.ts';
import { readSecret } from '../read-secret.ts';

/**
 * The written procedure from the command line. Each command acts as a user of the procedure: --as NAME
 * with the password on stdin, checked exactly as at the API, so the CLI grants no extra power.
 */

type Run<T> = (service: ProcedureService, actor: Actor) => Promise<T>;

async function act<T>(
  as: string | undefined,
  action: string,
  target: string | null,
  run: Run<T>,
): Promise<T> {
  const password = as ? await readSecret(`password of ${as}`) : undefined;
  return withStore(async (store, config) => {
    const service = ProcedureService.configured(store, config);
    let actor: Actor | null = null;
    try {
      actor = as ? await service.authenticate((await service.login({ name: as, password })).token) : PUBLIC;
      return await run(service, actor);
    } catch (e) {
      if (e instanceof ProcedureError) {
        await service.refuse(
          actor ?? { ...PUBLIC, name: `cli login attempt as ${as ?? ''}` },
          action,
          target,
          e,
        );
        throw new CliError(`${e.message} [${e.code}]`);
      }
      throw e;
    }
  });
}

function printView(v: ProcedureView, opts: { json?: boolean; lang?: string; letters?: boolean }): void {
  if (opts.json) return printJson(v);
  const lang = opts.lang === 'zh' ? 'zh' : 'en';
  const lines = [
    ...(v.rehearsal ? ['REHEARSAL: kept apart, never entered in the record / 演练：不载入记录'] : []),
    `${v.id}  ${v.draftSymbol}  ${v.status}`,
    `  ${v.title}`,
    `  agenda item ${v.agendaItemId}; opened ${v.openedAt}; deadline ${v.deadline}${v.procedural ? '; procedural' : ''}`,
  ];
  if (v.ballotsReceived !== undefined)
    lines.push(`  ballots received: ${v.ballotsReceived} of ${v.members.length}`);
  if (v.yourBallot)
    lines.push(
      `  your vote ${v.yourBallot.vote} received ${v.yourBallot.receivedAt}, receipt ${v.yourBallot.digest}`,
    );
  if (v.outcome) {
    const o = v.outcome;
    lines.push(
      `  outcome: ${o.adopted ? 'ADOPTED' : 'NOT ADOPTED'} ${o.for}-${o.against}-${o.abstaining}${o.absent ? ` (${o.absent} absent)` : ''}: ${o.reason}`,
    );
  }
  if (v.decisionId) lines.push(`  in the record as decision ${v.decisionId}, meeting ${v.meetingId}`);
  if (opts.letters) {
    for (const [name, letter] of Object.entries(v.letters)) {
      if (letter) lines.push('', `---- ${name} (${lang}) ----`, letter[lang]);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function register(program: Command): void {
  const proc = program
    .command('procedure')
    .description("the Council's written voting procedure (password of --as on stdin)");

  proc
    .command('open')
    .description('Secretariat: put a draft to a vote by written procedure')
    .requiredOption('--as <name>', 'a secretariat user')
    .requiredOption('--draft <symbol>', 'draft symbol, e.g. S/2020/239')
    .requiredOption('--title <text>', 'title of the draft')
    .requiredOption('--agenda-item <id>', 'agenda item id, e.g. 2020-23')
    .option('--agenda-title-en <text>', 'agenda item title, to add an item not yet in the record')
    .option('--agenda-title-zh <text>', 'agenda item title in Chinese')
    .option('--text <text>', 'text of the draft')
    .option('--text-file <path>', 'file holding the text of the draft (UTF-8)')
    .option('--procedural', 'a procedural matter (no veto)', false)
    .option('--rehearsal', 'a rehearsal: runs like a real vote, but nothing of it enters the record', false)
    .option('--party <ISO3>', 'a party to the dispute, who must abstain (repeatable)', collectCodes, [])
    .option('--deadline <ISO time>', 'end of the vote (default: 24 hours from now; at most 24 hours)')
    .option('--presidency <ISO3>', 'the state holding the presidency')
    .option('--json', 'print JSON', false)
    .action(async (o: Record<string, string | boolean | string[] | undefined>) => {
      const text = o.textFile ? readFileSync(String(o.textFile), 'utf8') : (o.text as string | undefined);
      const view = await act(o.as as string, 'procedure.open', null, (s, a) =>
        s.open(a, {
          draftSymbol: o.draft,
          title: o.title,
          agendaItemId: o.agendaItem,
          ...(o.agendaTitleEn ? { agendaItemTitleEn: o.agendaTitleEn } : {}),
          ...(o.agendaTitleZh ? { agendaItemTitleZh: o.agendaTitleZh } : {}),
          ...(text ? { text } : {}),
          procedural: Boolean(o.procedural),
          rehearsal: Boolean(o.rehearsal),
          parties: o.party,
          ...(o.deadline ? { deadline: o.deadline } : {}),
          ...(o.presidency ? { presidency: String(o.presidency).toUpperCase() } : {}),
        }),
      );
      printView(view, { json: Boolean(o.json), letters: !o.json });
    });

  proc
    .command('vote <id>')
    .description("Delegation: cast its state's vote (Y in favour, N against, A abstention)")
    .requiredOption('--as <name>', 'a delegation user')
    .requiredOption('--vote <Y|N|A>', 'the vote')
    .option('--json', 'print JSON', false)
    .action(async (id: string, o: { as: string; vote: string; json: boolean }) => {
      const r = await act(o.as, 'vote', id, (s, a) => s.vote(a, id, { vote: o.vote.toUpperCase() }));
      if (o.json) printJson(r);
      else
        process.stdout.write(
          `${r.duplicate ? 'already recorded' : 'recorded'}: ${r.state} ${r.vote} on ${r.draftSymbol} at ${r.receivedAt}; receipt ${r.digest}\n`,
        );
    });

  proc
    .command('close <id>')
    .description('President: close the vote (before the deadline only when all members have voted)')
    .requiredOption('--as <name>', 'the president')
    .option('--json', 'print JSON', false)
    .action(async (id: string, o: { as: string; json: boolean }) => {
      printView(await act(o.as, 'procedure.close', id, (s, a) => s.close(a, id)), { json: o.json });
    });

  proc
    .command('announce <id>')
    .description(
      'President: announce the outcome at a videoconference; issues the letters and records the decision',
    )
    .requiredOption('--as <name>', 'the president')
    .requiredOption('--format <open_vtc|closed_vtc>', 'the videoconference at which the outcome is announced')
    .option('--date <YYYY-MM-DD>', 'date of the videoconference (default today)')
    .option('--resolution <symbol>', 'symbol of the adopted resolution, e.g. "S/RES/2518 (2020)"')
    .option(
      '--outcome-letter <symbol>',
      "symbol of the President's letter giving the outcome, e.g. S/2020/249",
    )
    .option('--record-letter <symbol>', 'symbol of the letter recording the videoconference, e.g. S/2020/268')
    .option('--lang <zh|en>', 'language of the letters printed', 'en')
    .option('--json', 'print JSON', false)
    .action(async (id: string, o: Record<string, string | boolean | undefined>) => {
      const view = await act(o.as as string, 'procedure.announce', id, (s, a) =>
        s.announce(a, id, {
          format: o.format,
          ...(o.date ? { date: o.date } : {}),
          ...(o.resolution ? { resolutionSymbol: o.resolution } : {}),
          ...(o.outcomeLetter ? { outcomeLetterSymbol: o.outcomeLetter } : {}),
          ...(o.recordLetter ? { recordLetterSymbol: o.recordLetter } : {}),
        }),
      );
      printView(view, { json: Boolean(o.json), lang: String(o.lang), letters: true });
    });

  proc
    .command('show [id]')
    .description('a procedure (or all of them) as the given user, or the public, may see it')
    .option('--as <name>', 'see it as this user (password on stdin)')
    .option('--lang <zh|en>', 'language of the letters', 'en')
    .option('--letters', 'print the letters', false)
    .option('--json', 'print JSON', false)
    .action(
      async (id: string | undefined, o: { as?: string; lang: string; letters: boolean; json: boolean }) => {
        if (id) {
          printView(await act(o.as, 'procedure.show', id, (s, a) => s.show(a, id)), o);
          return;
        }
        const all = await act(o.as, 'procedure.list', null, (s, a) => s.list(a));
        if (o.json) printJson(all);
        else for (const v of all) printView(v, { ...o, letters: false });
      },
    );
}
