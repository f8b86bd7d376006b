// A council on real Table stores for the bench and the resilience suite: workers with a manager, children
// and meetings due soon (relative to a given day), optionally many more meetings outside the scan window.
import { createTableStores, type TablesConfig } from '../../adapters/tables';
import { StorageOperations, tableClient } from '../../adapters/tables/client';
import { TABLES } from '../../adapters/tables/names';
import { markVoiceLayoutCurrent } from '../../adapters/tables/voice-records';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { englandAndWales as cal, londonDate, londonInstant } from '../../core/calendar';
import { systemClock, type Clock } from '../../core/clock';
import type { Child, Meeting, MeetingType, Person } from '../../core/model';
import { ConfigSchema } from '../../functions/config';
import { buildVoiceServices } from '../../functions/wiring/voice';

/** A GUID per (kind, n): kind 1 workers, 2 managers, 3 strangers. */
export const uuid = (n: number, kind: number): string =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function benchWorld(connectionString: string, prefix: string, clock: Clock = systemClock) {
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: connectionString, TABLE_PREFIX: prefix });
  // Every request these stores send is counted (the bench prints operations per nudge).
  const operations = new StorageOperations();
  const tables: TablesConfig = { connectionString, prefix, operations };
  const stores = createTableStores(tables);
  const outbox = new TableOutboxStore(tables, clock);
  const conversations = new TableConversationStore(tables);
  const voice = buildVoiceServices({ config, ...stores, clock, calendar: cal, outbox });
  return { config, tables, stores, outbox, conversations, voice, clock, operations };
}
export type BenchWorld = ReturnType<typeof benchWorld>;

export const MANAGER_ID = uuid(0, 2);

/**
 * `due` meetings with a nudge due today (`workers` workers, one child per meeting), plus `other` meetings
 * outside the scan's window (past and far future, spread over about two years).
 */
export async function seedVoice(w: BenchWorld, o: { due: number; other?: number; workers?: number; today?: string }) {
  const today = o.today ?? londonDate(w.clock.now());
  const manager: Person = { id: MANAGER_ID, upn: 'mgr@bench.example', displayName: 'Manager', roles: ['manager'], teamId: 't' };
  const workers: Person[] = Array.from({ length: o.workers ?? 200 }, (_, i) => ({
    id: uuid(i + 1, 1), upn: `w${i}@bench.example`, displayName: `Worker ${i}`, roles: ['social_worker'], teamId: 't', lineManagerId: manager.id,
  }));
  await w.stores.teams.upsertMany([{ id: 't', name: 'Bench team', district: 'North', managerId: manager.id }]);
  await w.stores.people.upsertMany([manager, ...workers]);
  const children: Child[] = [];
  const meetings: Meeting[] = [];
  const at = (date: string): string => londonInstant(date, '10:00').toISOString();
  for (let i = 0; i < o.due; i++) {
    const ref = `B-${i}`;
    children.push({ ref, workerId: workers[i % workers.length]!.id, teamId: 't', birthMonth: '2015-03', legalStatus: 'CLA', groups: [], newToCare: false });
    const type: MeetingType = i % 2 ? 'CLA_REVIEW' : 'FGC';
    meetings.push({ id: `due-${i}`, childRef: ref, type, start: at(cal.addWorkingDays(today, type === 'FGC' ? 5 : 10)), status: 'scheduled', first: false });
  }
  for (let i = 0; i < (o.other ?? 0); i++) {
    const offset = i % 2 ? -(30 + (i % 600)) : 60 + (i % 600);
    const date = new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    meetings.push({ id: `other-${i}`, childRef: `B-${i % Math.max(1, o.due)}`, type: 'CLA_REVIEW', start: at(date), status: 'scheduled', first: false });
  }
  await w.stores.children.upsertMany(children);
  // A council on today's code: its Voice table's layout is current (no older rows for a first morning to copy).
  await markVoiceLayoutCurrent(await tableClient(w.tables, TABLES.voice));
  // New meetings, so a bulk load (nothing on file to read first: the meeting store reads records by point).
  await upsertChunks(meetings, (chunk) => w.stores.meetings.putMany(chunk), 25_000);
  return { manager, workers, children, meetings, today };
}

/** Writes in chunks (default 2,000), four chunks at a time (each chunk is the store's own batched upsert). */
export async function upsertChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>, size = 2000, parallel = 4): Promise<void> {
  const chunks = Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let c = chunks.shift(); c; c = chunks.shift()) await write(c);
  }));
}

/** A complete, valid record-voice submission for a meeting (gathered a few days before `today`). */
export const recordData = (meetingId: string, today: string): Record<string, string> => ({
  meetingId,
  digest: meetingId,
  gatheredBy: 'worker',
  methods: 'direct_work',
  declined: 'false',
  gatheredOn: cal.addWorkingDays(today, -2),
  prepared: 'yes',
  attendance: 'will_not_attend',
  sharedWith: 'chair',
});
