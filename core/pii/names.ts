import firstNameData from './first-names.json';
import type { PiiFinding } from './kinds';

const FIRST_NAMES = new Set(firstNameData.names.map((n) => n.toLowerCase()));
const AMBIGUOUS = new Set(firstNameData.ambiguous.map((n) => n.toLowerCase()));

// Capitalised words that are never a person here: calendar words, the service's own vocabulary.
const NEVER_NAMES = new Set(
  (
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday christmas easter ramadan eid diwali ' +
    'space voice audience influence lundy hart council board forum group team cicc iro ofsted nhs gp ' +
    'children child young people parents carers staff managers officers leavers care home office virtual ' +
    'school academy college primary corporate parenting director service services district local offer ' +
    'bright spots mind own coram barnardo barnardos the a an this that these those our their his her ' +
    'he she they we it you i my me us them there here when while after before under over in on at of ' +
    'for with and or but if so as by from to not no yes all some most many every each both ' +
    'year years english plain relationships dreams health adult life safe important promise promises ' +
    'instead questionnaires reviews review conference conferences foster independent senior family ' +
    'disabled black unaccompanied very ten twelve seven five three two one six eight nine'
  ).split(' '),
);

const TITLE = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+((?:[A-Z][A-Za-z'’-]+)(?:\s+[A-Z][A-Za-z'’-]+)?)/g;
// Initials acting as a person ("J said", "J.S. told us"); not "A" or "I", and not acronyms like "GP said".
const INITIALS = /\b(?:[B-HJ-Z]|[A-Z]\.[A-Z]\.?)(?=\s+(?:said|says|told|asked|wants|wanted|drew|wrote|explained)\b)/g;
const CALLED = /\b(?:called|named|known as)\s+([A-Z][A-Za-z'’-]+)/g;
const WORD = /[A-Z][a-z]+(?:['’-][A-Za-z]+)*(?:-[A-Z][a-z]+)*/g;
// Words after a name that show it is a person acting (so "Summer asked" is a name, "Summer holidays" not).
const PERSON_VERB =
  /^(?:['’]s\s+\w|\s*,\s*(?:aged|\d{1,2}\b|who\b|an?\b|the\b|her\b|his\b)|\s*\(\d{1,2}\)|\s+(?:and|&)\s+(?:his|her|their)\b|\s+(?:said|says|told|tells|asked|asks|wanted|wants|wrote|drew|chose|felt|feels|explained|shared|sang|went|came|attended|likes|loves|thinks|thought|agreed|emailed|rang|phoned|called|reported|decided|would|does|did|didn['’]t|doesn['’]t|has|had)\b)/;
// The stricter cue that lets an unlisted word count as a name: speaking, or an age beside it.
const SPEAKS =
  /^(?:\s*,\s*(?:aged\s+\d|\d{1,2},|who\b)|\s*\(\d{1,2}\)|\s+(?:said|says|told|tells|asked|asks|wanted|wants|wrote|drew|sang|explained|emailed|rang|phoned)\b)/;
// A preposition of place before a word makes it a place ("placed in Kent said..."), not a person.
const PLACE_BEFORE = /\b(?:in|at|to|from|near|of|into|around)\s+$/i;
// Verbs whose object is a person: "told Jordan", "thanked Summer".
const PERSON_OBJECT = /\b(?:told|tell|asked|ask|met|meet|thanked|thank|visited|supported|helped|called|named|text|texted|emailed|rang|phoned)\s+$/i;
// A surname: a capitalised word straight after a first name, unless it starts another thing.
const SURNAME = /^\s+([A-Z][A-Za-z'’]+(?:-[A-Z][A-Za-z'’]+)?)/;

const baseOf = (word: string): string => word.replace(/['’]s$/, '').toLowerCase();
const partsAreNames = (word: string): boolean => {
  const parts = baseOf(word).split('-');
  return parts.some((p) => FIRST_NAMES.has(p) && !AMBIGUOUS.has(p));
};

export interface NameOptions {
  /** Extra first names (lower case), e.g. from the council's own population. */
  extraFirstNames?: readonly string[];
  /** Words that are never names here, e.g. the council's promise titles. */
  notNames?: readonly string[];
}

/** Personal names: listed first names (with a surname if one follows), titles, and cued capitalised words. */
export function findNames(text: string, options: NameOptions = {}): PiiFinding[] {
  const extra = new Set((options.extraFirstNames ?? []).map((n) => n.toLowerCase()));
  const never = new Set([...NEVER_NAMES, ...(options.notNames ?? []).flatMap((w) => w.toLowerCase().split(/\s+/))]);
  const out: PiiFinding[] = [];
  const push = (start: number, found: string) => out.push({ kind: 'name', start, end: start + found.length, text: found });

  for (const m of text.matchAll(TITLE)) push(m.index, m[0]);
  for (const m of text.matchAll(INITIALS)) push(m.index, m[0]);
  for (const m of text.matchAll(CALLED)) {
    const w = m[1] as string;
    if (!never.has(baseOf(w))) push(m.index + m[0].length - w.length, w);
  }
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const start = m.index;
    const base = baseOf(word);
    if (never.has(base)) continue;
    const after = text.slice(start + word.length);
    const before = text.slice(0, start);
    const listed = partsAreNames(word) || extra.has(base);
    const ambiguous = !listed && base.split('-').some((p) => AMBIGUOUS.has(p));
    const cued = (PERSON_VERB.test(after) || PERSON_OBJECT.test(before)) && !PLACE_BEFORE.test(before);
    // An unlisted capitalised word counts only when it speaks (or has an age beside it) and is not a plural noun.
    const unknownPerson = !listed && !ambiguous && !/s$/.test(base) && SPEAKS.test(after) && !PLACE_BEFORE.test(before);
    if (!listed && !(ambiguous && cued) && !unknownPerson) continue;
    const surname = SURNAME.exec(after);
    const withSurname =
      listed && surname && !never.has(baseOf(surname[1] as string)) ? word + after.slice(0, surname[0].length) : word;
    push(start, withSurname.replace(/['’]s$/, ''));
  }
  return out;
}
