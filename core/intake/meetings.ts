import { z } from 'zod';
import { DateTime } from 'luxon';
import { englandAndWales, LONDON, londonDate, type IsoDate, type WorkingCalendar } from '../calendar/working-days';
import type { Child } from '../model/child';
import { isAssessment, MeetingSchema, meetingTypeLabel, type Meeting } from '../model/meeting';
import { assessmentDueOn, DEFAULT_CORE_GROUP_INTERVAL_WEEKS, firstCoreGroupBy, nextCoreGroupBy } from '../voice/due-dates';
import type { RowProblem, ValidRow } from './rows';

// Meetings as the import reads them: an assessment has no meeting, so it may come with a referral date or a
// due date instead of a start; and a child protection plan's core groups are worked out when the case system
// has not given them yet (the first 10 working days after the ICPC, the next at the council's interval).

/** "a child protection core group", "an early help assessment". */
const aOrAn = (type: Meeting['type']): string => {
  const label = meetingTypeLabel[type].toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
};

/** A meetings row before its dates are completed: `start` may be left out for an assessment. */
export const MeetingRowSchema = MeetingSchema.extend({ start: MeetingSchema.shape.start.optional() }).superRefine((m, ctx) => {
  if (isAssessment(m.type)) {
    if (!m.start && !m.referredOn && !m.dueOn) ctx.addIssue({ code: 'custom', path: ['referredOn'], message: `${aOrAn(m.type)} needs a referral date or a due date` });
  } else if (!m.start) {
    ctx.addIssue({ code: 'custom', path: ['start'], message: `is required for ${aOrAn(m.type)}` });
  }
  if (m.referredOn && m.dueOn && m.dueOn < m.referredOn) ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'must be on or after the referral date' });
});
export type MeetingRow = z.infer<typeof MeetingRowSchema>;

/** What the rules need: the working-day calendar and the council's core-group interval. */
export interface MeetingRules {
  calendar?: WorkingCalendar;
  coreGroupIntervalWeeks?: number;
}

/** An assessment's time on its due date: the end of the working day, so "today" still counts until then. */
const DUE_TIME = { hour: 17, minute: 0 };
const atLondon = (date: IsoDate, like?: string): string => {
  const time = like ? DateTime.fromISO(like, { zone: LONDON }) : undefined;
  return DateTime.fromISO(date, { zone: LONDON })
    .set({ hour: time?.hour ?? DUE_TIME.hour, minute: time?.minute ?? DUE_TIME.minute, second: 0, millisecond: 0 })
    .toISO({ suppressMilliseconds: true })!;
};

/** Derived meeting ids: the ICPC's first core group, and the core group after a given one. */
export const firstCoreGroupId = (icpcId: string): string => `${icpcId}.cg1`;
export const nextCoreGroupId = (coreGroupId: string): string => `${coreGroupId}.next`;
export const derivedIdsOf = (m: Pick<Meeting, 'id' | 'type'>): string[] =>
  m.type === 'ICPC' ? [firstCoreGroupId(m.id)] : m.type === 'CORE_GROUP' ? [nextCoreGroupId(m.id)] : [];

/**
 * Completes an assessment's dates: the due date is the one given, else 45 working days after the referral,
 * else the start's day; the assessment is then "on" its due date (so its voice-by is the due date).
 */
export function completeRow(row: MeetingRow, rules: MeetingRules): Meeting {
  if (!isAssessment(row.type)) return row as Meeting;
  const calendar = rules.calendar ?? englandAndWales;
  const dueOn = row.dueOn ?? (row.referredOn ? assessmentDueOn(calendar, row.referredOn) : londonDate(new Date(row.start!)));
  return { ...row, dueOn, start: atLondon(dueOn) };
}

export interface CompletedMeetings {
  valid: ValidRow<Meeting>[];
  /** Core groups worked out from the file (new or changed ones are written with the rows). */
  derived: Meeting[];
  /** Rows whose core group could not be worked out (an id too long to name it). */
  warnings: RowProblem[];
}

/**
 * Completes each row, then works out the core groups the file does not give: an ICPC's first core group (by 10
 * working days after it), unless the file gives the child a core group after the ICPC; and, for a child on a
 * child protection plan, the core group after the file's last one for them, at the council's interval. A
 * derived meeting follows its source: cancelled with it, moved with it.
 */
export function completeMeetings(rows: readonly ValidRow<MeetingRow>[], rules: MeetingRules, onPlan: (childRef: string) => boolean): CompletedMeetings {
  const calendar = rules.calendar ?? englandAndWales;
  const weeks = rules.coreGroupIntervalWeeks ?? DEFAULT_CORE_GROUP_INTERVAL_WEEKS;
  const valid = rows.map((r) => ({ ...r, value: completeRow(r.value, rules) }));
  const meetings = valid.map((r) => r.value);
  const given = meetings.filter((m) => m.type === 'CORE_GROUP' && m.status === 'scheduled');
  const day = (m: Meeting): IsoDate => londonDate(new Date(m.start));
  // Instants may carry different offsets (a file's own, or London's), so they are compared as times.
  const laterCoreGroup = (m: Meeting): boolean => given.some((c) => c.childRef === m.childRef && Date.parse(c.start) > Date.parse(m.start));
  const derived: Meeting[] = [];
  const warnings: RowProblem[] = [];
  const derive = (from: ValidRow<Meeting>, id: string, on: IsoDate): void => {
    const parsed = MeetingSchema.safeParse({ id, childRef: from.value.childRef, type: 'CORE_GROUP', start: atLondon(on, from.value.start), status: from.value.status, derivedFrom: from.value.id });
    if (parsed.success) derived.push(parsed.data);
    else warnings.push({ ...from.at, column: 'id', reason: `is too long to name the core group worked out from it, so none was: use at most 59 characters` });
  };
  for (const r of valid) {
    const m = r.value;
    if (m.type === 'ICPC' && !laterCoreGroup(m)) derive(r, firstCoreGroupId(m.id), firstCoreGroupBy(calendar, day(m)));
    if (m.type === 'CORE_GROUP' && m.status === 'scheduled' && !laterCoreGroup(m) && onPlan(m.childRef)) derive(r, nextCoreGroupId(m.id), nextCoreGroupBy(calendar, day(m), weeks));
  }
  return { valid, derived, warnings };
}

/** Children on a child protection plan, from those on file. */
export const onPlanOf = (children: ReadonlyMap<string, Child>) => (ref: string): boolean => children.get(ref)?.legalStatus === 'CP';
