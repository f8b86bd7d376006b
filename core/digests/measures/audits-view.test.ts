import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summariseCaseAudits, type CaseAudit } from '../../audits';
import { AUDIT_DEFINITIONS, auditFacts, SENIOR_AUDIT_IDS, WEEKLY_AUDIT_IDS } from './audits-view';
import { FIGURES } from './figures';

const audit = (childRef: string, status: CaseAudit['status'], grades?: CaseAudit['grades']): CaseAudit => ({
  month: '2026-12', teamId: 'north', childRef, auditorId: 'a', auditorKind: 'qa_auditor', assignedOn: '2026-12-01', remindOn: '2026-12-08', dueOn: '2026-12-15', status, ...(grades ? { grades } : {}),
});
const yes = { viewsRecorded: 'yes', ownWords: 'no', influencedPlan: 'partly', toldOutcome: 'cant_tell' } as const;
const value = (facts: { title: string; value: string }[], title: string) => facts.find((f) => f.title === title)?.value;

describe("case-file audits in the digests", () => {
  const summary = summariseCaseAudits([audit('A', 'done', yes), audit('B', 'done', { ...yes, viewsRecorded: 'no' }), audit('C', 'not_done'), audit('D', 'assigned')]);

  it("the team's manager sees exact counts: sampled, graded, waiting, not done, and each question's answers", () => {
    const facts = auditFacts(summary, WEEKLY_AUDIT_IDS, { kind: 'person' });
    expect(value(facts, 'Case files sampled')).toBe('4');
    expect(value(facts, 'Graded')).toBe('2');
    expect(value(facts, 'Waiting (not yet due)')).toBe('1');
    expect(value(facts, 'Not done')).toBe('1');
    expect(value(facts, "The child's views are recorded, and recent")).toBe("Yes: 1; Partly: 0; No: 1; Can't tell: 0");
  });

  it('senior managers (a channel) see small numbers of children suppressed, the totals not worked back', () => {
    const facts = auditFacts(summary, SENIOR_AUDIT_IDS, { kind: 'channel' });
    expect(value(facts, 'Case files sampled')).toBe('fewer than 5');
    expect(value(facts, 'Graded')).not.toBe('2');
    expect(JSON.stringify(facts)).not.toMatch(/: 1[;"]/);
  });

  it('shows nothing when no case file was sampled', () => {
    expect(auditFacts(summariseCaseAudits([]), WEEKLY_AUDIT_IDS, { kind: 'person' })).toEqual([]);
  });

  it('each audit figure is declared as a count of children and defined in docs/digests.md in the words the card prints', () => {
    const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'digests.md'), 'utf8');
    for (const ids of [WEEKLY_AUDIT_IDS, SENIOR_AUDIT_IDS]) for (const id of Object.values(ids)) {
      expect({ id, kind: FIGURES[id] }).toEqual({ id, kind: 'children' });
      expect(docs).toContain(`\`${id}\``);
    }
    for (const text of Object.values(AUDIT_DEFINITIONS)) expect(docs).toContain(`| ${text} |`);
  });
});
