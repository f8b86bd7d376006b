import { DateTime } from 'luxon';
import { LONDON, type WorkingCalendar } from '../../calendar/working-days';
import { DomainError } from '../../errors';
import type { Period } from '../period';

/**
 * A reporting period: a calendar month, quarter, half-year or year, or a financial year (April to March) or
 * one of its quarters. Hampshire's participation group works quarterly and its management team six-monthly.
 */
export interface ReportPeriod extends Period {
  kind: 'month' | 'quarter' | 'half_year' | 'year' | 'financial_quarter' | 'financial_year';
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

/** How the period reads in words, for "Compared with the ... before". */
export const periodNoun: Record<ReportPeriod['kind'], string> = {
  month: 'month', quarter: 'quarter', half_year: 'half-year', year: 'year', financial_quarter: 'quarter', financial_year: 'year',
};

const monthRange = (start: DateTime, months: number): string =>
  `${start.toFormat('LLLL')} to ${start.plus({ months: months - 1 }).toFormat('LLLL')}`;

/** "Q3 2026", "2026 Q3", "H2 2026", "2026 H2", "Q1 2026-27" (a financial quarter: April to June 2026). */
function quarterOrHalf(t: string): ReportPeriod | undefined {
  const m = /^(?:([qh])([1-4])\s+(\d{4})(?:[-/](\d{2}))?|(\d{4})(?:[-/](\d{2}))?\s+([qh])([1-4]))$/.exec(t);
  if (!m) return undefined;
  const [letter, n, year, fy] = m[1] ? [m[1], Number(m[2]), Number(m[3]), m[4]] : [m[7]!, Number(m[8]), Number(m[5]), m[6]];
  if (fy !== undefined && Number(fy) !== (year + 1) % 100) return undefined;
  if (letter === 'h') {
    if (n > 2 || fy !== undefined) return undefined;
    const start = DateTime.fromObject({ year, month: n === 1 ? 1 : 7, day: 1 }, { zone: LONDON });
    return build('half_year', start, 6, `H${n} ${year} (${monthRange(start, 6)})`);
  }
  if (fy !== undefined) {
    const start = DateTime.fromObject({ year, month: 4, day: 1 }, { zone: LONDON }).plus({ months: 3 * (n - 1) });
    return build('financial_quarter', start, 3, `Q${n} ${year}-${fy} (${monthRange(start, 3)} ${start.year})`);
  }
  const start = DateTime.fromObject({ year, month: 3 * (n - 1) + 1, day: 1 }, { zone: LONDON });
  return build('quarter', start, 3, `Q${n} ${year} (${monthRange(start, 3)})`);
}

/**
 * Parses what a user types after "report": "October 2026", "2026-10", "oct 2026", "Q3 2026", "2026 H2",
 * "Q1 2026-27" (a financial quarter), "2026" (calendar year), "2025-26" or "2025/26" (financial year).
 * Throws DomainError INVALID with examples otherwise.
 */
export function parseReportPeriod(text: string): ReportPeriod {
  // The export links carry the label with hyphens for spaces ("Q3-2026", "October-2026").
  const t = text.trim().toLowerCase().replace(/^([a-z][a-z0-9]*)-(\d{4})/, '$1 $2').replace(/\s+/g, ' ');
  const qh = quarterOrHalf(t);
  if (qh) return qh;
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
  throw new DomainError('INVALID', `I couldn't read "${text.trim()}" as a month, quarter, half-year or year. Try "report October 2026", "report Q3 2026", "report 2026 H2", "report 2026" or "report 2025-26".`);
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

/**
 * The participation group's quarterly report is due from `hour` London on the first working day of January,
 * April, July and October; it reports the financial quarter just ended (April to June is Q1).
 */
export function quarterlyReportDue(now: Date, calendar: WorkingCalendar, hour = 8): { due: boolean; period: ReportPeriod } {
  const local = DateTime.fromJSDate(now, { zone: LONDON });
  const quarterStart = local.startOf('quarter');
  const first = calendar.onOrNextWorkingDay(d(quarterStart));
  const ended = quarterStart.minus({ months: 3 });
  const fyStart = ended.month >= 4 ? ended.year : ended.year - 1;
  const n = Math.floor(((ended.month + 8) % 12) / 3) + 1;
  const period = parseReportPeriod(`Q${n} ${fyStart}-${String((fyStart + 1) % 100).padStart(2, '0')}`);
  return { due: d(local) === first && local.hour >= hour, period };
}
