import { DateTime } from 'luxon';
import { LONDON, type WorkingCalendar } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { Period } from './period';

/** A reporting period: a calendar month, a calendar year, or a financial year (April to March). */
export interface ReportPeriod extends Period {
  kind: 'month' | 'year' | 'financial_year';
  label: string;
  /** The same length of time just before, for the trend. */
  previous: Period;
  /** The months inside, for monthly trend lines. */
  months: Period[];
}

const d = (dt: DateTime): string => dt.toISODate() as string;

function build(kind: ReportPeriod['kind'], start: DateTime, months: number, label: string): ReportPeriod {
  const end = start.plus({ months });
  return {
    kind,
    label,
    from: d(start),
    to: d(end),
    previous: { from: d(start.minus({ months })), to: d(start) },
    months: Array.from({ length: months }, (_, i) => ({ from: d(start.plus({ months: i })), to: d(start.plus({ months: i + 1 })) })),
  };
}

/**
 * Parses what a user types after "report": "October 2026", "2026-10", "oct 2026", "2026" (calendar year),
 * "2025-26" or "2025/26" (financial year). Throws DomainError INVALID with examples otherwise.
 */
export function parseReportPeriod(text: string): ReportPeriod {
  const t = text.trim().toLowerCase();
  let m = /^(\d{4})[-/](\d{2})$/.exec(t);
  if (m && Number(m[2]) === (Number(m[1]) + 1) % 100) {
    const start = DateTime.fromObject({ year: Number(m[1]), month: 4, day: 1 }, { zone: LONDON });
    return build('financial_year', start, 12, `${m[1]}-${m[2]} (April to March)`);
  }
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})$/.exec(t);
  if (m) return build('year', DateTime.fromObject({ year: Number(m[1]), month: 1, day: 1 }, { zone: LONDON }), 12, m[1] as string);
  const parsed = DateTime.fromFormat(t, 'LLLL yyyy', { locale: 'en-GB' });
  const short = parsed.isValid ? parsed : DateTime.fromFormat(t, 'LLL yyyy', { locale: 'en-GB' });
  if (short.isValid) return monthPeriod(short.year, short.month);
  throw new DomainError('INVALID', `I couldn't read "${text.trim()}" as a month or year. Try "report October 2026", "report 2026" or "report 2025-26".`);
}

export function monthPeriod(year: number, month: number): ReportPeriod {
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone: LONDON });
  return build('month', start, 1, start.toFormat('LLLL yyyy'));
}

/** The monthly report is due from `hour` London on the first working day of a month; it reports the month before. */
export function monthlyReportDue(now: Date, calendar: WorkingCalendar, hour = 8): { due: boolean; period: ReportPeriod } {
  const local = DateTime.fromJSDate(now, { zone: LONDON });
  const first = calendar.onOrNextWorkingDay(d(local.startOf('month')));
  const last = local.startOf('month').minus({ months: 1 });
  return { due: d(local) === first && local.hour >= hour, period: monthPeriod(last.year, last.month) };
}
