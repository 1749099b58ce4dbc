/** What the CLI needs around the verbatim reader: telling a PDF by its first bytes, and a short summary. */
import { readHead } from '../common/file.ts';
import { isPdf } from './pdf.ts';
import type { VerbatimRecord } from './types.ts';

/** Whether the file starts like a PDF (magic bytes, whatever its name); false when it cannot be read. */
export function startsLikePdf(file: string): boolean {
  try {
    return isPdf(readHead(file, 1024));
  } catch {
    return false;
  }
}

export function printVerbatimSummary(r: VerbatimRecord): void {
  const m = r.meeting;
  const out = process.stdout;
  out.write(`${r.symbol}: meeting ${m.number} of ${m.date}, ${r.pages} pages\n`);
  out.write(`  President: ${m.president.name} (${m.president.state ?? '?'}); ${m.members.length} members\n`);
  out.write(
    `  Agenda: ${m.agenda.title}${m.agenda.documents.length ? ` (${m.agenda.documents.join(', ')})` : ''}\n`,
  );
  out.write(`  ${m.calledToOrder ?? '?'} to ${m.rose ?? '?'}; ${m.speakers.length} turns\n`);
  if (m.rule37.length) out.write(`  rule 37: ${m.rule37.join(', ')}\n`);
  for (const b of m.rule39) out.write(`  rule 39: ${b.name}${b.role ? `, ${b.role}` : ''}\n`);
  for (const d of m.decisions)
    out.write(
      `  ${d.kind} ${d.symbol ?? d.draft ?? ''}${d.vote ? ` ${d.vote.for}-${d.vote.against}-${d.vote.abstaining}` : ''}\n`,
    );
  if (r.findings.length === 0) out.write('no findings\n');
  for (const f of r.findings) out.write(`${f.severity}: ${f.where}: ${f.message}\n`);
}
