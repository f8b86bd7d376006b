import { DateTime } from 'luxon';
import { LONDON, type IsoDate } from '../calendar/working-days';
import { exactRate, showCount, suppressedRate, DEFAULT_THRESHOLD, type ShownRate } from '../safety/suppress';
import type { Ratio } from './weekly/weekly';

/** Who will see a digest: a person who holds the cases (exact numbers), or a channel (aggregate, suppressed). */
export type Audience = { kind: 'person' } | { kind: 'channel'; threshold?: number };

export const threshold = (a: Audience): number => (a.kind === 'channel' ? (a.threshold ?? DEFAULT_THRESHOLD) : 0);

/** A count as this audience may see it. */
export const countText = (n: number, a: Audience): string => (a.kind === 'channel' ? showCount(n, threshold(a)).text : String(n));

/** A count for a chart: null when suppressed (the point is left out; the table says why). */
export const countValue = (n: number, a: Audience): number | null => (a.kind === 'channel' ? showCount(n, threshold(a)).value : n);

export const rateFor = (r: Ratio, a: Audience): ShownRate =>
  a.kind === 'channel' ? suppressedRate(r.n, r.d, threshold(a)) : exactRate(r.n, r.d);

/** "Mon 17 Nov" in London. */
export const dayText = (iso: string): string => DateTime.fromISO(iso, { zone: LONDON }).toFormat('ccc d LLL');

/** "16 Nov to 22 Nov 2026" for a half-open period of dates. */
export const periodText = (from: IsoDate, toExclusive: IsoDate): string => {
  const a = DateTime.fromISO(from, { zone: LONDON });
  const b = DateTime.fromISO(toExclusive, { zone: LONDON }).minus({ days: 1 });
  return `${a.toFormat('d LLL')} to ${b.toFormat('d LLL yyyy')}`;
};

export const weekLabel = (weekStart: IsoDate): string => `w/c ${DateTime.fromISO(weekStart, { zone: LONDON }).toFormat('d LLL')}`;

export const SUPPRESSION_NOTE = (t: number) =>
  `Numbers of children from 1 to ${t - 1} are shown as "fewer than ${t}", and another may be held back so they cannot be worked out. Counts of our own work (examples, "You said" items, audits) are exact. No child is named.`;
