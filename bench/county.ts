// A large county, generated at run time (never committed as data): about 10,000 open cases, 3,000 staff,
// 150 teams and 25,000 meetings a year, with five years of history. On the real Table stores (Azurite):
// the nightly snapshot import of people, children and meetings (as the case system sends them, a file each),
// the morning nudge scan, every team's weekly digest, the Corporate Parenting Board briefing and the senior
// managers' monthly report. Each row: time, table storage operations and the peak memory of the process it runs in (bench/county-process.ts).
import { englandAndWales as cal, londonInstant } from '../core/calendar';
import { fixedClock } from '../core/clock';
import type { ForumOccurrence } from '../core/digests';
import { runImport, type ImportKind } from '../core/intake';
import type { Child, Meeting, MeetingType, OutgoingMessage, Person, Team } from '../core/model';
import { runNudgeScan } from '../core/voice';
import type { VoiceRecord } from '../core/voice';
import { runDigest } from '../functions/digest-run';
import { buildDigestServices } from '../functions/wiring/digests';
import { decodeBody } from '../functions/import-body';
import { buildServices } from '../functions/wiring/services';
import { serviceClient, tableClient } from '../adapters/tables/client';
import { TABLES } from '../adapters/tables/names';
import { markVoiceLayoutCurrent } from '../adapters/tables/voice-records';
import { uniquePrefix } from '../tests/support/azurite';
import { benchWorld, upsertChunks, uuid, type BenchWorld } from '../tests/support/bench-world';

// Monday 23 November 2026, 08:45 London: the scan's slot has passed and the weekly digest is due.
const NOW = '2026-11-23T08:45:00Z';
const TODAY = '2026-11-23';
const DAY = 86_400_000;
const TYPES: MeetingType[] = ['CLA_REVIEW', 'CLA_REVIEW', 'CLA_REVIEW', 'RCPC', 'CIN_REVIEW', 'CIN_REVIEW', 'PATHWAY_REVIEW', 'FGC', 'ICPC'];

export interface CountySize {
  cases: number;
  staff: number;
  teams: number;
  meetingsPerYear: number;
  years: number;
}
export const COUNTY: CountySize = { cases: 10_000, staff: 3_000, teams: 150, meetingsPerYear: 25_000, years: 5 };

export interface CountyRow {
  name: string;
  ms: number;
  /** Table requests (reads, query pages, writes, entity-group transactions); the audit trail's blob appends are not counted. */
  operations: number;
  /** The largest resident set of the county's process (bench/county-process.ts) while the row ran (Azurite runs in its own processes). */
  peakMiB: number;
  /** The county process's heap still in use once the row is done and collected (with --expose-gc). */
  liveAfterMiB?: number;
  detail: Record<string, unknown>;
}

export interface CountyResult {
  size: CountySize;
  onFile: { meetings: number; voiceRecords: number };
  seedS: number;
  /** Table requests the history took (transactions of up to 100 rows, and single writes). */
  seedOperations: number;
  rows: CountyRow[];
}

/**
 * Samples the resident set every 50 ms while `work` runs, from a collected heap where the bench may collect
 * (bench/run.mjs passes --expose-gc): the row's peak, not the garbage of the row before.
 */
async function measured<T>(counter: { total: number; reset(): void }, work: () => Promise<T>): Promise<{ value: T; ms: number; operations: number; peakMiB: number; liveAfterMiB?: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  counter.reset();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const t = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - t;
    peak = Math.max(peak, process.memoryUsage.rss());
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    // What the row left alive (the county's files and the stores), beside the peak of what it made on the way.
    return { value, ms, operations: counter.total, peakMiB: peak / 2 ** 20, ...(gc ? { liveAfterMiB: process.memoryUsage().heapUsed / 2 ** 20 } : {}) };
  } finally {
    clearInterval(timer);
  }
}

/** The county as the case system would export it. */
function generate(size: CountySize) {
  const teams: Team[] = Array.from({ length: size.teams }, (_, i) => ({ id: `team-${i}`, name: `Team ${i}`, district: ['North', 'South', 'East', 'West'][i % 4]!, managerId: uuid(i, 2) }));
  const managers: Person[] = teams.map((t, i) => ({ id: uuid(i, 2), upn: `m${i}@county.example`, displayName: `Manager ${i}`, roles: ['manager'], teamId: t.id }));
  const workers: Person[] = Array.from({ length: size.staff - size.teams }, (_, i) => {
    const team = i % size.teams;
    return { id: uuid(i, 1), upn: `w${i}@county.example`, displayName: `Worker ${i}`, roles: ['social_worker'], teamId: `team-${team}`, lineManagerId: uuid(team, 2) };
  });
  const children: Child[] = Array.from({ length: size.cases }, (_, i) => {
    const worker = workers[i % workers.length]!;
    return { ref: `C-${i}`, workerId: worker.id, teamId: worker.teamId!, birthMonth: `20${String(8 + (i % 10)).padStart(2, '0')}-0${1 + (i % 9)}`, legalStatus: i % 3 ? 'CLA' : 'CP', groups: [], newToCare: false };
  });
  // Meetings spread evenly over the working days from `years` back to six months ahead, 10:00 London.
  const from = Date.parse(`${TODAY}T12:00:00Z`) - size.years * 365.25 * DAY;
  const to = Date.parse(`${TODAY}T12:00:00Z`) + 182 * DAY;
  const total = Math.round(((to - from) / (365.25 * DAY)) * size.meetingsPerYear);
  const at10 = new Map<string, string>(); // about a hundred meetings a day: the zone worked out once a day
  const meetings: Meeting[] = Array.from({ length: total }, (_, i) => {
    const date = cal.onOrNextWorkingDay(new Date(from + ((to - from) * i) / total).toISOString().slice(0, 10));
    const start = at10.get(date) ?? at10.set(date, londonInstant(date, '10:00').toISOString()).get(date)!;
    return { id: `m-${i}`, childRef: children[(i * 7) % children.length]!.ref, type: TYPES[i % TYPES.length]!, start, status: 'scheduled', first: false };
  });
  return { teams, people: [...managers, ...workers], children, meetings };
}

