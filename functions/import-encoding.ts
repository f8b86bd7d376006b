import { DomainError } from '../core/errors';

/** The four encodings a council's export tools produce (Excel's "CSV", "CSV UTF-8" and "Unicode text"). */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: Encoding;
  /** How the encoding was chosen: the Content-Type's charset, a byte order mark, valid UTF-8, or the Windows-1252 fallback. */
  by: 'charset' | 'bom' | 'utf-8' | 'fallback';
}

const BOMS: [Encoding, number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

/** The charset parameter of a Content-Type, as a WHATWG label TextDecoder knows (latin1 and ascii are Windows-1252 there). */
function charsetOf(contentType: string | null): Encoding | undefined {
  const label = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (!label) return undefined;
  let name: string;
  try {
    name = new TextDecoder(label).encoding;
  } catch {
    throw new DomainError('INVALID', `The Content-Type names charset "${label}", which is not an encoding: use utf-8, utf-16le, utf-16be or windows-1252.`);
  }
  if (name === 'utf-8' || name === 'utf-16le' || name === 'utf-16be' || name === 'windows-1252') return name;
  throw new DomainError('INVALID', `The Content-Type names charset "${label}": the import reads utf-8, utf-16le, utf-16be or windows-1252.`);
}

// fatal: an invalid byte is an error, never U+FFFD stored in place of a letter.
const decode = (bytes: Uint8Array, encoding: Encoding): string => new TextDecoder(encoding, { fatal: true }).decode(bytes);

/** Valid but for a character cut off at the very end: an export that stopped part way, not another encoding. */
function cutShort(bytes: Uint8Array, encoding: Encoding): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const CUT_SHORT = (encoding: Encoding) =>
  `The file ends part way through a ${encoding.toUpperCase()} character, so it was cut short (an export that stopped, or an upload that broke off): nothing was imported. Send the whole file again.`;

/**
 * A body's bytes as text. A charset in the Content-Type wins; then a byte order mark (UTF-8, UTF-16 LE or BE);
 * then UTF-8 if the bytes are valid UTF-8; otherwise Windows-1252, which maps every byte to a character, so
 * nothing is ever replaced by U+FFFD. Bytes invalid in a named or marked encoding are refused, and so is a file
 * that ends part way through a character (it was cut short).
 */
export function decodeBytes(bytes: Uint8Array, contentType: string | null): DecodedText {
  const named = charsetOf(contentType);
  const bom = BOMS.find(([, mark]) => mark.every((b, i) => bytes[i] === b))?.[0];
  const encoding = named ?? bom;
  if (encoding) {
    try {
      // TextDecoder drops a BOM of its own encoding; a charset naming another encoding reads the bytes as they are.
      return { text: decode(bytes, encoding), encoding, by: named ? 'charset' : 'bom' };
    } catch {
      if (cutShort(bytes, encoding)) throw new DomainError('INVALID', CUT_SHORT(encoding));
      const said = named ? `the Content-Type says charset ${encoding}` : `it starts with a ${encoding.toUpperCase()} byte order mark`;
      throw new DomainError('INVALID', `The file is not valid ${encoding.toUpperCase()}, though ${said}: export it again, or send the right charset.`);
    }
  }
  try {
    return { text: decode(bytes, 'utf-8'), encoding: 'utf-8', by: 'utf-8' };
  } catch {
    // UTF-8 cut in the middle of a letter is still UTF-8: read as Windows-1252 every accent would be wrong.
    if (cutShort(bytes, 'utf-8')) throw new DomainError('INVALID', CUT_SHORT('utf-8'));
    return { text: decode(bytes, 'windows-1252'), encoding: 'windows-1252', by: 'fallback' };
  }
}

/** What the result says about a file read as Windows-1252 without being told to. */
export const encodingNote = (d: Pick<DecodedText, 'encoding' | 'by'>): string | undefined =>
  d.by === 'fallback'
    ? 'The file is not valid UTF-8 and has no byte order mark, so it was read as Windows-1252 (what Excel saves as "CSV"). If names look wrong, export as "CSV UTF-8" or send Content-Type: text/csv; charset=...'
    : undefined;
