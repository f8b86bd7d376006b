import type { CiccDigest } from './cicc';
import { plainWords } from '../text/plain-words';
import { checkReading, READING_AGE_LIMIT, sentencesOf } from '../text/reading-gate';

/** What the digest says in place of a text too hard to read: short, true, and itself within the limit. */
export const SAFE_LINES = {
  youSaid: 'You asked us to change something.',
  weDid: 'We did something about it. We will tell you about it at the meeting.',
  working: 'You asked us to change something. We will tell you about it at the meeting.',
  why: 'We could not do this. We will tell you why at the meeting.',
  example: 'Young people helped us to change something. Ask us about it at the meeting.',
} as const;

/** The text in plain words when every sentence is within the limit, else the safe line: no sentence above the limit is sent. */
export const gated = (text: string, safe: string, limit = READING_AGE_LIMIT): string => (checkReading(text, limit).over ? safe : plainWords(text));

/** An example too hard to read is shown by its title (the summary's first sentence) when that reads within the limit. */
export function gatedExample(summary: string, limit = READING_AGE_LIMIT): string {
  if (!checkReading(summary, limit).over) return plainWords(summary);
  const title = sentencesOf(plainWords(summary))[0];
  return title && !checkReading(title, limit).over ? (/[.!?]$/.test(title) ? title : `${title}.`) : SAFE_LINES.example;
}

/** An item the digest could not quote, for a participation officer to reword. */
export interface HardItem {
  id: string;
  youSaid: string;
  /** "We did" or why not, when the item has one. */
  outcome?: string;
  outcomeKind?: 'done' | 'not_possible';
}

/** The tracker items in a CICC digest with a text above the limit (examples are shown by their titles). */
export function hardToRead(d: CiccDigest, limit = READING_AGE_LIMIT): HardItem[] {
  const over = (t?: string) => !!t && checkReading(t, limit).over;
  return [
    ...[...d.done, ...d.others].filter((x) => over(x.youSaid) || over(x.weDid)).map((x) => ({ id: x.id, youSaid: x.youSaid, outcome: x.weDid, outcomeKind: 'done' as const })),
    ...d.notPossible.filter((x) => over(x.youSaid) || over(x.why)).map((x) => ({ id: x.id, youSaid: x.youSaid, outcome: x.why, outcomeKind: 'not_possible' as const })),
    ...d.stillWorking.slice(0, 8).filter((x) => over(x.youSaid)).map((x) => ({ id: x.id, youSaid: x.youSaid })),
  ].filter((x): x is HardItem => !!x.id);
}
