// Shared test fixtures: a worker, their manager, an admin, a stranger, children and meetings by London time.
import { londonInstant } from '../calendar/working-days';
import type { Child } from '../model/child';
import type { Meeting, MeetingType } from '../model/meeting';
import type { Person } from '../model/person';

export const WORKER = '11111111-1111-4111-8111-111111111111';
export const WORKER2 = '22222222-2222-4222-8222-222222222222';
export const MANAGER = '33333333-3333-4333-8333-333333333333';
export const ADMIN = '44444444-4444-4444-8444-444444444444';
export const STRANGER = '55555555-5555-4555-8555-555555555555';
export const CHAIR = '66666666-6666-4666-8666-666666666666';

/** An independent reviewing officer, kept out of `people` so lists of colleagues stay as they were. */
export const chairPerson: Person = { id: CHAIR, upn: 'iris@council.example', displayName: 'Iris Reviewer', roles: ['iro'] };

export const people: Person[] = [
  { id: WORKER, upn: 'sam@council.example', displayName: 'Sam Worker', roles: ['social_worker'], teamId: 'north', lineManagerId: MANAGER },
  { id: WORKER2, upn: 'alex@council.example', displayName: 'Alex Worker', roles: ['social_worker'], teamId: 'north', lineManagerId: MANAGER },
  { id: MANAGER, upn: 'mo@council.example', displayName: 'Mo Manager', roles: ['manager'], teamId: 'north' },
  { id: ADMIN, upn: 'ada@council.example', displayName: 'Ada Admin', roles: ['admin'] },
  { id: STRANGER, upn: 'sol@council.example', displayName: 'Sol Other', roles: ['social_worker'], teamId: 'south' },
];

export const child = (ref: string, over: Partial<Child> = {}): Child => ({
  ref, workerId: WORKER, teamId: 'north', birthMonth: '2016-05', legalStatus: 'CP', groups: [], newToCare: false, ...over,
});

/** A meeting at a London wall-clock time. */
export const meeting = (id: string, type: MeetingType, date: string, over: Partial<Meeting> = {}): Meeting => ({
  id, childRef: `C-${id}`, type, start: londonInstant(date, '10:00').toISOString(), status: 'scheduled', first: false, ...over,
});
