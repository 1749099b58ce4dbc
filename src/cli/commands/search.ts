import type { Command } from 'commander';
import { DECISION_KINDS, MEETING_FORMATS } from '../../domain/vocabulary.ts';
import { DOC_KINDS } from '../../search/documents.ts';
import { reindexAll } from '../../search/indexer.ts';
import { QueryError } from '../../search/query.ts';
import { search, type SearchResult } from '../../search/search.ts';
import { printJson, withStore } from '../context.ts';
import { CliError } from '../errors.ts';

interface Options {
  json?: boolean;
  lang?: string;
  year?: string;
  item?: string;
  format?: string;
  decisionKind?: string;
  state?: string;
  kind?: string;
  meeting?: string;
  speaker?: string;
  limit?: string;
  offset?: string;
}

/** The snippet's HTML as terminal text: marks in bold (or «» when not a terminal), entities decoded. */
function plain(snippet: string, tty: boolean): string {
  return snippet
    .replace(/<mark>/g, tty ? '\x1b[1m' : '«')
    .replace(/<\/mark>/g, tty ? '\x1b[0m' : '»')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

function printResult(r: SearchResult): void {
  const tty = process.stdout.isTTY === true;
  const extra = r.ignored.length > 0 ? `; ignored: ${r.ignored.join(' ')}` : '';
  process.stdout.write(
    `${r.hits.length} results${r.more ? ', more with --offset' : ''} (${r.matched} match, ${r.ms} ms${extra})\n`,
  );
  for (const h of r.hits) {
    process.stdout.write(
      `\n${h.score.toFixed(2)}  ${h.kind}  ${h.title}  ${h.link}\n  ${plain(h.snippet, tty)}\n`,
    );
  }
}

export function register(program: Command): void {
  program
    .command('search')
    .description(
      'search the record (paragraphs, footnotes, meetings, briefers, decisions, speeches) in Chinese or English:\n' +
        '  council search 维和人员            words (segmented, stemmed; traditional finds simplified)\n' +
        '  council search \'"sustaining peace"\'  a phrase\n' +
        '  council search S/2020/514          a symbol, exactly\n' +
        '  council search reindex             rebuild the search index from the record',
    )
    .argument('<query...>', 'the query (several words are all required)')
    .option('--json', 'print the result as JSON')
    .option('--lang <lang>', 'zh or en')
    .option('--year <year>', 'year of the meeting, decision or Repertoire section')
    .option('--item <item>', 'agenda item number (23) or id (2020-23)')
    .option('--format <format>', `meeting format: ${MEETING_FORMATS.join(', ')}`)
    .option('--decision-kind <kind>', DECISION_KINDS.join(', '))
    .option('--state <state>', 'ISO3 code or state name')
    .option('--kind <kind>', `kind of unit: ${DOC_KINDS.join(', ')}`)
    .option('--meeting <id>', 'units of one meeting, e.g. "S/PV.8699" (its title, briefers, speeches)')
    .option('--speaker <state>', "speeches by a state's speakers (ISO3 code or state name)")
    .option('--limit <n>', 'results to show (1-100)', '10')
    .option('--offset <n>', 'results to skip', '0')
    .action(async (words: string[], opts: Options) => {
      if (words.length === 1 && words[0] === 'reindex') {
        const report = await withStore((store) => reindexAll(store));
        if (opts.json) printJson(report);
        else {
          process.stdout.write(
            `search index rebuilt: ${report.total} units (${report.paragraphs} paragraphs, ${report.footnotes} footnotes, ` +
              `${report.meetings} meeting titles, ${report.briefers} briefers, ${report.decisions} decisions, ${report.speeches} speeches) in ${report.ms} ms\n`,
          );
        }
        return;
      }
      const params = {
        q: words.join(' '),
        lang: opts.lang,
        year: opts.year,
        item: opts.item,
        format: opts.format,
        decisionKind: opts.decisionKind,
        state: opts.state,
        kind: opts.kind,
        meeting: opts.meeting,
        speaker: opts.speaker,
        limit: opts.limit,
        offset: opts.offset,
      };
      const result = await withStore(async (store) => {
        try {
          return await search(
            store,
            Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as { q: string },
          );
        } catch (e) {
          if (e instanceof QueryError) throw new CliError(e.message, 2);
          throw e;
        }
      });
      if (opts.json) printJson(result);
      else printResult(result);
    });
}
