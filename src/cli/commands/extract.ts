import type { Command } from 'commander';
import { extractSection, InputError, readTextFile, resolveLang } from '../../ingest/repertoire/pipeline.ts';
import type { Section } from '../../ingest/repertoire/types.ts';
import { printJson } from '../context.ts';
import { extractVerbatim, NotVerbatimError, PdfInputError } from '../../ingest/verbatim/pipeline.ts';
import { startsLikePdf, printVerbatimSummary } from '../../ingest/verbatim/cli.ts';
import { CliError } from '../errors.ts';
import { parseMaxBytes, parseYear } from '../options.ts';

export interface InputOptions {
  lang?: string;
  year?: string;
  maxBytes?: string;
}

/** Reads and extracts one section file; unusable input is a CliError naming the file. */
export function extractFile(file: string, opts: InputOptions): Section {
  const year = parseYear(opts.year);
  try {
    const text = readTextFile(file, parseMaxBytes(opts.maxBytes));
    const lang = resolveLang(text, opts.lang, file);
    return extractSection(text, year ? { lang, year } : { lang });
  } catch (e) {
    if (e instanceof InputError) throw new CliError(e.message, 2);
    throw e;
  }
}

function printSummary(s: Section): void {
  const out = process.stdout;
  out.write(`${s.item.number}. ${s.item.title} (${s.item.category}, ${s.year}, ${s.lang})\n`);
  out.write(
    `${s.paragraphs.length} paragraphs, ${s.footnotes.length} footnotes, ${s.meetings.length} meetings, ${s.positions.length} positions\n`,
  );
  for (const m of s.meetings) {
    const decisions = m.decisions.map(
      (d) =>
        `${d.symbol} ${d.for ?? '?'}-${d.against ?? '?'}-${d.abstaining ?? '?'}${d.writtenProcedure ? ` ${d.writtenProcedure}` : ''}`,
    );
    out.write(
      `  ${m.date} ${m.format} ${m.record ?? '-'}${decisions.length ? `  ${decisions.join('; ')}` : ''}\n`,
    );
    for (const b of m.briefers)
      out.write(`    briefer: ${b.roleEn ?? b.role}${b.state ? ` (${b.state})` : ''}\n`);
    if (m.initiative)
      out.write(`    initiative: ${m.initiative}${m.chairEn ? `, chaired by ${m.chairEn}` : ''}\n`);
    const p = m.participation;
    if (p?.rule37) out.write(`    rule 37: ${p.rule37.join(', ')}\n`);
    if (p?.rule39) out.write(`    rule 39: ${p.rule39}\n`);
    if (p?.speakers) out.write(`    speakers: ${p.speakers}\n`);
  }
  if (s.layout) {
    // Text from a PDF's pages: how much page furniture was dropped (the lines are in --json).
    const counts = new Map<string, number>();
    for (const d of s.layout.dropped) counts.set(d.why, (counts.get(d.why) ?? 0) + 1);
    const dropped = [...counts].map(([why, n]) => `${n} ${why}`).join(', ');
    const tables = s.layout.tables.length ? `; tables laid out in ${s.layout.tables.join(', ')}` : '';
    out.write(`page layout: dropped ${dropped || 'nothing'}${tables}\n`);
  }
  if (s.findings.length === 0) out.write('no findings\n');
  for (const f of s.findings) out.write(`${f.severity}: ${f.where}: ${f.message}\n`);
}

export function register(program: Command): void {
  program
    .command('extract')
    .description(
      'read one Repertoire section (text from the PDF, zh or en), or a verbatim record (S/PV PDF), and print it as structured data',
    )
    .argument('<file>', 'the section text file, or the PDF of a verbatim record')
    .option('--lang <lang>', 'zh or en (guessed from the text when omitted)')
    .option('--year <year>', 'the Repertoire year (inferred from the table dates when omitted)')
    .option('--max-bytes <size>', 'refuse files larger than this', '32M')
    .option('--strict', 'exit with code 3 when there are error findings')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: InputOptions & { json?: boolean; strict?: boolean }) => {
      if (startsLikePdf(file)) {
        let record;
        try {
          record = await extractVerbatim(file, opts.maxBytes ? parseMaxBytes(opts.maxBytes) : undefined);
        } catch (e) {
          if (e instanceof PdfInputError || e instanceof NotVerbatimError) throw new CliError(e.message, 2);
          throw e;
        }
        if (opts.json) printJson(record);
        else printVerbatimSummary(record);
        if (opts.strict && record.findings.some((f) => f.severity === 'error')) process.exitCode = 3;
        return;
      }
      const section = extractFile(file, opts);
      if (opts.json) printJson(section);
      else printSummary(section);
      if (opts.strict && section.findings.some((f) => f.severity === 'error')) process.exitCode = 3;
    });
}
