import { createReadStream } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** Opens a path or an http(s) URL as a byte stream; the file is never held whole in memory. */
export async function openInput(pathOrUrl: string): Promise<Readable> {
  if (/^https?:\/\//i.test(pathOrUrl)) {
    const res = await fetch(pathOrUrl);
    if (!res.ok || !res.body)
      throw new Error(`cannot download ${pathOrUrl}: HTTP ${res.status} ${res.statusText}`);
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  }
  const stream = createReadStream(pathOrUrl);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(`cannot read ${pathOrUrl}: ${e.code ?? e.message}`)),
    );
  });
  return stream;
}

/**
 * The largest streamed CSV (UNDL voting data, the voting sheet) read unless --max-bytes says otherwise:
 * streamed, never held whole; the full UNDL 1946– dataset is about 20 MB.
 */
export const STREAMED_MAX_BYTES = 256 * 1024 ** 2;

/**
 * Passes the bytes through while checking them: at most `maxBytes`, no NUL byte (a binary file, or a
 * file of zeros), valid UTF-8. A failure ends the stream with an error naming the file and the byte, as
 * soon as it is seen, so a 1 GB file of the wrong kind is refused within its first chunk.
 */
export function checkedText(file: string, maxBytes: number, what: string): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let seen = 0;
  const size = (n: number) => (n >= 1024 ** 2 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${n} bytes`);
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      const at = seen;
      seen += chunk.length;
      if (seen > maxBytes)
        return done(
          new Error(`${file}: larger than the ${size(maxBytes)} limit (raise --max-bytes if it is right)`),
        );
      const nul = chunk.indexOf(0);
      if (nul >= 0)
        return done(new Error(`${file}: byte ${at + nul} is a NUL: a binary file, not ${what} (text)`));
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return done(
          new Error(`${file}: not UTF-8 text (invalid bytes after byte ${at}); expected ${what} in UTF-8`),
        );
      }
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      try {
        decoder.decode();
      } catch {
        return done(new Error(`${file}: not UTF-8 text (the last character is cut off)`));
      }
      done();
    },
  });
}
