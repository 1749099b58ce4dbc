import { basename } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { LabelKey } from './i18n/en.ts';
import { BadRequest } from './errors.ts';

/**
 * "Check a draft" takes the section as a text file too (src/server/web/pages/drafts.ts). A form with a
 * file is sent as multipart/form-data: this module reads it before the CSRF check (which reads `_csrf`
 * from the body) and leaves the body as the same record of strings a url-encoded form gives, the file's
 * text in `text`, so the route reads both kinds of form alike. A file it cannot take is not an error
 * page: the form comes back naming the field, as for any other refusal.
 */

/** Bytes of an uploaded section: 400,000 characters of Chinese are 1.2 MB in UTF-8. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** A pasted text field may be as long as a file (busboy's default of 1 MB would cut it). */
const MAX_FIELD_BYTES = MAX_UPLOAD_BYTES;
/** The form's own fields (`_csrf`, item, lang, text) and one file; anything more is not our form. */
const MAX_FIELDS = 8;
/** Plain text only: what browsers send for .txt, and a name that says text when they send no type. */
const TEXT_TYPES = new Set(['text/plain', 'application/octet-stream']);
const TEXT_NAME = /\.(txt|text)$/i;

/** A file the form refuses: the message's label key and its values, said in the reader's language. */
export interface UploadRefusal {
  key: LabelKey;
  vars?: Record<string, string | number>;
}

interface Upload {
  name?: string;
  refusal?: UploadRefusal;
}

const uploads = new WeakMap<FastifyRequest, Upload>();

/** The name of the file the section came from, when it was uploaded (kept as the version's file). */
export function uploadedName(request: FastifyRequest): string | undefined {
  return uploads.get(request)?.name;
}

export function uploadRefusal(request: FastifyRequest): UploadRefusal | undefined {
  return uploads.get(request)?.refusal;
}

/** Registers the multipart parser on the console's routes (the API takes JSON and none of this). */
export async function registerDraftUpload(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: {
      fileSize: MAX_UPLOAD_BYTES,
      files: 1,
      fields: MAX_FIELDS,
      parts: MAX_FIELDS + 1,
      fieldSize: MAX_FIELD_BYTES,
    },
  });
}

/**
 * preValidation of the form's POST: a multipart body becomes `{ _csrf, item, lang, text }`; a url-encoded
 * one passes untouched. The uploaded file takes the place of the pasted text; both at once is refused.
 */
export async function readDraftUpload(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body: Record<string, string> = {};
  const upload: Upload = {};
  let file: { name: string; bytes: Buffer; type: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // A file input left empty is still sent, with no name and no bytes.
        if (part.filename === '' && bytes.length === 0) continue;
        file = { name: basename(part.filename), bytes, type: part.mimetype };
      } else if (typeof part.value === 'string') {
        if (part.valueTruncated) upload.refusal ??= tooLarge();
        body[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    upload.refusal ??= limitRefusal(e);
  }
  if (file && !upload.refusal) {
    if (!TEXT_TYPES.has(file.type) || (file.type !== 'text/plain' && !TEXT_NAME.test(file.name)))
      upload.refusal = { key: 'drafts.err.fileType', vars: { type: file.type || '?' } };
    else if ((body.text ?? '').trim() !== '') upload.refusal = { key: 'drafts.err.fileAndText' };
    else {
      const text = utf8(file.bytes);
      if (text === null) upload.refusal = { key: 'drafts.err.fileEncoding' };
      else {
        body.text = text;
        upload.name = file.name;
      }
    }
  }
  request.body = body;
  uploads.set(request, upload);
}

const tooLarge = (): UploadRefusal => ({
  key: 'drafts.err.fileTooLarge',
  vars: { max: Math.round(MAX_UPLOAD_BYTES / 1024 / 1024) },
});

function limitRefusal(e: unknown): UploadRefusal {
  const code = (e as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_FILES_LIMIT') return { key: 'drafts.err.fileCount' };
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return { key: 'drafts.err.formFields' };
  throw new BadRequest(`form: the multipart body could not be read (${(e as Error).message})`);
}

/** The file's text, without a byte-order mark; null when it is not UTF-8. */
function utf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}
