import type { PiiFinding } from './kinds';

/** How use-cases call the guard (bound at the edge with the council's options). */
export type PiiScan = (text: string) => PiiFinding[];

const QUOTED = /["“”][^"“”]{8,}["“”]/;
const FIRST_PERSON = /(?:^|[^\w'’])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|mine|myself)(?![\w'’])/;

/**
 * "You said" is written in general terms, never as a child's own words: refuses quotations and the
 * first person, with the reason in plain words (undefined when the text is fine).
 */
export function generalTermsProblem(text: string): string | undefined {
  if (QUOTED.test(text) || FIRST_PERSON.test(text))
    return 'Write what was said in general terms (for example "young people said the reviews were too long"), not in the child\'s own words.';
  return undefined;
}

/** Scans several named fields at once; only fields with findings appear in the result. */
export function scanFields(scan: PiiScan, fields: Record<string, string | undefined>): Record<string, PiiFinding[]> {
  const out: Record<string, PiiFinding[]> = {};
  for (const [name, text] of Object.entries(fields)) {
    if (!text) continue;
    const found = scan(text);
    if (found.length) out[name] = found;
  }
  return out;
}
