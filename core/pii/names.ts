import firstNameData from './first-names.json';
import type { PiiFinding } from './kinds';
import { foldAccents } from './normalise';

// ONS first names given in England and Wales 2000-2020 (scripts/derive-first-names.py says where from).
const FIRST_NAMES = new Set(firstNameData.names);
// Names that are also places or brands: like the ambiguous words, they count only with a cue.
const PLACE_NAMES =
  'london paris india china africa america asia georgia jordan kent essex york chester devon dallas phoenix brooklyn ' +
  'orlando vienna milan egypt israel kenya ghana tilbury amazon alexa apple mercedes disney nike';
// Communities and nationalities that are also names (Roma, Romany): "the Roma family" is not a person.
const COMMUNITY_NAMES = 'roma romany traveller gypsy polish somali afghan kurdish sikh irish';
// Month abbreviations that are also names ("Jan", "Jun"): "Jan 2026" is a month, "Jan said" a boy.
const MONTH_NAMES = 'jan feb mar apr jun jul aug sep sept oct nov dec';
const NOT_ALONE = new Set([...PLACE_NAMES.split(' '), ...COMMUNITY_NAMES.split(' '), ...MONTH_NAMES.split(' ')]);
const AMBIGUOUS = new Set([...firstNameData.ambiguous, ...NOT_ALONE]);

// Capitalised words that are never a person here: calendar words, the service's own vocabulary, family words.
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
    'disabled black unaccompanied very ten twelve seven five three two one six eight nine ' +
    'mum mom dad nan nana nanny gran granny grandad grandma grandpa aunt auntie uncle sister brother cousin ' +
    'baby carer worker chair teacher mosaic teams golden thread mayor councillor'
  ).split(' '),
);

