import { englandAndWales } from '../calendar/working-days';
import type { Child } from '../model/child';
import type { Person } from '../model/person';
import type { Team } from '../model/team';
import { demoCaseAudits } from './demo-audits';
import { summariseCaseAudits } from './summary';

const uuid = (n: number) => `de500000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const teams: Team[] = ['a', 'b', 'c'].map((id, i) => ({ id, name: id, district: 'D', managerId: uuid(i + 1) }));
const people: Person[] = [
  ...teams.map((t, i) => ({ id: uuid(i + 1), upn: `m${i}@x.example`, displayName: `M${i}`, roles: ['manager' as const], teamId: t.id })),
  { id: uuid(9), upn: 'qa@x.example', displayName: 'QA', roles: ['qa_auditor'] },
];
const children: Child[] = teams.flatMap((t) => Array.from({ length: 8 }, (_, i) => ({ ref: `D-${t.id}${i}`, workerId: uuid(20), teamId: t.id, birthMonth: '2012-01', legalStatus: 'CIN' as const, groups: [], newToCare: false })));

describe("the demo council's case-file audits", () => {
  it('give last month graded results with one not done, and this month some waiting, so the reports show numbers', () => {
    const audits = demoCaseAudits({ children, teams, people, now: new Date('2026-11-23T10:00:00Z'), calendar: englandAndWales });
    const october = summariseCaseAudits(audits.filter((a) => a.month === '2026-10'));
    const november = summariseCaseAudits(audits.filter((a) => a.month === '2026-11'));
    expect(october).toMatchObject({ sampled: 6, done: 5, notDone: 1, waiting: 0 });
    // 23 November is past this month's due date (16 November): the ones not graded are not done.
    expect(november).toMatchObject({ sampled: 6, waiting: 0 });
    expect(november.done).toBeGreaterThan(0);
    expect(november.notDone).toBeGreaterThan(0);
    // Early in December, this month's are waiting for their auditors (cards not sent yet: the timer sends them).
    const early = demoCaseAudits({ children, teams, people, now: new Date('2026-12-04T10:00:00Z'), calendar: englandAndWales }).filter((a) => a.month === '2026-12');
    expect(summariseCaseAudits(early).waiting).toBeGreaterThan(0);
    expect(early.filter((a) => a.status === 'assigned').every((a) => !a.sentAt)).toBe(true);
    for (const a of audits) expect(teams.find((t) => t.id === a.teamId)!.managerId).not.toBe(a.auditorId);
  });
});
