import { englandAndWales } from '../calendar/working-days';
import type { Child } from '../model/child';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import type { CaseAudit } from './case-audit';
import { chooseAuditor, sampleChildren } from './sample';
import { auditDates, auditDue, defaultCaseAuditSettings } from './timing';

const uuid = (n: number) => `5a000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const child = (ref: string, teamId = 'north', workerId = uuid(1)): Child => ({ ref, workerId, teamId, birthMonth: '2014-03', legalStatus: 'CLA', groups: [], newToCare: false });
const person = (n: number, roles: Person['roles'], teamId?: string): Person => ({ id: uuid(n), upn: `p${n}@council.example`, displayName: `Person ${n}`, roles, ...(teamId ? { teamId } : {}) });
const north = Array.from({ length: 30 }, (_, i) => child(`N-${100 + i}`));
const teams: Team[] = [
  { id: 'north', name: 'North', district: 'N', managerId: uuid(2) },
  { id: 'south', name: 'South', district: 'S', managerId: uuid(3) },
  { id: 'east', name: 'East', district: 'E', managerId: uuid(4) },
];
const people = [person(1, ['social_worker'], 'north'), person(2, ['manager'], 'north'), person(3, ['manager'], 'south'), person(4, ['manager'], 'east'), person(5, ['qa_auditor'], 'quality')];

describe('the monthly sample of case files', () => {
  it('is random across months yet the same every time it is worked out again, whatever order the children come in', () => {
    const once = sampleChildren(north, { teamId: 'north', month: '2026-11', size: 2 }).map((c) => c.ref);
    const again = sampleChildren([...north].reverse(), { teamId: 'north', month: '2026-11', size: 2 }).map((c) => c.ref);
    expect(once).toHaveLength(2);
    expect(again).toEqual(once);
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((month) => sampleChildren(north, { teamId: 'north', month, size: 2 }).map((c) => c.ref).join());
    expect(new Set(months).size).toBeGreaterThan(3);
  });

  it('picks only open cases of the team, and no more than the setting asks', () => {
    const mixed = [child('N-1'), { ...child('N-2'), goneOn: '2026-10-01' }, child('S-1', 'south')];
    expect(sampleChildren(mixed, { teamId: 'north', month: '2026-11', size: 5 }).map((c) => c.ref)).toEqual(['N-1']);
    expect(sampleChildren(north, { teamId: 'north', month: '2026-11', size: 3 })).toHaveLength(3);
  });
});

describe('who audits a case file', () => {
  it('is never the child\'s worker, nor anyone in the child\'s team or its manager: another team\'s manager or a QA auditor', () => {
    const chosen = new Set(north.map((c) => chooseAuditor(c, { month: '2026-11', teams, people })!.auditorId));
    expect([...chosen].sort()).toEqual([uuid(3), uuid(4), uuid(5)]);
    const one = north[0]!;
    expect(chooseAuditor(one, { month: '2026-11', teams, people })).toEqual(chooseAuditor(one, { month: '2026-11', teams, people }));
  });

  it('says nobody when only the child\'s own team could audit', () => {
    expect(chooseAuditor(north[0]!, { month: '2026-11', teams: [teams[0]!], people: people.slice(0, 2) })).toBeUndefined();
    // A QA auditor who is also the child's worker is left out.
    expect(chooseAuditor(child('N-9', 'north', uuid(5)), { month: '2026-11', teams: [teams[0]!], people: [person(5, ['qa_auditor'], 'quality')] })).toBeUndefined();
  });
});

describe('an unanswered audit', () => {
  // Assigned on Tuesday 1 December 2026: reminded 5 working days on, not done after 10 (no bank holidays between).
  const dates = auditDates('2026-12-01', defaultCaseAuditSettings, englandAndWales);
  const audit: CaseAudit = { month: '2026-12', teamId: 'north', childRef: 'N-100', auditorId: uuid(3), auditorKind: 'other_team_manager', status: 'assigned', ...dates };

  it('is reminded once, 5 working days after it was assigned, and reported not done after 10', () => {
    expect(dates).toEqual({ assignedOn: '2026-12-01', remindOn: '2026-12-08', dueOn: '2026-12-15' });
    expect(auditDue(audit, '2026-12-07')).toBeUndefined();
    expect(auditDue(audit, '2026-12-08')).toBe('remind');
    expect(auditDue({ ...audit, remindedAt: '2026-12-08T09:00:00.000Z' }, '2026-12-09')).toBeUndefined();
    expect(auditDue({ ...audit, remindedAt: '2026-12-08T09:00:00.000Z' }, '2026-12-15')).toBeUndefined();
    expect(auditDue({ ...audit, remindedAt: '2026-12-08T09:00:00.000Z' }, '2026-12-16')).toBe('not_done');
    expect(auditDue({ ...audit, status: 'done' }, '2026-12-16')).toBeUndefined();
  });

  it("skips bank holidays in counting: assigned before Christmas, counted past the holidays and New Year's Day", () => {
    expect(auditDates('2026-12-21', defaultCaseAuditSettings, englandAndWales)).toEqual({ assignedOn: '2026-12-21', remindOn: '2026-12-30', dueOn: '2027-01-07' });
  });
});
