// A small world for the tracker's and examples' unit tests: people, a settable clock, in-memory stores.
import { englandAndWales } from '../calendar/working-days';
import type { Person } from '../model/person';
import { findPii } from '../pii/guard';
import type { TrackerDeps } from '../tracker/deps';
import { InMemoryAudit } from './audit';
import { InMemoryOutbox } from './outbox';
import { InMemoryTrackerStore } from './tracker';
import { InMemoryPeople } from './voice';

export const worker: Person = { id: '00000000-0000-4000-8000-000000000001', upn: 'w@x', displayName: 'Wendy Worker', roles: ['social_worker'], teamId: 'east', lineManagerId: '00000000-0000-4000-8000-000000000002' };
export const manager: Person = { id: '00000000-0000-4000-8000-000000000002', upn: 'm@x', displayName: 'Manny Manager', roles: ['manager'], teamId: 'east' };
export const officer: Person = { id: '00000000-0000-4000-8000-000000000003', upn: 'p@x', displayName: 'Pat Officer', roles: ['participation_officer'], teamId: 'participation' };
export const stranger: Person = { id: '00000000-0000-4000-8000-000000000004', upn: 's@x', displayName: 'Sam Stranger', roles: ['social_worker'], teamId: 'west' };
export const admin: Person = { id: '00000000-0000-4000-8000-000000000005', upn: 'a@x', displayName: 'Ada Admin', roles: ['admin'] };

export function trackerWorld(startIso = '2026-03-02T09:00:00Z') {
  let now = new Date(startIso);
  let n = 0;
  const items = new InMemoryTrackerStore();
  const audit = new InMemoryAudit();
  const people = new InMemoryPeople([worker, manager, officer, stranger, admin]);
  const outbox = new InMemoryOutbox();
  const clock = { now: () => now };
  const deps: TrackerDeps = { items, audit, people, clock, newId: () => `id${++n}`, pii: (t) => findPii(t) };
  return {
    deps,
    items,
    audit,
    people,
    outbox,
    clock,
    calendar: englandAndWales,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
  };
}
