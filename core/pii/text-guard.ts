import { singlesOut, type PiiScan } from './general-terms';

/**
 * The digests' TextGuard, backed by the PII guard: nothing identifying, and nothing that picks out one young
 * person ("the only deaf young person"), whenever the text was saved.
 */
export const textGuard = (scan: PiiScan) => ({ isShareable: (text: string) => scan(text).length === 0 && !singlesOut(text) });

export const piiCheck =
  (scan: PiiScan) =>
  (text: string): { ok: true } | { ok: false; reason: string } => {
    const found = scan(text);
    return found.length === 0
      ? { ok: true }
      : { ok: false, reason: `It may identify someone: ${found.map((f) => `"${f.text}"`).join(', ')}.` };
  };
