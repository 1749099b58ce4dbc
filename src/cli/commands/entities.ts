import type { Command } from 'commander';
import { extractEntities } from '../../ingest/entities/index.ts';
import { InputError, readTextFile, resolveLang } from '../../ingest/repertoire/input.ts';
import { printJson } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseMaxBytes, parseYear } from './extract.ts';

export function register(program: Command): void {
  program
    .command('entities')
    .description(
      'list the symbols, resolutions, dates, states, missions and votes named in any UN text (zh or en)',
    )
    .argument('<file>', 'a text file')
    .option('--lang <lang>', 'zh or en (guessed from the text when omitted)')
    .option('--year <year>', 'year for dates written without one ("3 月 30 日")')
    .option('--max-bytes <size>', 'refuse files larger than this', '32M')
    .option('--json', 'print JSON')
    .action((file: string, opts: { lang?: string; year?: string; maxBytes?: string; json?: boolean }) => {
      const year = parseYear(opts.year);
      let entities;
      try {
        const text = readTextFile(file, parseMaxBytes(opts.maxBytes));
        const lang = resolveLang(text, opts.lang, file);
        entities = extractEntities(text, year ? { lang, year } : { lang });
      } catch (e) {
        if (e instanceof InputError) throw new CliError(e.message, 2);
        throw e;
      }
      const { lang: _lang, ...out } = entities;
      if (opts.json) printJson(out);
      else for (const [k, v] of Object.entries(out)) process.stdout.write(`${k}: ${JSON.stringify(v)}\n`);
    });
}
