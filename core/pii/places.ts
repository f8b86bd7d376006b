import { foldAccents } from './normalise';
import { CAP } from './patterns';
import { matchAll, type PiiFinding } from './kinds';

// An estate or a home by its name: "the Chadwell estate", "Oakleigh Children's Home", "Belmont House".
const NAMED_PLACE = new RegExp(
  `(?<![\\p{L}'’])((?:${CAP}\\s+){1,3})([Ee]state|[Cc]hildren['’]s\\s+[Hh]ome|[Cc]are\\s+[Hh]ome|[Rr]esidential\\s+[Hh]ome|House|Lodge|Hostel|Foyer)(?![\\p{L}])`,
  'gu',
);
const NOT_PLACE_START = new Set(['the', 'a', 'an', 'our', 'their', 'his', 'her', 'this', 'that', 'at', 'on', 'in', 'from', 'to', 'home', 'office', 'council']);
// Names of big areas or institutions: a "House" or a "Lodge" in these is not where a child lives.
const NOT_A_HOME = /^(?:Home Office|Houses?\b|Companies House|Town House|Open House|Full House)/;

// A detail that few children in a borough share: with a place beside it, it can point at one child.
export const SMALL_GROUP =
  /\b(?:unaccompanied|UASC|asylum[- ]seeking|refugee|Roma|Romany|Gypsy|Travell?er|Afghan|Eritrean|Sudanese|Syrian|Albanian|Vietnamese|Kurdish|Iranian|Iraqi|Ethiopian|Somali|Polish|Romanian|Lithuanian|Nigerian|Ghanaian|Congolese|Bangladeshi|Pakistani|Sikh|deaf|blind|BSL|wheelchair|autistic|disabled|the only)\b/i;
// A capitalised place straight after in / at / from / on / near ("in Aveley", "at the Corringham youth club").
const PLACE_AFTER = new RegExp(`\\b(?:in|at|from|on|near|around)\\s+(?:the\\s+)?((?:${CAP}\\s+)*${CAP})`, 'gu');
// Wide areas and words that are not a place that narrows anything down.
const WIDE = new Set(
  ('england wales uk britain london essex kent surrey sussex europe africa asia the council borough city town ' +
    'afghanistan eritrea ethiopia sudan syria iraq iran albania vietnam somalia somaliland poland romania lithuania ' +
    'nigeria ghana congo bangladesh pakistan india ireland ukraine kurdistan ' +
    'january february march april may june july august september october november december monday tuesday ' +
    'wednesday thursday friday saturday sunday christmas easter eid ramadan diwali teams english').split(' '),
);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word, case-insensitive matcher for a council's gazetteer (estates, homes, streets, schools). */
export function gazetteerMatcher(places: readonly string[]): RegExp | undefined {
  const words = [...new Set(places.map((p) => foldAccents(p.trim())).filter((p) => p.length >= 3))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map((w) => escape(w).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Places that could identify a child: a named estate or home, a gazetteer entry, a small group beside a place. */
export function findPlaces(t: string, gazetteer?: RegExp): PiiFinding[] {
  const named: PiiFinding[] = [];
  for (const m of t.matchAll(NAMED_PLACE)) {
    // Leading words that cannot start a name ("The", "A") are dropped; what is left must still name the place.
    const words = (m[1] as string).trim().split(/\s+/);
    let skip = 0;
    while (skip < words.length && NOT_PLACE_START.has((words[skip] ?? '').toLowerCase())) skip++;
    if (skip === words.length) continue;
    const text = `${words.slice(skip).join(' ')} ${m[2] as string}`.replace(/\s+/g, ' ');
    const start = m.index + m[0].indexOf(words[skip] as string);
    if (!NOT_A_HOME.test(text)) named.push({ kind: 'place', start, end: m.index + m[0].length, text });
  }
  const listed = gazetteer ? matchAll(foldAccents(t).length === t.length ? foldAccents(t) : t, gazetteer, 'place') : [];
  const out = [...named, ...listed].map((f) => ({ ...f, text: t.slice(f.start, f.end) }));
  if (SMALL_GROUP.test(t)) {
    for (const f of matchAll(t, PLACE_AFTER, 'place', 1)) {
      const first = (f.text.split(/\s+/)[0] ?? '').toLowerCase();
      if (!WIDE.has(first) && !SMALL_GROUP.test(f.text)) out.push(f);
    }
  }
  return out;
}
