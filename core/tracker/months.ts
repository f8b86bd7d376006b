import { DateTime } from 'luxon';
import type { IsoDate } from '../calendar/working-days';

/** The `YYYY-MM` months a half-open date range [from, to) touches: what a period query reads. */
export function monthsCovering(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  if (to <= from) return out;
  let m = DateTime.fromISO(from.slice(0, 7) + '-01');
  const last = DateTime.fromISO(to).minus({ days: 1 }).toISODate()!.slice(0, 7);
  while ((m.toISODate() as string).slice(0, 7) <= last) {
    out.push((m.toISODate() as string).slice(0, 7));
    m = m.plus({ months: 1 });
  }
  return out;
}

export const inRange = (date: IsoDate | undefined, from: IsoDate, to: IsoDate): boolean =>
  date !== undefined && date >= from && date < to;
