import type { ShownRate } from '../../safety/suppress';

/** One line of "Needs your attention": what, in words, and the section of the digest that has the detail. */
export interface AttentionLine {
  text: string;
  sectionId: string;
  /** "See 3. Child's voice ...": the reader's way to the section (Adaptive Cards have no in-card links). */
  see: string;
}

export interface AttentionSettings {
  /** A rate that fell by more than this many points is raised (default 5). */
  fallPoints?: number;
  /** A harder-to-hear group heard this many points or more below its share of the children who had a meeting is raised (default 2). */
  gapPoints?: number;
}

export const ATTENTION_MAX = 5;
export const DEFAULT_FALL_POINTS = 5;
export const DEFAULT_GAP_POINTS = 2;

/** A section as the attention head refers to it: its id, and its number and title as the card shows them. */
export interface SectionRef {
  id: string;
  title: string;
  /** The section's number on a card whose sections are numbered. */
  number?: number;
}

export const attentionLine = (text: string, s: SectionRef): AttentionLine => ({
  text: text.charAt(0).toUpperCase() + text.slice(1),
  sectionId: s.id,
  see: s.number ? `See ${s.number}. ${s.title}` : `See ${s.title.startsWith('"') ? s.title : `"${s.title}"`} below`,
});

/** "Looked-after review 79% to 62% (down 17 points)" for each rate that fell by more than `points`; both rates as shown. */
export function fallsOf(rates: readonly { label: string; now: ShownRate; before: ShownRate }[], points = DEFAULT_FALL_POINTS): string[] {
  return rates.flatMap(({ label, now, before }) =>
    now.percent !== null && before.percent !== null && before.percent - now.percent > points
      ? [`${label} ${before.percent}% to ${now.percent}% (down ${before.percent - now.percent} points)`]
      : [],
  );
}

const WEEK = 7;
/** Overdue items by how long: "3 by more than 8 weeks, 2 by 4 to 8 weeks, 1 by under 4 weeks". Exact: items are the council's records. */
export function overdueByAge(daysOverdue: readonly number[]): string {
  const bands: [string, (d: number) => boolean][] = [
    ['by more than 8 weeks', (d) => d > 8 * WEEK],
    ['by 4 to 8 weeks', (d) => d > 4 * WEEK && d <= 8 * WEEK],
    ['by under 4 weeks', (d) => d <= 4 * WEEK],
  ];
  return bands
    .map(([label, inBand]) => [label, daysOverdue.filter(inBand).length] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${n} ${label}`)
    .join(', ');
}

export const itemsWord = (n: number) => (n === 1 ? '1 "You said" item is' : `${n} "You said" items are`);

/** The lines that need attention, most urgent first, at most five. */
export const topAttention = (lines: readonly (AttentionLine | undefined)[]): AttentionLine[] =>
  lines.filter((l): l is AttentionLine => !!l).slice(0, ATTENTION_MAX);

export const NOTHING_NEEDS_ATTENTION = 'Nothing in these figures needs your attention: no rate fell by more than the set amount and nothing is overdue.';

/** Days from a due date (YYYY-MM-DD) to today (YYYY-MM-DD), London dates. */
export const daysLate = (due: string, today: string): number => Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
