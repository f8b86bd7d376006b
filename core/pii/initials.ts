import type { PiiFinding } from './kinds';

// Capital-letter words of two or three letters that are the service's own shorthand, never a person.
const ACRONYMS = new Set(
  ('CP CIN LAC CLA IRO PA SW YP CYP GP PEP SEN UC NI NHS DOB FC TM ASD BSL CSE CCE PN EH MASH SGO ICPC RCPC ' +
    'CAMHS UASC SEND EHCP ADHD PRU LA DSL SENCO ISW CAF TAC TAF FGC IV IFA DfE MP PE IT ICT RE DT UK EU USA ' +
    'HMRC DWP ESA PIP JSA DBS CAB NHS TV ID OK AM PM CICC CPB BME CV PR HR AB1 ADD RSE').split(' '),
);
const INITIALS = '(?:\\p{Lu}\\.\\s?){1,3}|\\p{Lu}{1,3}(?![\\p{L}\\d])';
const AGE = '(?:aged\\s*)?(\\d{1,2})\\s*(?:y(?:ea)?rs?(?:\\s*old)?|y/?o)?';
// "YP (DM, 16)", "(J.K.)", "[RS]", "child (T, 9)", "(C 7, D 5)": initials inside any brackets, an age optional.
const BRACKETED = new RegExp(`[(\\[{]\\s*((?:${INITIALS}))(?:\\s*[,;/]?\\s*${AGE})?\\s*(?=[)\\]},;])`, 'gu');
// "AB (15)", "S.A. (12yrs)", "TJ (aged 11)", "MH, 14,", "KB aged 13", "initials LT, 17".
const BESIDE_AGE = new RegExp(`(?<![\\p{L}\\d])(${INITIALS})\\s*(?:\\(\\s*${AGE}\\s*\\)|,\\s*${AGE}\\s*[,)\\-–]|\\s+aged\\s+(\\d{1,2}))`, 'gu');
// "initials LT", "RK (care leaver)", "J said", "J.S. told us": initials that act or are named as a person.
const NAMED = /\binitials:?\s+((?:\p{Lu}\.?){1,3})(?![\p{L}])/gu;
const ACTING = new RegExp(
  `(?<![\\p{L}\\d.])(${INITIALS})(?=\\s*(?:\\([^)]{0,30}\\)\\s*)?(?:said|says|told|asked|wants|wanted|drew|wrote|explained|would|is\\s+worried|feels)\\b)`,
  'gu',
);
const BEFORE_ROLE = new RegExp(`(?<![\\p{L}\\d.])(${INITIALS})\\s*\\((?:care leaver|yp|young person|child|uasc|cla|lac|cin|cp)\\)`, 'giu');

const isAcronym = (s: string): boolean => ACRONYMS.has(s.replace(/[.\s]/g, '').toUpperCase()) && !/\./.test(s);
// One letter alone acts as a person only in "J said"; "A" and "I" are words.
const isWordLetter = (s: string): boolean => /^[AI]$/.test(s.trim());

/** Initials standing for a child, with their age as a second finding when one is given beside them. */
export function findInitials(t: string): PiiFinding[] {
  const out: PiiFinding[] = [];
  const add = (kind: 'name' | 'age', m: RegExpMatchArray, group: number) => {
    const found = m[group];
    if (!found || m.index === undefined) return;
    const offset = m[0].indexOf(found, kind === 'age' ? (m[1]?.length ?? 0) : 0);
    const start = m.index + offset;
    out.push({ kind, start, end: start + found.trimEnd().length, text: found.trimEnd() });
  };
  for (const m of t.matchAll(BRACKETED)) {
    const ini = (m[1] as string).trim();
    if (isAcronym(ini) || (isWordLetter(ini) && !m[2])) continue;
    add('name', m, 1);
    if (m[2]) add('age', m, 2);
  }
  for (const m of t.matchAll(BESIDE_AGE)) {
    const ini = (m[1] as string).trim();
    if (isAcronym(ini) || isWordLetter(ini)) continue;
    add('name', m, 1);
    add('age', m, m[2] ? 2 : m[3] ? 3 : 4);
  }
  for (const re of [NAMED, ACTING, BEFORE_ROLE]) {
    for (const m of t.matchAll(re)) {
      const ini = (m[1] as string).trim();
      if (!isAcronym(ini) && !isWordLetter(ini)) add('name', m, 1);
    }
  }
  return out;
}
