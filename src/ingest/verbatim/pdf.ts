/**
 * Stage 1, the PDF: reads the bytes with pdf.js and returns every page's text runs with their positions,
 * sizes and fonts. Refuses what is not a readable PDF (not a PDF, encrypted, damaged or truncated) and a
 * PDF without a text layer (a scan), each with a message naming the file.
 */
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PdfPage, TextRun } from './types.ts';

export class PdfInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfInputError';
  }
}

const MAGIC = '%PDF-';

/** Whether the bytes start like a PDF (the header may follow a few bytes of junk, as readers allow). */
export function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes(MAGIC);
}

export async function readPdf(bytes: Uint8Array, name: string): Promise<PdfPage[]> {
  if (!isPdf(bytes)) throw new PdfInputError(`${name} is not a PDF (no %PDF- header)`);
  // pdf.js rebuilds a file cut short as far as it can; a PDF always ends with %%EOF, so one without it
  // was truncated (a partial download) and its pages may be missing.
  if (
    !Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048)))
      .toString('latin1')
      .includes('%%EOF')
  )
    throw new PdfInputError(`${name} is truncated: the PDF does not end with %%EOF (a partial download?)`);
  let doc: PDFDocumentProxy;
  try {
    // pdf.js takes ownership of the buffer it is given: pass a copy so the caller's bytes stay usable.
    doc = await getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
    }).promise;
  } catch (e) {
    throw new PdfInputError(`${name}: ${describePdfError(e)}`);
  }
  try {
    const pages: PdfPage[] = [];
    let runs = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const out: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a, , , d, x, y] = item.transform as number[];
        out.push({
          text: item.str,
          x: x!,
          y: y!,
          width: item.width,
          size: Math.abs(d! || a!),
          font: item.fontName,
        });
      }
      runs += out.filter((r) => r.text.trim() !== '').length;
      pages.push({ number: n, width: view.width, height: view.height, runs: out });
      page.cleanup();
    }
    if (runs === 0) {
      throw new PdfInputError(
        `${name} has no text layer: none of its ${doc.numPages} page(s) has text (a scan? run OCR first)`,
      );
    }
    return pages;
  } catch (e) {
    if (e instanceof PdfInputError) throw e;
    throw new PdfInputError(`${name}: ${describePdfError(e)}`);
  } finally {
    await doc.destroy();
  }
}

function describePdfError(e: unknown): string {
  const err = e as { name?: string; message?: string };
  switch (err.name) {
    case 'PasswordException':
      return 'the PDF is encrypted with a password; expected an unprotected verbatim record';
    case 'InvalidPDFException':
      return `the PDF is damaged or truncated (${err.message ?? 'invalid structure'})`;
    default:
      return `the PDF could not be read, damaged or truncated? (${err.message ?? String(e)})`;
  }
}
