import { defaultPromises } from '../core/model';
import { demoCouncil } from '../scripts/demo/digest-council';
import { inMemoryExampleFacts, inMemoryTrackerFacts, inMemoryVoiceFacts } from '../core/testing';
import type { ExampleFacts, TrackerFacts, VoiceFacts } from '../core/digests';
import { computeWeeklyDigests, type WeeklyFacts } from '../core/digests';

/** Counts the rows each port hands the digest: what "reads the period, not the history" means in numbers. */
export function countingFacts(f: WeeklyFacts): { facts: WeeklyFacts; rows: () => number } {
  let rows = 0;
  const count = <T>(xs: T[]): T[] => ((rows += xs.length), xs);
  const voice: VoiceFacts = { forMeetingsBetween: async (a, b) => count(await f.voice.forMeetingsBetween(a, b)), childRefsBetween: async (a, b) => count(await f.voice.childRefsBetween(a, b)) };
  const examples: ExampleFacts = { between: async (a, b) => count(await f.examples.between(a, b)) };
  const tracker: TrackerFacts = {
    raisedBetween: async (a, b) => count(await f.tracker.raisedBetween(a, b)),
    closedBetween: async (a, b) => count(await f.tracker.closedBetween(a, b)),
    open: async () => count(await f.tracker.open()),
  };
  return { facts: { voice, examples, tracker }, rows: () => rows };
}

export interface WeeklyBenchResult {
  months: number;
  historyRows: number;
  rowsRead: number;
  medianMs: number;
}

const NOW = new Date('2026-11-23T08:00:00Z');

type Demo = ReturnType<typeof demoCouncil>;

/** The same council with only its last `months` of history (open items are a working set: kept). */
function lastMonths(demo: Demo, months: number): Demo {
  const from = new Date(NOW);
  from.setUTCMonth(from.getUTCMonth() - months);
  const keep = (iso: string) => Date.parse(iso) >= from.getTime();
  return {
    ...demo,
    meetings: demo.meetings.filter((m) => keep(m.start)),
    examples: demo.examples.filter((e) => keep(e.recordedAt)),
    tracker: demo.tracker.filter((t) => keep(t.raisedAt) || t.status === 'open'),
  };
}

async function timeWeekly(demo: Demo, months: number, runs: number): Promise<WeeklyBenchResult> {
  const base = { voice: inMemoryVoiceFacts(demo.meetings), examples: inMemoryExampleFacts(demo.examples), tracker: inMemoryTrackerFacts(demo.tracker) };
  const { facts, rows } = countingFacts(base);
  const teamIds = demo.teams.map((t) => t.id);
  const opts = { weekStart: '2026-11-23', now: NOW, teamIds, promises: defaultPromises };
  await computeWeeklyDigests(facts, opts); // warm up, and count one run's reads
  const rowsRead = rows();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await computeWeeklyDigests(base, opts);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { months, historyRows: demo.meetings.length + demo.examples.length + demo.tracker.length, rowsRead, medianMs: times[Math.floor(times.length / 2)] as number };
}

/**
 * The weekly digest with three months of history and with five years: same rows read, near-equal time.
 * `npm run bench` prints it (bench/run.ts calls this).
 */
export async function benchWeeklyDigest(runs = 200): Promise<{ short: WeeklyBenchResult; long: WeeklyBenchResult; ratio: number }> {
  const full = demoCouncil({ now: NOW, historyMonths: 60 });
  const short = await timeWeekly(lastMonths(full, 3), 3, runs);
  const long = await timeWeekly(full, 60, runs);
  return { short, long, ratio: long.medianMs / short.medianMs };
}

export const formatWeeklyBench = (r: Awaited<ReturnType<typeof benchWeeklyDigest>>): string =>
  [
    'weekly manager digest: history size vs time',
    ...[r.short, r.long].map((x) => `  ${String(x.months).padStart(2)} months of history: ${x.historyRows} rows stored, ${x.rowsRead} read, median ${x.medianMs.toFixed(2)} ms`),
    `  history ratio (5 years / 3 months): ${r.ratio.toFixed(2)}x (target: at most 1.2x)`,
  ].join('\n');
