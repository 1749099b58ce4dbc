import type { Command } from 'commander';
import { extractSection, InputError, readTextFile, resolveLang } from '../../ingest/repertoire/pipeline.ts';
import { DEFAULT_MAX_BYTES } from '../../ingest/repertoire/input.ts';
import type { Section } from '../../ingest/repertoire/types.ts';
import { printJson } from '../context.ts';
import { CliError } from '../errors.ts';

export interface InputOptions {
  lang?: string;
  year?: string;
  maxBytes?: string;
}

export function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value) || Number(value) < 1946 || Number(value) > 2100) {
    throw new CliError(`--year must be a year such as 2020, not "${value}"`, 2);
  }
  return Number(value);
}

export function parseMaxBytes(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_BYTES;
  const m = /^(\d+)\s*([kmg]?)b?$/i.exec(value.trim());
  if (!m) throw new CliError(`--max-bytes must be a size such as 32M, not "${value}"`, 2);
  return Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase()] ?? 1);
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
    .description('read one Repertoire section (text from the PDF, zh or en) and print it as structured data')
    .argument('<file>', 'the section text file')
    .option('--lang <lang>', 'zh or en (guessed from the text when omitted)')
    .option('--year <year>', 'the Repertoire year (inferred from the table dates when omitted)')
    .option('--max-bytes <size>', 'refuse files larger than this', '32M')
    .option('--strict', 'exit with code 3 when there are error findings')
    .option('--json', 'print JSON')
    .action((file: string, opts: InputOptions & { json?: boolean; strict?: boolean }) => {
      const section = extractFile(file, opts);
      if (opts.json) printJson(section);
      else printSummary(section);
      if (opts.strict && section.findings.some((f) => f.severity === 'error')) process.exitCode = 3;
    });
}
