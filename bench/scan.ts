// The morning nudge scan with 2,000 meetings due, out of 2,000 and out of 100,000 on file, on the real
// Table stores (Azurite): it reads one partition per coming day, so its time should not follow the file.
import { fixedClock } from '../core/clock';
import { runNudgeScan } from '../core/voice';
import { uniquePrefix } from '../tests/support/azurite';
import { benchWorld, seedVoice } from '../tests/support/bench-world';

// A working Monday, after the 08:30 London slot: the scan runs.
const clock = fixedClock('2026-11-23T08:45:00Z');

export interface ScanResult {
  onFile: number;
  due: number;
  seedS: number;
  scanMs: number;
  result: unknown;
  /** The Meetings read alone, timed again after the scan. */
  meetingsReadMs: number;
  meetingsRead: number;
  /** Storage requests the scan sent (reads, query pages, writes, batches), and the nudges it sent. */
  operations: number;
  nudges: number;
  operationsPerNudge: number;
  /** Where the scan's time went: each store or card builder it called, from its first call to its last answer. */
  phases: ScanPhase[];
}

export interface ScanPhase {
  /** `<dependency>.<method>`, e.g. `nudges.record` (the facts), `audit.appendMany`, `outbox.enqueueMany`. */
  call: string;
  calls: number;
  /** From the scan's start: the first call, and the last answer. */
  fromMs: number;
  toMs: number;
}

/**
 * The scan's dependencies, each call timed (a Proxy: the scan's code and the stores are unchanged). The
 * critical path reads as a timeline: the reads, the cards built, queued, audited, then the facts.
 */
function timed<T extends object>(deps: T, started: () => number): { deps: T; phases: () => ScanPhase[] } {
  const seen = new Map<string, ScanPhase>();
  const note = (call: string, from: number) => {
    const p = seen.get(call) ?? { call, calls: 0, fromMs: from, toMs: from };
    p.calls++;
    p.fromMs = Math.min(p.fromMs, from);
    p.toMs = Math.max(p.toMs, performance.now() - started());
    seen.set(call, p);
  };
  const wrap = (name: string, o: object) =>
    new Proxy(o, {
      get(target, prop, receiver) {
        const v: unknown = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          const from = performance.now() - started();
          const r: unknown = v.apply(target, args);
          if (r instanceof Promise) return r.finally(() => note(`${name}.${String(prop)}`, from));
          note(`${name}.${String(prop)}`, from);
          return r;
        };
      },
    });
  const skip = new Set(['clock', 'calendar', 'settings']);
  const out = Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v && typeof v === 'object' && !skip.has(k) ? wrap(k, v as object) : v]));
  return { deps: out as T, phases: () => [...seen.values()].sort((a, b) => a.fromMs - b.fromMs) };
}

export async function benchScan(connectionString: string, o: { due: number; onFile: number }): Promise<ScanResult> {
  const w = benchWorld(connectionString, uniquePrefix(), clock);
  const t0 = performance.now();
  await seedVoice(w, { due: o.due, other: o.onFile - o.due, today: '2026-11-23' });
  const seedS = (performance.now() - t0) / 1000;
  w.operations.reset();
  const started = performance.now();
  const { deps, phases } = timed(w.voice, () => started);
  const result = await runNudgeScan(deps);
  const scanMs = performance.now() - started;
  const operations = w.operations.total;
  const nudges = result.ran ? result.nudges : 0;
  // The scan's one read that touches the Meetings table: the next 20 working days, one partition a day.
  const t = performance.now();
  const read = await w.stores.meetings.listStartingBetween(new Date('2026-11-23T00:00:00Z'), new Date('2026-12-22T00:00:00Z'));
  return { onFile: o.onFile, due: o.due, seedS, scanMs, result, meetingsReadMs: performance.now() - t, meetingsRead: read.length, operations, nudges, operationsPerNudge: nudges ? operations / nudges : 0, phases: phases() };
}