const csvCell = (v: unknown): string => {
  const s = Array.isArray(v) ? v.join(';') : v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const toCsv = (columns: readonly string[], rows: readonly (readonly unknown[])[]): string => [columns.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n');

const files = {
  people: (people: readonly Person[]) => toCsv(['id', 'upn', 'display_name', 'roles', 'team_id', 'line_manager_id'], people.map((p) => [p.id, p.upn, p.displayName, p.roles, p.teamId, p.lineManagerId])),
  children: (children: readonly Child[]) => toCsv(['ref', 'worker_id', 'team_id', 'birth_month', 'legal_status', 'new_to_care'], children.map((c) => [c.ref, c.workerId, c.teamId, c.birthMonth, c.legalStatus, c.newToCare])),
  meetings: (meetings: readonly Meeting[]) => toCsv(['id', 'child_ref', 'type', 'start', 'status', 'first'], meetings.map((m) => [m.id, m.childRef, m.type, m.start, m.status, m.first])),
};

/** The nightly meetings file's window: a snapshot of a month back to six months ahead. */
const windowOf = (now: number) => ({ from: new Date(now - 31 * DAY).toISOString().slice(0, 10), to: new Date(now + 182 * DAY).toISOString().slice(0, 10) });

/**
 * Generates the county and writes its history straight into the stores (the years before the window), with a
 * voice record for three in four meetings of the last four months (what the digests read; older records are
 * never read by them). Written as a bulk load (the stores' putMany and saveMany: entity-group transactions,
 * nothing read first), a child's meetings together so each child's partition is one transaction. Returns what
 * the nightly files need; the history itself is let go, so the rows' memory is the app's, not the generator's.
 */
async function seedHistory(w: BenchWorld, s: { teams: { upsertMany(t: Team[]): Promise<void> } }, size: CountySize) {
  const county = generate(size);
  const now = Date.parse(NOW);
  const window = windowOf(now);
  const inWindow = (m: Meeting) => m.start.slice(0, 10) >= window.from;
  const t0 = performance.now();
  w.operations.reset();
  await s.teams.upsertMany(county.teams);
  const byChild = county.meetings.filter((m) => !inWindow(m)).sort((a, b) => a.childRef.localeCompare(b.childRef));
  await upsertChunks(byChild, (chunk) => w.stores.meetings.putMany(chunk), 40_000, 1);
  const recent = county.meetings.filter((m, i) => i % 4 !== 0 && Date.parse(m.start) < now && Date.parse(m.start) > now - 122 * DAY);
  const workerOf = new Map(county.children.map((c) => [c.ref, c.workerId]));
  const records: VoiceRecord[] = recent.map((m) => {
    const date = m.start.slice(0, 10);
    const gathered = cal.addWorkingDays(date, -3);
    return { meetingId: m.id, childRef: m.childRef, voiceBy: date, pnCode: 'PN1', methods: ['direct_work'], declined: false, gatheredOn: gathered, prepared: true, attendance: 'will_attend', sharedWith: ['iro'], recordedBy: workerOf.get(m.childRef)!, recordedAt: londonInstant(gathered, '15:00').toISOString() };
  });
  await w.stores.voiceTables.voice.saveMany(records);
  // History written in today's layout, as by a deployment that has run mornings since the layout last changed.
  await markVoiceLayoutCurrent(await tableClient(w.tables, TABLES.voice));
  return {
    teams: county.teams,
    people: county.people,
    children: county.children,
    current: county.meetings.filter(inWindow),
    window,
    onFile: { meetings: county.meetings.length, voiceRecords: records.length },
    seedS: (performance.now() - t0) / 1000,
    seedOperations: w.operations.total,
  };
}

export async function benchCounty(connectionString: string, size: CountySize = COUNTY): Promise<CountyResult> {
  const clock = fixedClock(NOW);
  const prefix = uniquePrefix();
  // One counter for every store the rows use: the scan's (benchWorld) and the digests' (buildServices).
  const w = benchWorld(connectionString, prefix, clock);
  const s = { ...buildServices(w.config, { operations: w.operations }), clock };
  const now = Date.parse(NOW);
  const { current, window, onFile, seedS, seedOperations, ...county } = await seedHistory(w, s, size);

  const rows: CountyRow[] = [];
  const importAll = async (night: string, sets: { people: Person[]; children: Child[]; meetings: Meeting[] }) => {
    const results: Record<string, unknown> = {};
    for (const kind of ['people', 'children', 'meetings'] as const satisfies readonly ImportKind[]) {
      const text = kind === 'people' ? files.people(sets.people) : kind === 'children' ? files.children(sets.children) : files.meetings(sets.meetings);
      const { rows: fileRows, columns } = decodeBody('csv', text);
      const r = await runImport(
        { id: `${night}-${kind}`, kind, mode: 'snapshot', ...(kind === 'meetings' ? { window } : {}), actorId: 'case-system-nightly', format: 'csv', rows: fileRows, columns },
        { ...s, now: () => clock.now() },
      );
      results[kind] = { status: r.status, rows: fileRows.length, ...Object.fromEntries(Object.entries(r).filter(([, v]) => typeof v === 'number')) };
    }
    return results;
  };

  // First night: everything new. Second night: the same county with 2% of cases moved to another worker,
  // 1% of meetings moved a week and 50 new children (as a nightly export looks).
  const first = await measured(w.operations, () => importAll('night-1', { people: county.people, children: county.children, meetings: current }));
  rows.push({ name: 'nightly import, first night (people, children, meetings into empty tables)', ms: first.ms, operations: first.operations, peakMiB: first.peakMiB, liveAfterMiB: first.liveAfterMiB, detail: first.value });
  const children2 = county.children.map((c, i) => (i % 50 === 0 ? { ...c, workerId: county.people[county.teams.length + ((i + 1) % (size.staff - size.teams))]!.id } : c));
  for (let i = 0; i < 50; i++) children2.push({ ...county.children[i]!, ref: `C-new-${i}` });
  const current2 = current.map((m, i) => (i % 100 === 0 && Date.parse(m.start) > now ? { ...m, start: new Date(Date.parse(m.start) + 7 * DAY).toISOString() } : m));
  const second = await measured(w.operations, () => importAll('night-2', { people: county.people, children: children2, meetings: current2 }));
  rows.push({ name: 'nightly import (people, children, meetings; a few hundred changes)', ms: second.ms, operations: second.operations, peakMiB: second.peakMiB, liveAfterMiB: second.liveAfterMiB, detail: second.value });

  const scan = await measured(w.operations, () => runNudgeScan(w.voice));
  rows.push({ name: 'morning nudge scan', ms: scan.ms, operations: scan.operations, peakMiB: scan.peakMiB, liveAfterMiB: scan.liveAfterMiB, detail: scan.value as Record<string, unknown> });

  // The digests on the real stores and rules; the outbox collects, and each audience has a channel.
  const sent: OutgoingMessage[] = [];
  const board: ForumOccurrence = { id: 'cpb:2026-11-30', forum: 'CPB', start: londonInstant('2026-11-30', '17:00').toISOString() };
  const lastBoard: ForumOccurrence = { id: 'cpb:2026-09-28', forum: 'CPB', start: londonInstant('2026-09-28', '17:00').toISOString() };
  const boards = [lastBoard, board];
  const d = {
    ...buildDigestServices(s),
    outbox: { enqueue: async (m: OutgoingMessage) => (sent.push(m), true) },
    channelFor: async () => '19:bench-channel@thread.tacv2',
    forums: {
      occurrencesBetween: async (forum: ForumOccurrence['forum'], from: Date, to: Date) => boards.filter((o) => o.forum === forum && new Date(o.start) >= from && new Date(o.start) < to),
      previous: async (forum: ForumOccurrence['forum'], before: Date) => boards.filter((o) => o.forum === forum && new Date(o.start) < before).at(-1),
    },
  };
  const digest = async (name: string, run: Parameters<typeof runDigest>[0]) => {
    sent.length = 0;
    const r = await measured(w.operations, () => runDigest(run, { force: true }, d));
    rows.push({ name, ms: r.ms, operations: r.operations, peakMiB: r.peakMiB, liveAfterMiB: r.liveAfterMiB, detail: { cards: sent.length, result: r.value } });
  };
  await digest(`weekly digests, every team (${size.teams})`, { digest: 'weekly' });
  await digest('CPB briefing (since the last board, with five years on file)', { digest: 'cpb', occurrenceId: board.id });
  await digest('senior managers report, October 2026 (five years on file)', { digest: 'senior', period: 'October 2026' });
  // Half a million rows held in Azurite's memory would slow the scenarios after this one: let them go.
  const service = serviceClient(w.tables);
  for await (const t of service.listTables()) if (t.name?.startsWith(prefix)) await service.deleteTable(t.name);
  return { size, onFile, seedS, seedOperations, rows };
}

