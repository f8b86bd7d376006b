import type { HarderToHearGroup } from '../model/child';
import type {
  CohortFacts,
  ExampleFact,
  ExampleFacts,
  ForumCalendar,
  ForumOccurrence,
  MeetingVoiceFact,
  PromiseAudit,
  PromiseAuditStore,
  TrackerFacts,
  TrackerItemFact,
  VoiceFacts,
} from '../digests/ports';

/**
 * In-memory read models for tests, the bench and the local demo. Each keeps its rows sorted by date and
 * answers a period by binary search, as the Table stores answer by date partition: cost follows the period.
 */
class DateIndex<T> {
  private readonly rows: T[];
  private readonly keys: number[];
  constructor(rows: readonly T[], key: (t: T) => string | undefined) {
    const keyed = rows.filter((r) => key(r)).map((r) => [Date.parse(key(r) as string), r] as const);
    keyed.sort((a, b) => a[0] - b[0]);
    this.rows = keyed.map((k) => k[1]);
    this.keys = keyed.map((k) => k[0]);
  }
  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.keys[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  between(from: Date, to: Date): T[] {
    return this.rows.slice(this.lowerBound(from.getTime()), this.lowerBound(to.getTime()));
  }
  last(before: Date): T | undefined {
    const i = this.lowerBound(before.getTime());
    return i > 0 ? this.rows[i - 1] : undefined;
  }
}

export function inMemoryVoiceFacts(rows: readonly MeetingVoiceFact[]): VoiceFacts {
  const idx = new DateIndex(rows, (m) => m.start);
  return {
    forMeetingsBetween: async (from, to) => idx.between(from, to),
    childRefsBetween: async (from, to) => [...new Set(idx.between(from, to).map((m) => m.childRef))],
  };
}

export function inMemoryExampleFacts(rows: readonly ExampleFact[]): ExampleFacts {
  const idx = new DateIndex(rows, (e) => e.recordedAt);
  return { between: async (from, to) => idx.between(from, to) };
}

export function inMemoryTrackerFacts(rows: readonly TrackerItemFact[]): TrackerFacts {
  const raised = new DateIndex(rows, (t) => t.raisedAt);
  const closed = new DateIndex(rows, (t) => t.closedAt);
  const open = rows.filter((t) => t.status === 'open');
  return {
    raisedBetween: async (from, to) => raised.between(from, to),
    closedBetween: async (from, to) => closed.between(from, to),
    open: async () => open,
  };
}

export function inMemoryForumCalendar(rows: readonly ForumOccurrence[]): ForumCalendar {
  const byForum = (f: ForumOccurrence['forum']) => new DateIndex(rows.filter((o) => o.forum === f), (o) => o.start);
  const idx = { CICC: byForum('CICC'), CPB: byForum('CPB') };
  return {
    occurrencesBetween: async (forum, from, to) => idx[forum].between(from, to),
    previous: async (forum, before) => idx[forum].last(before),
  };
}

export function inMemoryAuditStore(initial: readonly PromiseAudit[] = []): PromiseAuditStore & { all: PromiseAudit[] } {
  const all = [...initial];
  return {
    all,
    // Like the Table store: every answer is kept, a second one adds (the board reads the latest).
    save: async (a) => void all.push(a),
    between: async (from, to) => all.filter((a) => Date.parse(a.at) >= from.getTime() && Date.parse(a.at) < to.getTime()),
  };
}

/** The cohort from a list of children (each with their harder-to-hear groups). */
export function inMemoryCohortFacts(children: readonly { groups: readonly HarderToHearGroup[] }[]): CohortFacts {
  const byGroup: Partial<Record<HarderToHearGroup, number>> = {};
  for (const c of children) for (const g of c.groups) byGroup[g] = (byGroup[g] ?? 0) + 1;
  return { groupCounts: async () => ({ total: children.length, byGroup }) };
}
