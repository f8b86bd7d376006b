import { DateTime } from 'luxon';
import { LONDON, londonDate, type WorkingCalendar } from '../calendar/working-days';
import type { Child } from '../model/child';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import { GradeSchema, type CaseAudit, type Grades } from './case-audit';
import { chooseAuditor, sampleChildren } from './sample';
import { auditDates, defaultCaseAuditSettings } from './timing';

const grade = (i: number): Grades => {
  const g = GradeSchema.options;
  // Mostly yes or partly for views recorded, weaker on own words and on telling the child: a realistic spread.
  return { viewsRecorded: g[[0, 0, 1, 0, 2][i % 5]!]!, ownWords: g[[1, 2, 0, 1, 3][i % 5]!]!, influencedPlan: g[[0, 1, 1, 2, 0][i % 5]!]!, toldOutcome: g[[2, 0, 1, 3, 1][i % 5]!]! };
};

/**
 * The demo council's case-file audits for last month (all graded but one, not done) and this month (one
 * graded, the rest waiting, their cards not yet sent, so the caseAudits timer delivers them), sampled and
 * assigned by the real rules, so the weekly digest and the senior report show numbers.
 */
export function demoCaseAudits(o: { children: readonly Child[]; teams: readonly Team[]; people: readonly Person[]; now: Date; calendar: WorkingCalendar }): CaseAudit[] {
  const today = londonDate(o.now);
  const thisMonth = DateTime.fromJSDate(o.now, { zone: LONDON }).startOf('month');
  const out: CaseAudit[] = [];
  let n = 0;
  for (const [start, current] of [[thisMonth.minus({ months: 1 }), false], [thisMonth, true]] as const) {
    const month = start.toFormat('yyyy-MM');
    const assignedOn = o.calendar.onOrNextWorkingDay(start.toISODate()!);
    if (assignedOn > today) continue;
    const dates = auditDates(assignedOn, defaultCaseAuditSettings, o.calendar);
    o.teams.forEach((team, t) => {
      for (const child of sampleChildren(o.children, { teamId: team.id, month, size: defaultCaseAuditSettings.samplePerTeam })) {
        const choice = chooseAuditor(child, { month, teams: o.teams, people: o.people });
        if (!choice) continue;
        const i = n++;
        const base: CaseAudit = { month, teamId: team.id, childRef: child.ref, ...choice, ...dates, status: 'assigned' };
        // This month the QA auditor's are left waiting, so the qa-auditor Playground role has cards to answer.
        const graded = current ? i % 4 === 0 && choice.auditorKind !== 'qa_auditor' : !(t === o.teams.length - 1 && out.filter((a) => a.teamId === team.id && a.month === month).length === 1);
        const at = `${dates.remindOn}T15:00:00.000Z`;
        if (graded) out.push({ ...base, status: 'done', grades: grade(i), submittedAt: at, sentAt: `${assignedOn}T09:10:00.000Z` });
        else if (today > dates.dueOn) out.push({ ...base, status: 'not_done', sentAt: `${assignedOn}T09:10:00.000Z`, remindedAt: `${dates.remindOn}T09:10:00.000Z`, notDoneAt: `${dates.dueOn}T09:10:00.000Z` });
        else out.push(base);
      }
    });
  }
  return out;
}

/**
 * Months of audits for the digests' demo council (scripts/demo/digest-council.ts: README pictures, the channel
 * safety test): two case files per team each month up to `now`, graded by a quality assurance auditor, one in
 * seven not done; this month's still waiting.
 */
export function demoAuditHistory(o: { children: readonly Pick<Child, 'ref' | 'teamId'>[]; teamIds: readonly string[]; now: Date; months: number; calendar: WorkingCalendar }): CaseAudit[] {
  const thisMonth = DateTime.fromJSDate(o.now, { zone: LONDON }).startOf('month');
  const out: CaseAudit[] = [];
  let n = 0;
  for (let k = o.months; k >= 0; k--) {
    const start = thisMonth.minus({ months: k });
    const month = start.toFormat('yyyy-MM');
    const dates = auditDates(o.calendar.onOrNextWorkingDay(start.toISODate()!), defaultCaseAuditSettings, o.calendar);
    for (const teamId of o.teamIds) {
      for (const child of sampleChildren(o.children, { teamId, month, size: defaultCaseAuditSettings.samplePerTeam })) {
        const i = n++;
        const base: CaseAudit = { month, teamId, childRef: child.ref, auditorId: 'demo-qa-auditor', auditorKind: 'qa_auditor', ...dates, status: 'assigned', sentAt: `${dates.assignedOn}T09:10:00.000Z` };
        if (k === 0 && londonDate(o.now) <= dates.dueOn) out.push(i % 3 === 0 ? { ...base, status: 'done', grades: grade(i), submittedAt: `${dates.remindOn}T15:00:00.000Z` } : base);
        else out.push(i % 7 === 3 ? { ...base, status: 'not_done', notDoneAt: `${dates.dueOn}T09:10:00.000Z` } : { ...base, status: 'done', grades: grade(i), submittedAt: `${dates.remindOn}T15:00:00.000Z` });
      }
    }
  }
  return out;
}
