// A text as each of the four encodings a council's export tools produce (Excel's "CSV", "CSV UTF-8",
// "Unicode text" in either byte order), for import tests.
export type ExportEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Windows-1252 for the characters tests use: Latin-1 letters, plus the curly quotes and euro sign of 0x80-0x9F. */
const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'Œ': 0x8c, 'œ': 0x9c };

export function encode(text: string, encoding: ExportEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'windows-1252':
      return Uint8Array.from([...text].map((ch) => {
        const code = CP1252_EXTRA[ch] ?? ch.charCodeAt(0);
        if (code > 0xff || (ch.charCodeAt(0) >= 0x80 && ch.charCodeAt(0) < 0xa0)) throw new Error(`${ch} has no Windows-1252 byte`);
        return code;
      }));
  }
}

/** Characters every one of the four encodings can carry, as in council exports' names. */
export const NAME_CHARACTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ áéíóúÁÉÍÓÚàèâêîôûçëïöüÿñßøåæœŒ’‘–\''];
