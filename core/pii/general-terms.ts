import type { PiiFinding } from './kinds';
import { SMALL_GROUP } from './places';

/** How use-cases call the guard (bound at the edge with the council's options). */
export type PiiScan = (text: string) => PiiFinding[];

const QUOTED = /["“”][^"“”]{8,}["“”]/;
const FIRST_PERSON = /(?:^|[^\w'’])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|mine|myself)(?![\w'’])/;

// "The only deaf young person", "the only care leaver in the group": one young person picked out by who they
// are. Readers who know the group know who it is, with no name and no place ("the only place to meet" is fine).
// One young person, not a plural ("the only young people's forum" is a group's, and general terms).
const YOUNG = String.raw`young\s+(?:person|man|woman|carer)|child|kid|teen(?:ager)?|girl|boy|care\s+leaver|pupil|student`;
const SINGLED_OUT = new RegExp(String.raw`\bthe\s+only\s+(?:[\p{L}'’-]+\s+){0,3}?(?:\b(?:${YOUNG})\b(?!['’]s)|${SMALL_GROUP.source})`, 'iu');

/** The words that pick out one young person ("the only deaf young person"), or undefined. */
export const singlesOut = (text: string): string | undefined => SINGLED_OUT.exec(text)?.[0];

/**
 * "You said" is written in general terms, never as a child's own words: refuses quotations, the first
 * person, and words that pick out one young person, with the reason in plain words (undefined when fine).
 */
export function generalTermsProblem(text: string): string | undefined {
  if (QUOTED.test(text) || FIRST_PERSON.test(text))
    return 'Write what was said in general terms (for example "young people said the reviews were too long"), not in the child\'s own words.';
  const one = singlesOut(text);
  if (one)
    return `"${one}" picks out one young person, even with no name: say it of young people in general (for example "young people who are deaf asked for an interpreter at meetings").`;
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