const CAP_WORD = "\\p{Lu}[\\p{Ll}\\p{M}]*(?:['’-]\\p{L}[\\p{Ll}\\p{M}]*)*";
const TITLE = new RegExp(`\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\\.?\\s+(?:${CAP_WORD})(?:\\s+${CAP_WORD})?`, 'gu');
const CALLED = new RegExp(`\\b(?:called|named|known as)\\s+(${CAP_WORD})`, 'gu');
const WORD = new RegExp(`(?<![\\p{L}\\p{M}'’-])${CAP_WORD}`, 'gu');
const LOWER_WORD = /(?<![\p{L}\p{M}'’-])\p{Ll}[\p{Ll}\p{M}]+(?:-\p{Ll}[\p{Ll}\p{M}]+)*(?![\p{L}\p{M}])/gu;
// "The O'Connor boys": a family named by its surname.
const FAMILY = new RegExp(`\\b[Tt]he\\s+(${CAP_WORD})\\s+(?:boys|girls|family|children|siblings|twins|brothers|sisters|kids)\\b`, 'gu');
const SPEECH = 'said|says|told|tells|asked|asks|wanted|wants|wrote|drew|sang|explained|emailed|rang|phoned';
// Words after a name that show it is a person acting (so "Summer asked" is a name, "Summer holidays" not).
const PERSON_VERB = new RegExp(
  `^(?:['’]s\\s+\\w|\\s*,\\s*(?:aged|\\d{1,2}\\b|who\\b|an?\\b|the\\b|her\\b|his\\b)|\\s*\\(\\d{1,2}\\)|\\s+(?:and|&)\\s+(?:his|her|their)\\b|` +
    `\\s+(?:${SPEECH}|chose|felt|feels|shared|went|came|attended|likes|loves|thinks|thought|agreed|called|reported|decided|would|wouldn['’]t|won['’]t|does|did|didn['’]t|doesn['’]t|has|had|needs|misses|missed|hates|prefers|(?:is|was)\\s+(?:upset|worried|scared|happy|sad|angry|excluded|missing))\\b)`,
  'u',
);
const SPEAKS_NEXT = new RegExp(`^\\s+(?:${SPEECH})\\b`);
// The stricter cue that lets an unlisted word count as a name: speaking, or an age beside it.
const SPEAKS = new RegExp(`^(?:\\s*,\\s*(?:aged\\s+\\d|\\d{1,2},|who\\b)|\\s*\\(\\d{1,2}\\)|\\s+(?:${SPEECH})\\b)`, 'u');
// A preposition of place before a word makes it a place ("placed in Kent said..."), not a person.
const PLACE_BEFORE = /\b(?:in|at|to|from|near|of|into|around)\s+$/i;
// Verbs whose object is a person: "told Jordan", "thanked Summer", "spoke to aaliyah".
const PERSON_OBJECT =
  /\b(?:told|tell|asked|ask|met(?:\s+with)?|meet(?:\s+with)?|saw|seen|thanked|thank|visited|supported|helped|called|named|text|texted|emailed|rang|phoned|spoke\s+(?:to|with)|speak\s+(?:to|with))\s+$/i;
// A surname: a capitalised word straight after a first name, unless it starts another thing.
const SURNAME = new RegExp(`^\\s+(${CAP_WORD})`, 'u');

// A word that is also a name, capitalised mid-sentence on its own ("came with Grace to ..."), is the person:
// not at the start of a sentence, not after "the" or "a", not part of a longer name ("Hope Street", "Summer Fest").
const MID_SENTENCE = /[\p{Ll},;]\s+$/u;
const AFTER_DETERMINER = /\b(?:the|a|an|this|that|our|their|its)\s+$/i;
const NEXT_CAPITALISED = /^\s+\p{Lu}/u;
const actsAsName = (before: string, after: string): boolean =>
  MID_SENTENCE.test(before) && !AFTER_DETERMINER.test(before) && !NEXT_CAPITALISED.test(after) && !/^[-'’]/.test(after);

const baseOf = (word: string): string => foldAccents(word.replace(/['’]s$/, '')).toLowerCase();
const partsOf = (word: string): string[] => baseOf(word).split('-');

export interface NameOptions {
  /** Extra first names (lower case), e.g. from the council's own population. */
  extraFirstNames?: readonly string[];
  /** Words that are never names here, e.g. the council's promise titles. */
  notNames?: readonly string[];
}

// The council's word lists, made into sets once per options object rather than once per sentence.
const wordSets = new WeakMap<NameOptions, { extra: Set<string>; never: Set<string> }>();
const NO_OPTIONS: NameOptions = {};
function wordSetsOf(options: NameOptions) {
  const key = options.extraFirstNames || options.notNames ? options : NO_OPTIONS;
  let sets = wordSets.get(key);
  if (!sets) {
    sets = {
      extra: new Set((options.extraFirstNames ?? []).map((n) => foldAccents(n).toLowerCase())),
      never: new Set([...NEVER_NAMES, ...(options.notNames ?? []).flatMap((w) => foldAccents(w).toLowerCase().split(/\s+/))]),
    };
    wordSets.set(key, sets);
  }
  return sets;
}

/** Personal names in any script: listed first names (with a surname), titles, cued words, lower-case names that speak. */
export function findNames(text: string, options: NameOptions = {}): PiiFinding[] {
  const { extra, never } = wordSetsOf(options);
  const listed = (word: string): boolean => {
    const parts = partsOf(word);
    // "Lily-Rose": two names joined are a name even when each is also a word.
    if (parts.length > 1 && parts.every((p) => FIRST_NAMES.has(p) || extra.has(p))) return true;
    return parts.some((p) => (FIRST_NAMES.has(p) && !AMBIGUOUS.has(p)) || extra.has(p));
  };
  const ambiguous = (word: string): boolean => partsOf(word).some((p) => AMBIGUOUS.has(p) || FIRST_NAMES.has(p));
  const out: PiiFinding[] = [];
  const push = (start: number, found: string) => out.push({ kind: 'name', start, end: start + found.length, text: found });

  for (const m of text.matchAll(TITLE)) push(m.index, m[0]);
  for (const re of [CALLED, FAMILY]) {
    for (const m of text.matchAll(re)) {
      const w = m[1] as string;
      if (!never.has(baseOf(w))) push(m.index + m[0].indexOf(w, 1), w);
    }
  }
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const start = m.index;
    const base = baseOf(word);
    if (word.length < 2 || never.has(base)) continue;
    const after = text.slice(start + word.length, start + word.length + 60);
    const before = text.slice(Math.max(0, start - 40), start);
    // A saint ("St George's Day") or a place with a particle ("Stanford-le-Hope") is not a person.
    if (/\bSt\.?\s+$/.test(before) || /-\p{Ll}+-/u.test(word)) continue;
    const isListed = listed(word);
    const cued =
      (PERSON_VERB.test(after) || PERSON_OBJECT.test(before) || (ambiguous(word) && !NOT_ALONE.has(base) && actsAsName(before, after))) && !PLACE_BEFORE.test(before);
    // An unlisted capitalised word counts only when it speaks (or has an age beside it) and is not a plural noun.
    const unknownPerson = !isListed && !ambiguous(word) && !/s$/.test(base) && SPEAKS.test(after) && !PLACE_BEFORE.test(before);
    if (!isListed && !(ambiguous(word) && cued) && !unknownPerson) continue;
    const surname = SURNAME.exec(after);
    const withSurname =
      isListed && surname && !never.has(baseOf(surname[1] as string)) && !AMBIGUOUS.has(baseOf(surname[1] as string))
        ? word + after.slice(0, surname[0].length)
        : word;
    push(start, withSurname.replace(/['’]s$/, ''));
  }
  // Typed in lower case: a listed name counts when it speaks or is spoken to ("jordan said", "spoke with mia-rose").
  for (const m of text.matchAll(LOWER_WORD)) {
    const word = m[0];
    if (word.length < 3 || never.has(word) || !partsOf(word).some((p) => FIRST_NAMES.has(p) || extra.has(p))) continue;
    const after = text.slice(m.index + word.length, m.index + word.length + 20);
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    if (SPEAKS_NEXT.test(after) || PERSON_OBJECT.test(before)) push(m.index, word);
  }
  return out;
}
