import type { PiiFinding } from './kinds';

const MONTHS =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?';
const YEAR = "(?:(?:19|20)\\d{2}|['’]\\d{2})";
const SEP = '[/.\\-]';

// Full dates, each with a capture group for the year so a recent one can be told from a birth date.
const FULL_DATES: readonly RegExp[] = [
  new RegExp(`(?<![\\d/.\\-])(?:0?[1-9]|[12]\\d|3[01])${SEP}(?:0?[1-9]|1[0-2])${SEP}((?:19|20)?\\d{2})(?![\\d/.\\-]?\\d)`, 'g'),
  new RegExp(`(?<![\\d/.\\-])((?:19|20)\\d{2})${SEP}(?:0?[1-9]|1[0-2])${SEP}(?:0?[1-9]|[12]\\d|3[01])(?![\\d/.\\-]?\\d)`, 'g'),
  new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTHS}\\.?,?\\s+(${YEAR})\\b`, 'gi'),
  new RegExp(`\\b${MONTHS}\\.?\\s+${DAY},?\\s+(${YEAR})\\b`, 'gi'),
];
// Words that say what follows is someone's birth ("born in March 2012", "d.o.b. 14.02.2009", "turns 16 on 4 May").
const BIRTH_CUE =
  /(?:\bborn\b(?:\s+(?:on|in))?(?:\s+the)?|\bd\.?\s?o\.?\s?b\b\.?:?|\bdate\s+of\s+birth:?|\bbirth\s?date:?|\bb(?:irth)?['’]?day(?:\s+is)?(?:\s+on)?(?:\s+the)?:?|\bturns\s+\d{1,2}\s+on(?:\s+the)?)\s*/gi;
// What may follow a birth cue: a day and month, a month and year, or a year alone.
const AFTER_CUE = new RegExp(
  `^(?:${DAY}\\s+(?:of\\s+)?${MONTHS}(?:\\.?,?\\s+${YEAR})?|${MONTHS}\\.?(?:\\s+${DAY})?,?\\s+${YEAR}|(?:19|20)\\d{2}|${MONTHS}\\b)`,
  'i',
);

export interface DateOptions {
  /**
   * Today, so a full date in this year or the last (a meeting, a deadline) is not taken for a birth date
   * unless the text says it is one. Without it every full date is flagged.
   */
  now?: () => Date;
}

const yearOf = (y: string): number => {
  const n = Number(y.replace(/\D/g, ''));
  return n >= 100 ? n : n <= 40 ? 2000 + n : 1900 + n;
};

/** Dates of birth: any birth cue with a date after it, and full dates from before last year (or with a cue). */
export function findDates(t: string, options: DateOptions = {}): PiiFinding[] {
  const out: PiiFinding[] = [];
  const cued: PiiFinding[] = [];
  for (const m of t.matchAll(BIRTH_CUE)) {
    const from = m.index + m[0].length;
    const date = AFTER_CUE.exec(t.slice(from));
    if (date) cued.push({ kind: 'date_of_birth', start: from, end: from + date[0].length, text: date[0] });
  }
  const thisYear = options.now?.().getUTCFullYear();
  for (const re of FULL_DATES) {
    for (const m of t.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      const cue = cued.some((c) => c.start <= start && start < c.end) || /\b(?:born|d\.?o\.?b|birth|b['’]?day)\b[^.]{0,25}$/i.test(t.slice(0, start));
      const year = yearOf(m[1] as string);
      if (cue || thisYear === undefined || year < thisYear - 1) out.push({ kind: 'date_of_birth', start, end, text: m[0] });
    }
  }
  return [...out, ...cued];
}
