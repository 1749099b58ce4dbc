import { renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  SECTION_FORMATS,
  loadPublishedSection,
  renderSection,
  type SectionFormat,
} from '../../publish/index.ts';
import { agendaItemsOfYear, parseAgendaItemRef } from '../../store/queries/items.ts';
import { withStore } from '../context.ts';
import { CliError } from '../errors.ts';
import { parseLang, parseWholeNumber, parseYear } from '../options.ts';

/** Writes through a temporary file beside the target, so a failed run never leaves half a file. */
function writeWhole(path: string, body: string): void {
  const target = resolve(path);
  const tmp = resolve(dirname(target), `.${process.pid}.publish.tmp`);
  try {
    writeFileSync(tmp, body, 'utf8');
    renameSync(tmp, target);
  } catch (e) {
    throw new CliError(`cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function register(program: Command): void {
  program
    .command('publish')
    .description("render an agenda item's Repertoire section from the record, in Chinese or English")
    .argument('<item>', 'agenda item id (2020-23), or its number (23) with --year')
    .option('--year <year>', 'the Repertoire year, e.g. 2020 (implied by an item id)')
    .option('--lang <lang>', 'zh or en', 'zh')
    .option(
      '--format <format>',
      `${SECTION_FORMATS.join(', ')} (txt: the printed layout as plain text)`,
      'html',
    )
    .option('--start-at <n>', 'number of the first footnote (default: the section’s own first number)')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(
      async (
        item: string,
        opts: { year?: string; lang: string; format: string; startAt?: string; output?: string },
      ) => {
        const ref = parseAgendaItemRef(item);
        if (!ref)
          throw new CliError(
            `ITEM must be an agenda item id such as 2020-23 or a number such as 23, not "${item}"`,
            2,
          );
        const yearText = opts.year ?? (ref.year === undefined ? undefined : String(ref.year));
        if (yearText === undefined)
          throw new CliError(
            `--year is needed with an item number (or name the item by its id, e.g. 2020-${ref.number})`,
            2,
          );
        const year = parseYear(yearText);
        if (ref.year !== undefined && ref.year !== year)
          throw new CliError(`item ${item} is of ${ref.year}, but --year says ${year}`, 2);
        const number = ref.number;
        const lang = parseLang(opts.lang);
        if (!(SECTION_FORMATS as readonly string[]).includes(opts.format)) {
          throw new CliError(
            `--format must be one of ${SECTION_FORMATS.join(', ')}, not "${opts.format}"`,
            2,
          );
        }
        const startAt =
          opts.startAt === undefined ? undefined : parseWholeNumber(opts.startAt, '--start-at', 1_000_000);
        const body = await withStore(async (store) => {
          const section = await loadPublishedSection(store.db, year, number, lang, startAt);
          if (!section) {
            const items = await agendaItemsOfYear(store.db, year);
            const known = items.map((i) => i.number).filter((n) => n !== null);
            throw new CliError(
              `no agenda item ${number} of ${year} in the record` +
                (known.length > 0
                  ? ` (items of ${year}: ${known.join(', ')})`
                  : ` (the record has no items of ${year}; run council ingest)`),
            );
          }
          return renderSection(section, opts.format as SectionFormat);
        });
        if (opts.output) writeWhole(opts.output, body);
        else process.stdout.write(body);
      },
    );
}
