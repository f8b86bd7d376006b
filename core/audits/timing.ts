import type { IsoDate, WorkingCalendar } from '../calendar/working-days';
import type { CaseAudit } from './case-audit';

export interface CaseAuditSettings {
  /** Children sampled per team each month. */
  samplePerTeam: number;
  /** Working days after it was assigned that an unanswered audit is reminded (once). */
  remindAfterWorkingDays: number;
  /** Working days after it was assigned that an unanswered audit is reported as not done. */
  dueAfterWorkingDays: number;
}
export const defaultCaseAuditSettings: CaseAuditSettings = { samplePerTeam: 2, remindAfterWorkingDays: 5, dueAfterWorkingDays: 10 };

/** The dates an audit assigned today runs to. */
export const auditDates = (assignedOn: IsoDate, s: CaseAuditSettings, calendar: Pick<WorkingCalendar, 'addWorkingDays'>) => ({
  assignedOn,
  remindOn: calendar.addWorkingDays(assignedOn, s.remindAfterWorkingDays),
  dueOn: calendar.addWorkingDays(assignedOn, s.dueAfterWorkingDays),
});

/** What an audit is owed today: a reminder (once), to be marked not done (after its due date), or nothing. */
export function auditDue(a: CaseAudit, today: IsoDate): 'remind' | 'not_done' | undefined {
  if (a.status !== 'assigned') return undefined;
  if (today > a.dueOn) return 'not_done';
  if (today >= a.remindOn && !a.remindedAt) return 'remind';
  return undefined;
}
