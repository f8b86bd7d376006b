import { londonDate } from '../calendar/working-days';
import type { HarderToHearGroup } from '../model/child';
import type { LundyElement, ParticipationMode, ParticipationScope } from '../model/participation';
import type { DatePeriod } from '../tracker/queries';
import type { Example } from './example';
import type { ExampleStore } from './ports';

export interface ExampleSummary {
  total: number;
  byPromise: Record<string, number>;
  byMode: Partial<Record<ParticipationMode, number>>;
  byLundy: Partial<Record<LundyElement, number>>;
  byTeam: Record<string, number>;
  byScope: Partial<Record<ParticipationScope, number>>;
  /** Aggregate flags only; the digest suppresses small numbers before anything reaches a channel. */
  byGroup: Partial<Record<HarderToHearGroup, number>>;
  shareable: number;
}

const bump = <K extends string>(rec: Partial<Record<K, number>>, key: K) => {
  rec[key] = (rec[key] ?? 0) + 1;
};

/** Counts for a period's examples (withdrawn ones left out). Pure. */
export function summariseExamples(examples: readonly Example[]): ExampleSummary {
  const s: ExampleSummary = { total: 0, byPromise: {}, byMode: {}, byLundy: {}, byTeam: {}, byScope: {}, byGroup: {}, shareable: 0 };
  for (const e of examples) {
    if (e.status === 'withdrawn') continue;
    s.total++;
    if (e.shareable) s.shareable++;
    e.promiseIds.forEach((p) => bump(s.byPromise, p));
    bump(s.byMode, e.mode);
    e.lundy.forEach((l) => bump(s.byLundy, l));
    bump(s.byTeam, e.teamId ?? 'no team');
    bump(s.byScope, e.scope);
    e.groups.forEach((g) => bump(s.byGroup, g));
  }
  return s;
}

/** Examples per promise, mode, Lundy element and team for any period: reads only the period's months. */
export async function examplesForPeriod(store: ExampleStore, period: DatePeriod): Promise<ExampleSummary> {
  return summariseExamples(await store.listRecordedBetween(period.from, period.to));
}

/** The digests' ExampleFact: `summary` is only ever shown when `shareable`. */
export function exampleFacts(store: ExampleStore) {
  return {
    async between(from: Date, to: Date) {
      const rows = await store.listRecordedBetween(londonDate(from), londonDate(to));
      return rows
        .filter((e) => e.status === 'active')
        .map((e) => ({
          id: e.id,
          recordedAt: e.recordedAt,
          promiseIds: e.promiseIds,
          mode: e.mode,
          teamId: e.teamId,
          shareable: e.shareable,
          summary: `${e.title}. You said: ${e.youSaid} We did: ${e.weDid ?? `planned: ${e.actionText ?? ''}`}`,
        }));
    },
  };
}
