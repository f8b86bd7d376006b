// The demo council for `npm start`: deterministic and obviously fictional (every name says "Demo",
// every reference starts DEMO-, addresses are on .example). The Playground role configs in playground/
// sign in as people listed here, by the same GUIDs.
import type { Child, LegalStatus, Meeting, MeetingType, Person, Role, Team } from '../core';
import { englandAndWales, londonDate, londonInstant } from '../core/calendar';

/** A fixed, valid (RFC 9562 v4) GUID per demo person, easy to recognise: de30… */
export const demoId = (n: number): string => `de300000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DEMO_TENANT_ID = 'de300000-0000-4000-8000-00000000ffff';

/** Who each Playground role signs in as (see playground/*.yml). */
export const DEMO_ROLE_USERS: Record<string, number> = {
  'social-worker': 101,
  manager: 11,
  'participation-officer': 201,
  'board-member': 301,
  'senior-manager': 1,
  admin: 401,
  iro: 501,
  'qa-auditor': 601,
  // Lou Maple holds the child in care whose care ended two days ago: the seed asks her about an exit conversation.
  'care-worker': 112,
};

/** The demo IRO (looked-after and pathway plan reviews) and child protection conference chair. */
export const DEMO_IRO = 501;
export const DEMO_CP_CHAIR = 502;
/** The demo quality assurance auditor (case-file audits of voice). */
export const DEMO_QA_AUDITOR = 601;

export const DEMO_TEAMS: Team[] = [
  { id: 'demo-north-assessment', name: 'Demo North Assessment and Child Protection Team', district: 'Demo North', managerId: demoId(11) },
  { id: 'demo-north-care', name: 'Demo North Children in Care Team', district: 'Demo North', managerId: demoId(12) },
  { id: 'demo-south-family', name: 'Demo South Family Support Team', district: 'Demo South', managerId: demoId(13) },
];

const upn = (first: string, last: string) => `${first}.${last}@demo-council.example`.toLowerCase();
const person = (n: number, title: string, first: string, last: string, roles: Role[], extra: Partial<Person> = {}): Person => ({
  id: demoId(n),
  upn: upn(first, last),
  displayName: `${first} ${last} (Demo ${title})`,
  roles,
  ...extra,
});

const WORKERS: [string, string][] = [
  ['Alex', 'Ash'], ['Bea', 'Birch'], ['Cal', 'Cedar'], ['Dee', 'Dogwood'],
  ['Eli', 'Elm'], ['Fay', 'Fir'], ['Gus', 'Gorse'], ['Hana', 'Hazel'],
  ['Ivo', 'Ivy'], ['Jo', 'Juniper'], ['Kit', 'Larch'], ['Lou', 'Maple'],
];

export const DEMO_PEOPLE: Person[] = [
  person(1, 'Senior Manager', 'Sam', 'Sycamore', ['senior_manager']),
  person(11, 'Manager', 'Morgan', 'Moss', ['manager'], { teamId: 'demo-north-assessment', lineManagerId: demoId(1) }),
  person(12, 'Manager', 'Nia', 'Nettle', ['manager'], { teamId: 'demo-north-care', lineManagerId: demoId(1) }),
  person(13, 'Manager', 'Oli', 'Oak', ['manager'], { teamId: 'demo-south-family', lineManagerId: demoId(1) }),
  ...WORKERS.map(([first, last], i) => {
    const team = DEMO_TEAMS[Math.floor(i / 4)]!;
    return person(101 + i, 'Worker', first, last, ['social_worker'], { teamId: team.id, lineManagerId: team.managerId });
  }),
  person(201, 'Participation Officer', 'Pat', 'Poplar', ['participation_officer'], { lineManagerId: demoId(1) }),
  person(202, 'Participation Officer', 'Quinn', 'Quince', ['participation_officer'], { lineManagerId: demoId(1) }),
  person(301, 'Board Member', 'Robin', 'Rowan', ['board_member']),
  person(401, 'Admin', 'Sky', 'Spruce', ['admin']),
  person(DEMO_IRO, 'IRO', 'Cy', 'Clover', ['iro']),
  person(DEMO_CP_CHAIR, 'Conference Chair', 'Ari', 'Aspen', ['cp_chair']),
  // Audits case files for the child's voice each month (docs/audits.md), with the managers of other teams.
  person(DEMO_QA_AUDITOR, 'QA Auditor', 'Tam', 'Tamarisk', ['qa_auditor']),
];

const demoPerson = (n: number): Person => DEMO_PEOPLE.find((p) => p.id === demoId(n))!;

/** A small deterministic generator, so every clone gets the same council. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STATUS_BY_TEAM: Record<string, LegalStatus[]> = {
  'demo-north-assessment': ['CP', 'CP', 'CIN', 'CP', 'CIN'],
  'demo-north-care': ['CLA', 'CLA', 'CLA', 'CARE_LEAVER', 'CLA'],
  'demo-south-family': ['CIN', 'CIN', 'CP', 'CIN', 'CLA'],
};
const MEETING_BY_STATUS: Record<LegalStatus, MeetingType[]> = {
  CP: ['ICPC', 'RCPC', 'RCPC'],
  CIN: ['CIN_REVIEW', 'CIN_REVIEW', 'FGC'],
  CLA: ['CLA_REVIEW'],
  CARE_LEAVER: ['PATHWAY_REVIEW'],
};
const CHAIRS = ['Demo Chair Ari Aspen', 'Demo Chair Bo Bramble', 'Demo IRO Cy Clover'];

export interface DemoCouncil {
  teams: Team[];
  people: Person[];
  children: Child[];
  meetings: Meeting[];
}

/** The whole council; meetings fall on working days in the six weeks after `now`. */
export function demoCouncil(now: Date = new Date()): DemoCouncil {
  const rnd = random(20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const workers = DEMO_PEOPLE.filter((p) => p.roles.includes('social_worker'));
  const year = new Date(now).getUTCFullYear();
  const children: Child[] = [];
  const meetings: Meeting[] = [];
  const today = londonDate(now);

  for (let i = 0; i < 60; i++) {
    const worker = workers[i % workers.length]!;
    const status = pick(STATUS_BY_TEAM[worker.teamId!]!);
    const age = status === 'CARE_LEAVER' ? 18 + Math.floor(rnd() * 4) : Math.floor(rnd() * 17);
    const birthMonth = `${year - age - 1}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`;
    const groups: Child['groups'] = [];
    if (age < 4) groups.push('very_young');
    if (status === 'CARE_LEAVER') groups.push('care_leaver');
    if (rnd() < 0.15) groups.push('disabled');
    if (status === 'CLA' && rnd() < 0.2) groups.push('placed_out_of_area');
    if (status === 'CLA' && age >= 14 && rnd() < 0.25) groups.push('uasc');
    const ref = `DEMO-${1001 + i}`;
    children.push({ ref, workerId: worker.id, teamId: worker.teamId!, birthMonth, legalStatus: status, groups, newToCare: status === 'CLA' && rnd() < 0.2 });

    // Each worker's first children have meetings in the next few working days, so nudges are due at once.
    const round = Math.floor(i / workers.length);
    const offset = round === 0 ? 2 + (i % 3) : 3 + Math.floor(rnd() * 21);
    const type = pick(MEETING_BY_STATUS[status]);
    const date = englandAndWales.addWorkingDays(today, offset);
    const chairName = pick(CHAIRS);
    // Reviews of children in care and care leavers are chaired by the IRO, conferences by the conference chair.
    const chair = type === 'CLA_REVIEW' || type === 'PATHWAY_REVIEW' ? demoPerson(DEMO_IRO) : type === 'ICPC' || type === 'RCPC' ? demoPerson(DEMO_CP_CHAIR) : undefined;
    meetings.push({
      id: `DEMO-M-${1001 + i}`,
      childRef: ref,
      type,
      start: londonInstant(date, pick(['10:00', '11:30', '14:00'])).toISOString(),
      chair: chair?.displayName ?? chairName,
      ...(chair ? { chairId: chair.id } : {}),
      status: 'scheduled',
      first: type === 'ICPC',
    });
  }
  meetings.push(...assessmentsAndCoreGroups(children, workers.slice(0, 4), today));
  return { teams: DEMO_TEAMS, people: DEMO_PEOPLE, children, meetings };
}

/**
 * A few assessments and core groups (docs/voice.md), nudged this morning: for each of the first workers, an
 * assessment due in 5 working days (referred 40 working days ago) for a child in need, an early help
 * assessment due in 15 for another child known to the service, and a core group in 2 for a child on a plan.
 */
function assessmentsAndCoreGroups(children: readonly Child[], workers: readonly Person[], today: string): Meeting[] {
  const out: Meeting[] = [];
  const on = (n: number) => englandAndWales.addWorkingDays(today, n);
  for (const w of workers) {
    const theirs = children.filter((c) => c.workerId === w.id).slice(1); // the first child already has a meeting soon
    const inNeed = theirs.filter((c) => c.legalStatus === 'CIN');
    const onPlan = theirs.find((c) => c.legalStatus === 'CP');
    const base = { status: 'scheduled' as const, first: false };
    if (inNeed[0]) {
      const referredOn = englandAndWales.addWorkingDays(today, -40);
      out.push({ ...base, id: `DEMO-A-${inNeed[0].ref.slice(5)}`, childRef: inNeed[0].ref, type: 'ASSESSMENT', referredOn, dueOn: on(5), start: londonInstant(on(5), '17:00').toISOString() });
    }
    if (inNeed[1]) {
      out.push({ ...base, id: `DEMO-EH-${inNeed[1].ref.slice(5)}`, childRef: inNeed[1].ref, type: 'EH_ASSESSMENT', dueOn: on(15), start: londonInstant(on(15), '17:00').toISOString() });
    }
    if (onPlan) {
      out.push({ ...base, id: `DEMO-CG-${onPlan.ref.slice(5)}`, childRef: onPlan.ref, type: 'CORE_GROUP', start: londonInstant(on(2), '13:30').toISOString() });
    }
  }
  return out;
}
