import { findPii, piiKindLabel, piiKindsIn, type PiiGuardOptions } from '../pii';
import { generalTermsProblem } from '../pii/general-terms';
import type { PiiCheck } from './ports';

/** The PII guard as forums use it: free text may reach a channel only in general terms, with nothing identifying. */
export const piiCheckWith =
  (options: PiiGuardOptions = {}): PiiCheck =>
  (text) => {
    const general = generalTermsProblem(text);
    if (general) return { ok: false, reason: general };
    const kinds = piiKindsIn(findPii(text, options));
    if (!kinds.length) return { ok: true };
    const said = kinds.map((k) => piiKindLabel[k]);
    const list = said.length > 1 ? `${said.slice(0, -1).join(', ')} and ${said.at(-1)}` : said[0];
    return { ok: false, reason: `Write this in general terms: it seems to include ${list}.` };
  };
