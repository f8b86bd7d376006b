import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PersonSchema } from '../core';
import { DEMO_CP_CHAIR, DEMO_IRO, DEMO_PEOPLE, DEMO_ROLE_USERS, demoCouncil, demoId } from './demo-council';
import { configPath, playgroundConfig, ROLES } from './playground-configs';
import { demoExits } from './demo/participation';

const root = join(__dirname, '..');
const roleOf: Record<string, string> = {
  'social-worker': 'social_worker',
  manager: 'manager',
  'participation-officer': 'participation_officer',
  'board-member': 'board_member',
  'senior-manager': 'senior_manager',
  admin: 'admin',
  iro: 'iro',
  'qa-auditor': 'qa_auditor',
  'care-worker': 'social_worker',
};

test.each(ROLES)('the Playground signs in as the seeded %s, by the GUID the seed gives them', (role) => {
  const file = readFileSync(configPath(root, role), 'utf8');
  expect(file).toBe(playgroundConfig(role)); // regenerate with: node dist/scripts/playground-configs.js
  const aad = /currentUser:[\s\S]*?aadObjectId: (\S+)/.exec(file)![1];
  const person = DEMO_PEOPLE.find((p) => p.id === aad);
  expect(person?.roles).toContain(roleOf[role]);
  expect(aad).toBe(demoId(DEMO_ROLE_USERS[role]!));
});

test('every demo person is valid for the import and obviously fictional', () => {
  for (const p of DEMO_PEOPLE) {
    expect(PersonSchema.safeParse(p).success).toBe(true);
    expect(p.displayName).toMatch(/ \(Demo [A-Za-z ]+\)$/);
    expect(p.upn).toMatch(/@demo-council\.example$/);
  }
});

test('the default social worker has meetings in the next few working days, so nudges are due', () => {
  const now = new Date('2026-11-23T09:00:00Z');
  const { children, meetings } = demoCouncil(now);
  const mine = new Set(children.filter((c) => c.workerId === demoId(DEMO_ROLE_USERS['social-worker']!)).map((c) => c.ref));
  const soon = meetings.filter((m) => mine.has(m.childRef) && Date.parse(m.start) - now.getTime() < 7 * 86_400_000);
  expect(soon.length).toBeGreaterThan(0);
  expect(Math.max(...meetings.map((m) => Date.parse(m.start))) - now.getTime()).toBeLessThan(42 * 86_400_000);
  expect(children.every((c) => /^DEMO-\d{4}$/.test(c.ref))).toBe(true);
});

test('the demo IRO has reviews in the next six weeks to chair, and the conference chair has conferences', () => {
  const { meetings } = demoCouncil(new Date('2026-11-23T09:00:00Z'));
  const chaired = (n: number) => meetings.filter((m) => m.chairId === demoId(n));
  expect(chaired(DEMO_IRO).length).toBeGreaterThan(2);
  expect(chaired(DEMO_IRO).every((m) => m.type === 'CLA_REVIEW' || m.type === 'PATHWAY_REVIEW')).toBe(true);
  expect(chaired(DEMO_CP_CHAIR).every((m) => m.type === 'ICPC' || m.type === 'RCPC')).toBe(true);
});

test("the care worker's Playground is the worker the seed asks about an exit conversation", () => {
  const now = new Date();
  const { ask } = demoExits(now, demoCouncil(now).children);
  expect(ask).toHaveLength(1);
  expect(ask[0]!.workerId).toBe(demoId(DEMO_ROLE_USERS['care-worker']!));
});
