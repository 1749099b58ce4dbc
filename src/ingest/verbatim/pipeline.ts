/**
 * The verbatim-record pipeline: one function that runs the stages in order on the bytes of one PDF.
 *   pdf (runs with positions and fonts) → cover (page 1) → layout (body lines, columns, no heads/feet)
 *   → paragraphs → turns → invitations → decisions → record
 * Each stage is its own module whose header says what it reads and writes. Unusable input (not a PDF,
 * encrypted, damaged, no text layer, not a verbatim record) is refused with a PdfInputError or
 * NotVerbatimError naming the file; everything else is read, and doubts are findings.
 */
import { readInputFile } from '../common/file.ts';
import { readCover, NotVerbatimError } from './cover.ts';
import { readDecisions } from './decisions.ts';
import { readInvitations } from './invitations.ts';
import { bodyLines } from './layout.ts';
import { buildParagraphs } from './paragraphs.ts';
import { PdfInputError, readPdf } from './pdf.ts';
import { readTurns } from './turns.ts';
import type { Finding, VerbatimRecord } from './types.ts';

export { isPdf, PdfInputError } from './pdf.ts';
export { NotVerbatimError } from './cover.ts';

export async function runVerbatimPipeline(bytes: Uint8Array, name: string) {
  const findings: Finding[] = [];
  const pages = await readPdf(bytes, name);
  const cover = readCover(pages[0]!, name, findings);
  const lines = bodyLines(pages);
  const paragraphs = buildParagraphs(lines);
  let { turns, preamble, events } = readTurns(paragraphs);
  if (turns.length === 0) {
    // No speaker's name in a label font: read the turns on their wording alone, and say so.
    ({ turns, preamble, events } = readTurns(paragraphs, false));
    if (turns.length > 0)
      findings.push({
        severity: 'warning',
        code: 'no-label-font',
        message: 'speakers are not set in a font of their own; turns were read on their wording alone',
        where: 'record',
      });
  }
  if (turns.length === 0)
    throw new NotVerbatimError(
      `${name} is not a Security Council verbatim record: no speaker's turn ("The President: …") was found`,
    );
  const invitations = readInvitations(turns, findings);
  // The President holds the presidency's seat: the cover lists the other fourteen members.
  const members = [cover.president.state, ...cover.members.map((m) => m.state)].filter(
    (s): s is string => s !== null,
  );
  const decisions = readDecisions(paragraphs, members, findings);
  if (!events.calledToOrder && events.resumed.length === 0)
    findings.push({
      severity: 'warning',
      code: 'no-start-time',
      message: 'neither "The meeting was called to order at …" nor "The meeting was resumed at …" was found',
      where: 'record',
    });
  const record: VerbatimRecord & {
    meeting: {
      suspended: string[];
      resumed: { at: string; on: string | null }[];
      otherInvitations: { role: string }[];
    };
  } = {
    kind: 'verbatim_record',
    symbol: cover.symbol,
    pages: pages.length,
    meeting: {
      number: cover.number,
      date: cover.date,
      resumption: cover.resumption,
      president: cover.president,
      members: [
        ...(cover.president.state
          ? [{ state: cover.president.state, representative: cover.president.name, president: true }]
          : []),
        ...cover.members,
      ],
      agenda: cover.agenda,
      calledToOrder: events.calledToOrder ?? events.resumed[0]?.at ?? null,
      rose: events.rose,
      suspended: events.suspended,
      resumed: events.resumed,
      rule37: invitations.rule37,
      rule39: invitations.rule39,
      otherInvitations: invitations.other,
      speakers: turns.map((t) => ({
        order: t.order,
        name: t.name,
        state: t.state,
        organisation: t.organisation,
        language: t.language,
        page: t.page,
      })),
      decisions,
    },
    findings,
  };
  return { pages, cover, lines, paragraphs, preamble, turns, invitations, decisions, record };
}

/** A verbatim record is a few dozen pages; 64 MB leaves room for the longest open debates. */
export const MAX_PDF_BYTES = 64 * 1024 * 1024;

export function readPdfFile(file: string, maxBytes = MAX_PDF_BYTES): Uint8Array {
  return readInputFile(file, {
    maxBytes,
    tooBig: (size, max) => `${file} is ${size} bytes, over the ${max}-byte limit`,
    fail: (m) => new PdfInputError(m),
  });
}

export async function extractVerbatim(file: string, maxBytes?: number): Promise<VerbatimRecord> {
  return (await runVerbatimPipeline(readPdfFile(file, maxBytes), file)).record;
}
