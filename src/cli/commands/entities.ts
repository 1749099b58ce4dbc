import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { extractEntities, type Entities, type EntityOptions } from '../../ingest/entities/index.ts';
import { InputError, readTextFile, resolveLang } from '../../ingest/repertoire/input.ts';
import { openStore } from '../../store/db.ts';
import { resolutionYears } from '../../store/queries/resolution-years.ts';
import { printJson } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseDate, parseMaxBytes, parseYear } from '../options.ts';

export function register(program: Command): void {
  program
    .command('entities')
    .description(
      'list the symbols, resolutions, dates, states, missions and votes named in any UN text (zh or en)',
    )
    .argument('<file>', 'a text file')
    .option('--lang <lang>', 'zh or en (guessed from the text when omitted)')
    .option('--year <year>', 'year for dates written without one ("3 月 30 日")')
    .option(
      '--date <YYYY-MM-DD>',
      "the document's own date, which year-less and relative dates are read from (default: the date in its head)",
    )
    .option('--max-bytes <size>', 'refuse files larger than this', '32M')
    .option('--json', 'print JSON')
    .action(
      async (
        file: string,
        opts: { lang?: string; year?: string; date?: string; maxBytes?: string; json?: boolean },
      ) => {
        const year = parseYear(opts.year);
        const options: EntityOptions = year ? { year } : {};
        if (opts.date !== undefined) options.documentDate = parseDate(opts.date);
        let text: string;
        try {
          text = readTextFile(file, parseMaxBytes(opts.maxBytes));
          options.lang = resolveLang(text, opts.lang, file);
        } catch (e) {
          if (e instanceof InputError) throw new CliError(e.message, 2);
          throw e;
        }
        let entities = extractEntities(text, options);
        const yearless = entities.resolutions.filter((r) => r.year === null).map((r) => r.number);
        if (yearless.length > 0) {
          // Resolutions named without a year take it from the record, when it holds them.
          const years = await recordYears(yearless);
          if (years.size > 0)
            entities = extractEntities(text, { ...options, resolutionYears: (n) => years.get(n) });
        }
        // The six lists, as the command has always printed them; the date they were anchored on is the
        // library's (Entities.documentDate) and --date's.
        const { lang: _lang, documentDate: _date, ...out } = entities satisfies Entities;
        if (opts.json) printJson(out);
        else for (const [k, v] of Object.entries(out)) process.stdout.write(`${k}: ${JSON.stringify(v)}\n`);
      },
    );
}

/** The record's years of these resolution numbers; none when there is no record yet (never creates one). */
async function recordYears(numbers: number[]): Promise<Map<number, number>> {
  const { database } = loadConfig();
  if (database.kind === 'sqlite' && !existsSync(database.path)) return new Map();
  const store = openStore(database);
  try {
    return await resolutionYears(store.db, numbers);
  } catch (e) {
    // A database without the record's tables (never initialised) knows no resolution.
    if (/no such table|does not exist/.test((e as Error).message)) return new Map();
    throw e;
  } finally {
    await store.close();
  }
}
