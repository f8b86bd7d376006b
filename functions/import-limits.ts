import type { HttpRequest } from '@azure/functions';
import { DomainError } from '../core/errors';

/** A CSV line longer than this is not a row of an export: refused with its line number. */
export const MAX_LINE_BYTES = 1_000_000;

export const megabytes = (bytes: number): string =>
  bytes >= 100_000 ? `${+(bytes / 1_000_000).toFixed(2)} MB` : `${bytes.toLocaleString('en-GB')} bytes`;

/**
 * The body's bytes, or undefined when it is over `maxBytes`: refused on its Content-Length before anything is
 * read, and otherwise counted while streaming, so an oversized body is never held in memory whole.
 */
export async function readLimited(req: HttpRequest, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) return undefined;
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel('over the size limit');
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Refuses a CSV with a line over 1 MB, naming the line (the header is line 1). */
export function checkLineLengths(text: string): void {
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    // A UTF-16 code unit is at most 3 UTF-8 bytes: only long lines are measured exactly.
    if (stop - start > MAX_LINE_BYTES / 3 && Buffer.byteLength(text.slice(start, stop), 'utf8') > MAX_LINE_BYTES) {
      throw new DomainError('INVALID', `Line ${line} is longer than ${megabytes(MAX_LINE_BYTES)}: a row of an export is never that long, so the file is refused. Check the export.`, { line });
    }
    start = stop + 1;
  }
}
