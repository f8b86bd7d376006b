/**
 * Small-number suppression for anything posted to a channel (DOMAIN.md: "any count that describes fewer
 * than a threshold of children"). Counts 1..threshold-1 read "fewer than 5"; zero is shown, as official
 * statistics do (a zero describes no child). Secondary suppression hides a second cell whenever a lone
 * hidden cell could be recovered by subtracting the shown cells from a shown total.
 */
export const DEFAULT_THRESHOLD = 5;

/** A count as it may appear in a channel: the exact number, or suppressed. */
export type ShownCount = { value: number; text: string } | { value: null; text: string };

export const isSmall = (n: number, threshold = DEFAULT_THRESHOLD): boolean => n > 0 && n < threshold;

export const fewerThan = (threshold = DEFAULT_THRESHOLD): string => `fewer than ${threshold}`;

/** One count on its own (no total beside it). */
export function showCount(n: number, threshold = DEFAULT_THRESHOLD): ShownCount {
  return isSmall(n, threshold) ? { value: null, text: fewerThan(threshold) } : { value: n, text: String(n) };
}

/** Which cells of a row are hidden: each small one (or held), and a lone one takes the smallest other non-zero cell with it. */
function hiddenCells(cells: readonly number[], threshold: number, held: readonly boolean[] = []): boolean[] {
  const total = cells.reduce((a, b) => a + b, 0);
  const hidden = cells.map((c, i) => isSmall(c, threshold) || (held[i] === true && c > 0));
  if (hidden.filter(Boolean).length === 1 && !isSmall(total, threshold)) {
    // A lone hidden cell = total - the rest: hide the smallest other non-zero cell too.
    let pick = -1;
    cells.forEach((c, i) => {
      if (!hidden[i] && c > 0 && (pick < 0 || c < (cells[pick] as number))) pick = i;
    });
    if (pick >= 0) hidden[pick] = true;
  }
  return hidden;
}

/** Of a period's months, each as its own report hid it: true for a row position hidden in exactly one month. */
const heldByMonths = <T>(width: number, months: readonly T[], hiddenIn: (m: T) => boolean[]): boolean[] => {
  const flags = months.length > 1 ? months.map(hiddenIn) : [];
  return Array.from({ length: width }, (_, i) => flags.filter((h) => h[i]).length === 1);
};

/**
 * A row of counts that add up to a total which is also shown: primary and secondary suppression.
 * `months`: for a period of several months, the row in each month, as each month's own report showed it.
 */
export function suppressRow(
  cells: readonly number[],
  threshold = DEFAULT_THRESHOLD,
  months: readonly (readonly number[])[] = [],
): { cells: ShownCount[]; total: ShownCount } {
  const total = cells.reduce((a, b) => a + b, 0);
  const hidden = hiddenCells(cells, threshold, heldByMonths(cells.length, months, (m) => (isSmall(m.reduce((a, b) => a + b, 0), threshold) ? m.map((c) => c > 0) : hiddenCells(m, threshold))));
  const shown = cells.map((c, i): ShownCount =>
    hidden[i] ? { value: null, text: isSmall(c, threshold) ? fewerThan(threshold) : 'not shown' } : { value: c, text: String(c) },
  );
  return { cells: shown, total: showCount(total, threshold) };
}

/** "n of d" as it may appear in a channel; the percentage only when neither n nor d - n is small. */
export interface ShownRate {
  numerator: ShownCount;
  denominator: ShownCount;
  /** Whole percent, or null when suppressed or there is nothing to divide by. */
  percent: number | null;
  text: string;
}

/** Whole percent; 100% only when all were, 0% only when none were (399 of 400 reads 99%, not 100%). */
export const percentOf = (n: number, d: number): number | null => {
  if (d === 0) return null;
  const p = Math.round((100 * n) / d);
  return n > 0 && n < d ? Math.min(99, Math.max(1, p)) : p;
};

/** Exact rate, for 1:1 messages to the people who hold the cases. */
export function exactRate(n: number, d: number): ShownRate {
  const percent = percentOf(n, d);
  return {
    numerator: { value: n, text: String(n) },
    denominator: { value: d, text: String(d) },
    percent,
    text: d === 0 ? 'none due' : `${n} of ${d} (${percent}%)`,
  };
}

/** A rate for a channel: suppressed when the group, those in it, or those not in it number 1..threshold-1. */
export function suppressedRate(n: number, d: number, threshold = DEFAULT_THRESHOLD): ShownRate {
  if (d === 0) return exactRate(0, 0);
  const denominator = showCount(d, threshold);
  if (denominator.value === null) {
    return { numerator: { value: null, text: 'not shown' }, denominator, percent: null, text: `not shown (${fewerThan(threshold)} in all)` };
  }
  if (isSmall(n, threshold)) {
    return { numerator: showCount(n, threshold), denominator, percent: null, text: `${fewerThan(threshold)} of ${d}` };
  }
  if (isSmall(d - n, threshold)) {
    // "all but fewer than 5 of 6" was hard to read: those in it are the most (at least 5 against at most 4), and those
    // not in it are 1 to 4, which is all that may be said of them.
    const few = threshold - 1 > 1 ? `all but 1 to ${threshold - 1}` : 'all but 1';
    return { numerator: { value: null, text: `most (${few})` }, denominator, percent: null, text: `most of ${d} (${few})` };
  }
  return exactRate(n, d);
}

const rateHidden = (n: number, d: number, t: number): boolean => d > 0 && (isSmall(d, t) || isSmall(n, t) || isSmall(d - n, t));

/** Which of sibling rates are hidden: each small one, and when exactly one is, the row with the fewest meetings too. */
function hiddenRates(rows: readonly { n: number; d: number }[], threshold: number, held: readonly boolean[] = []): boolean[] {
  const hidden = rows.map((r, i) => rateHidden(r.n, r.d, threshold) || (held[i] === true && r.d > 0));
  if (hidden.filter(Boolean).length === 1) {
    let pick = -1;
    rows.forEach((r, i) => {
      if (!hidden[i] && r.d > 0 && (pick < 0 || r.d < (rows[pick] as { d: number }).d)) pick = i;
    });
    if (pick >= 0) hidden[pick] = true;
  }
  return hidden;
}

/**
 * Rates for rows that add up to a total shown elsewhere (meeting types within all meetings, teams within
 * a district, districts within the service). When exactly one row is suppressed, the row with the fewest
 * meetings is held back too, so the suppressed one cannot be worked out by subtracting from the total.
 *
 * `months`: for a period longer than a month, the same rows in each of its months, as each month's own
 * report showed them. A row hidden in exactly one of those months is held back here too: the period less
 * the months shown on their own would be that month (two or more hidden give only their sum, as above).
 */
export function suppressRates(
  rows: readonly { n: number; d: number }[],
  threshold = DEFAULT_THRESHOLD,
  months: readonly (readonly { n: number; d: number }[])[] = [],
): ShownRate[] {
  const hidden = hiddenRates(rows, threshold, heldByMonths(rows.length, months, (m) => hiddenRates(m, threshold)));
  return rows.map((r, i) => {
    const shown = suppressedRate(r.n, r.d, threshold);
    if (!hidden[i] || shown.percent === null) return shown;
    return { numerator: { value: null, text: 'held back' }, denominator: shown.denominator, percent: null, text: `held back, so a small number cannot be worked out (of ${r.d})` };
  });
}
