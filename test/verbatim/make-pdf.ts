/**
 * Small PDFs written byte by byte for the bad-input tests: one page with the given lines of text (or none,
 * like a scan), optionally behind a password. Real records come from ../shared; these only exercise refusal.
 */
export function makePdf(opts: { lines?: string[]; encrypted?: boolean } = {}): Buffer {
  const lines = opts.lines ?? [];
  const content = lines.length
    ? `BT /F1 12 Tf 72 720 Td ${lines.map((l) => `(${l.replace(/[()\\]/g, '\\$&')}) Tj 0 -14 Td`).join(' ')} ET`
    : // A drawing only: what a scan without OCR looks like to a text extractor.
      '0 0 1 rg 72 72 200 200 re f';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  if (opts.encrypted) {
    // Standard security handler, revision 2, with a user password: the owner/user hashes below match no
    // empty password, so a reader must ask for one.
    const o = 'a'.repeat(64);
    const u = 'b'.repeat(64);
    objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${o}> /U <${u}> /P -3904 /Length 40 >>`);
  }
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  const encrypt = opts.encrypted
    ? ` /Encrypt ${objects.length} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]`
    : '';
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
