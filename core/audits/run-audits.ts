import { DateTime } from 'luxon';
import { LONDON, londonDate, type IsoDate, type WorkingCalendar } from '../calendar/working-days';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Child } from '../model/child';
import type { OutgoingMessage } from '../model/messaging';
import type { AuditLog, ChildStore, Outbox, PersonStore, TeamStore } from '../ports';
import { caseAuditId, type CaseAudit } from './case-audit';
import type { CaseAuditStore } from './ports';
import { chooseAuditor, sampleChildren } from './sample';
import { auditDates, auditDue, defaultCaseAuditSettings, type CaseAuditSettings } from './timing';

export interface CaseAuditRunDeps {
  audits: CaseAuditStore;
  children: Pick<ChildStore, 'listByTeam'>;
  teams: Pick<TeamStore, 'list'>;
  people: Pick<PersonStore, 'list'>;
  outbox: Outbox;
  audit: Pick<AuditLog, 'append'>;
  clock: Clock;
  calendar: Pick<WorkingCalendar, 'addWorkingDays' | 'isWorkingDay'>;
  settings?: CaseAuditSettings;
  /** The card for an audit (first sent, or the reminder). */
  card: (audit: CaseAudit, kind: 'assigned' | 'reminder') => Record<string, unknown>;
  log?: (message: string) => void;
  /** Local demo only: act whenever run, not only from 09:00 London on working days. */
  anyTime?: boolean;
}

export interface CaseAuditRunResult {
  sampled: number;
  sent: number;
  reminded: number;
  notDone: number;
  /** Children sampled for whom nobody outside their team could audit (tried again next run). */
  noAuditor: number;
}

const SYSTEM = 'system:case-audits';
const previousMonth = (month: string): string => DateTime.fromISO(`${month}-01`, { zone: LONDON }).minus({ months: 1 }).toFormat('yyyy-MM');

/** The audits act from 09:00 London on working days (NCRONTAB is UTC; the code decides London time). */
export function isAuditTime(now: Date, calendar: Pick<WorkingCalendar, 'isWorkingDay'>): boolean {
  return DateTime.fromJSDate(now, { zone: LONDON }).hour >= 9 && calendar.isWorkingDay(londonDate(now));
}

/**
 * One run of the monthly audit: samples each team not yet sampled this month, sends each audit's card once
 * (the outbox dedupes by `audit:<team>:<yyyy-mm>:<child>`), reminds once, and marks overdue ones not done.
 * Idempotent: a second run the same day picks nobody new and sends nothing new.
 */
export async function runCaseAudits(deps: CaseAuditRunDeps): Promise<CaseAuditRunResult> {
  const s = deps.settings ?? defaultCaseAuditSettings;
  const now = deps.clock.now();
  const result: CaseAuditRunResult = { sampled: 0, sent: 0, reminded: 0, notDone: 0, noAuditor: 0 };
  if (!deps.anyTime && !isAuditTime(now, deps.calendar)) return result;
  const today: IsoDate = londonDate(now);
  const month = today.slice(0, 7);
  const [teams, onFile] = await Promise.all([deps.teams.list(), deps.audits.listMonths([previousMonth(month), month])]);
  const sampledTeams = new Set(onFile.filter((a) => a.month === month).map((a) => a.teamId));
  const toSample = teams.filter((t) => !t.goneOn && !sampledTeams.has(t.id));
  // Everyone on file is read only on a run that samples (once a month, or while a team has nobody to audit it).
  const people = toSample.length ? await deps.people.list() : [];
  const created: CaseAudit[] = [];
  for (const team of toSample) {
    const sample: Child[] = sampleChildren(await deps.children.listByTeam(team.id), { teamId: team.id, month, size: s.samplePerTeam });
    for (const child of sample) {
      const choice = chooseAuditor(child, { month, teams, people });
      if (!choice) {
        result.noAuditor++;
        deps.log?.(`case audits: nobody outside team ${team.id} can audit a case sampled for ${month}`);
        continue;
      }
      const audit: CaseAudit = { month, teamId: team.id, childRef: child.ref, ...choice, ...auditDates(today, s, deps.calendar), status: 'assigned' };
      if (!(await deps.audits.create(audit))) continue;
      result.sampled++;
      created.push(audit);
      await deps.audit.append({ actorId: SYSTEM, action: 'case-audit.assigned', recordType: 'case-audit', recordId: caseAuditId(audit), at: now.toISOString(), detail: { auditorId: audit.auditorId, auditorKind: audit.auditorKind, dueOn: audit.dueOn } });
    }
  }
  for (const a of [...onFile, ...created]) {
    // A card not yet handed to the outbox (a run that stopped half-way) goes now; the dedupe key keeps it to one.
    if (a.status === 'assigned' && !a.sentAt) {
      await deps.outbox.enqueue(message(a, 'assigned', deps.card(a, 'assigned')));
      if (await mark(deps, a, { sentAt: now.toISOString() })) result.sent++;
    }
    const due = auditDue(a, today);
    if (due === 'remind') {
      await deps.outbox.enqueue(message(a, 'reminder', deps.card(a, 'reminder')));
      if (await mark(deps, a, { remindedAt: now.toISOString() })) {
        result.reminded++;
        await deps.audit.append({ actorId: SYSTEM, action: 'case-audit.reminded', recordType: 'case-audit', recordId: caseAuditId(a), at: now.toISOString(), detail: { auditorId: a.auditorId } });
      }
    } else if (due === 'not_done' && (await mark(deps, a, { status: 'not_done', notDoneAt: now.toISOString() }))) {
      result.notDone++;
      await deps.audit.append({ actorId: SYSTEM, action: 'case-audit.not-done', recordType: 'case-audit', recordId: caseAuditId(a), at: now.toISOString(), detail: { auditorId: a.auditorId, dueOn: a.dueOn } });
    }
  }
  return result;
}

const message = (a: CaseAudit, kind: 'assigned' | 'reminder', card: Record<string, unknown>): OutgoingMessage => ({
  dedupeKey: `${kind === 'assigned' ? 'audit' : 'audit-reminder'}:${a.teamId}:${a.month}:${a.childRef}`,
  to: { kind: 'person', personId: a.auditorId },
  kind: kind === 'assigned' ? 'case-audit' : 'case-audit.reminder',
  card,
});

/** Writes a change on the current copy, unless it was graded meanwhile; true when written. */
async function mark(deps: Pick<CaseAuditRunDeps, 'audits'>, a: CaseAudit, change: Partial<CaseAudit>): Promise<boolean> {
  const current = await deps.audits.get(a);
  if (!current || (change.status && current.value.status !== 'assigned')) return false;
  if (change.remindedAt && (current.value.remindedAt || current.value.status !== 'assigned')) return false;
  const next = { ...current.value, ...change };
  try {
    await deps.audits.update(next, current.etag);
  } catch (err) {
    // Another run (or the auditor) wrote first: that run has done this step, or the audit is answered.
    if (err instanceof DomainError && err.code === 'CONFLICT') return false;
    throw err;
  }
  Object.assign(a, next);
  return true;
}
