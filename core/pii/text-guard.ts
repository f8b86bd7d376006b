import type { PiiScan } from './general-terms';

/** The digests' TextGuard and the forums' PiiCheck, backed by the PII guard. */
export const textGuard = (scan: PiiScan) => ({ isShareable: (text: string) => scan(text).length === 0 });

export const piiCheck =
  (scan: PiiScan) =>
  (text: string): { ok: true } | { ok: false; reason: string } => {
    const found = scan(text);
    return found.length === 0
      ? { ok: true }
      : { ok: false, reason: `It may identify someone: ${found.map((f) => `"${f.text}"`).join(', ')}.` };
  };
