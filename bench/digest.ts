// The weekly manager digest on the real Table stores (Azurite) with 3 months and with 5 years of history:
// it reads the week's day partitions, so its time should not follow the history.
import { englandAndWales as cal, londonInstant } from '../core/calendar';
import { fixedClock } from '../core/clock';
import type { Child, Meeting, MeetingType, OutgoingMessage, Person } from '../core/model';
import type { VoiceRecord } from '../core/voice';
import { buildStores } from '../adapters/tables';
import { StorageOperations } from '../adapters/tables/client';
import { ConfigSchema } from '../functions/config';
import { runDigest } from '../functions/digest-run';
import { buildDigestServices } from '../functions/wiring/digests';
import { buildServices } from '../functions/wiring/services';
import { uniquePrefix } from '../tests/support/azurite';
import { upsertChunks, uuid } from '../tests/support/bench-world';

const NOW = '2026-11-23T08:30:00Z'; // Monday 08:30 London: the weekly digest is due
const TYPES: MeetingType[] = ['CLA_REVIEW', 'CLA_REVIEW', 'RCPC', 'CIN_REVIEW', 'PATHWAY_REVIEW', 'FGC'];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface DigestResult {
  months: number;
  meetingsOnFile: number;
  seedS: number;
  medianMs: number;
  messages: number;
  meetingsInWindow: number;
  readsMs: Record<string, number>;
  /** Table requests of one run (every team's digest), and per digest sent. */
  operations: number;
  operationsPerDigest: number;
}

/** A council of 8 teams and 800 children, with `perMonth` meetings a month for `months` months (and the next 4 weeks). */
export async function benchDigest(connectionString: string, o: { months: number; perMonth: number; runs: number }): Promise<DigestResult> {
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: connectionString, TABLE_PREFIX: uniquePrefix() });
  // Every table request counted (operations per digest).
  const counter = new StorageOperations();
  const s = { ...buildServices(config, { operations: counter }), clock: fixedClock(NOW) };
  const t0 = performance.now();
  const teams = Array.from({ length: 8 }, (_, i) => ({ id: `team-${i}`, name: `Team ${i}`, district: i < 4 ? 'North' : 'South', managerId: uuid(i, 2) }));
  const people: Person[] = teams.flatMap((t, i) => [
    { id: uuid(i, 2), upn: `m${i}@bench.example`, displayName: `Manager ${i}`, roles: ['manager'], teamId: t.id },
    ...Array.from({ length: 10 }, (_, j): Person => ({ id: uuid(i * 10 + j, 1), upn: `w${i}-${j}@bench.example`, displayName: `Worker ${i}.${j}`, roles: ['social_worker'], teamId: t.id, lineManagerId: uuid(i, 2) })),
  ]);
  const children: Child[] = Array.from({ length: 800 }, (_, i) => ({
    ref: `D-${i}`, workerId: uuid((i % 8) * 10 + (i % 10), 1), teamId: `team-${i % 8}`, birthMonth: '2014-06', legalStatus: 'CLA', groups: [], newToCare: false,
  }));
  await s.teams.upsertMany(teams);
  await s.people.upsertMany(people);
  await s.children.upsertMany(children);
  const now = Date.parse(NOW);
  const from = now - o.months * 30.44 * 86_400_000;
  const to = now + 28 * 86_400_000;
  const total = Math.round(((to - from) / (30.44 * 86_400_000)) * o.perMonth);
  const meetings: Meeting[] = [];
  const records: VoiceRecord[] = [];
  for (let i = 0; i < total; i++) {
    const date = cal.onOrNextWorkingDay(new Date(from + ((to - from) * i) / total).toISOString().slice(0, 10));
    const start = londonInstant(date, '10:00').toISOString();
    const child = children[i % children.length]!;
    const m: Meeting = { id: `m-${i}`, childRef: child.ref, type: TYPES[i % TYPES.length]!, start, status: 'scheduled', first: false };
    meetings.push(m);
    if (Date.parse(start) < now && i % 4 !== 0) {
      const gathered = cal.addWorkingDays(date, -3);
      records.push({ meetingId: m.id, childRef: m.childRef, voiceBy: date, pnCode: 'PN1', methods: ['direct_work'], declined: false, gatheredOn: gathered, prepared: true, attendance: 'will_attend', sharedWith: ['iro'], recordedBy: child.workerId, recordedAt: londonInstant(gathered, '15:00').toISOString() });
    }
  }
  // New meetings and records, so a bulk load (putMany, saveMany: nothing on file to read first).
  const tables = buildStores({ connectionString, prefix: config.TABLE_PREFIX });
  await upsertChunks(meetings, (chunk) => tables.meetings.putMany(chunk), 25_000);
  await tables.voiceTables.voice.saveMany(records);
  const seedS = (performance.now() - t0) / 1000;

  const sent: OutgoingMessage[] = [];
  // The real stores and rules; the outbox collects (a real one would drop the repeats as duplicates).
  const d = { ...buildDigestServices(s), outbox: { enqueue: async (m: OutgoingMessage) => (sent.push(m), true) } };
  const times: number[] = [];
  let operations = 0;
  for (let i = 0; i < o.runs + 1; i++) {
    sent.length = 0;
    counter.reset();
    const t = performance.now();
    await runDigest({ digest: 'weekly' }, { force: true }, d);
    if (i > 0) times.push(performance.now() - t); // the first run warms the clients
    operations = counter.total;
  }
  // Where the time goes: each read the weekly digest's facts make, for the same 6 weeks.
  const windowFrom = new Date(Date.parse(NOW) - 28 * 86_400_000);
  const until = new Date(Date.parse(NOW) + 14 * 86_400_000);
  const time = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    return Math.round(performance.now() - t);
  };
  const inWindow = (await s.meetings.listStartingBetween(windowFrom, until)).map((m) => m.id);
  const readsMs = {
    meetingsInWindow: await time(() => s.meetings.listStartingBetween(windowFrom, until)),
    voiceRecords: await time(() => s.voice.voice.getMany(inWindow)),
    escalations: await time(() => s.voice.nudges.escalationsBetween('2026-08-01', '2026-11-23')),
    afterMeeting: await time(() => s.voice.after.getMany(inWindow)),
  };
  return { months: o.months, meetingsOnFile: meetings.length, meetingsInWindow: inWindow.length, seedS, medianMs: median(times), messages: sent.length, readsMs, operations, operationsPerDigest: sent.length ? operations / sent.length : 0 };
}
