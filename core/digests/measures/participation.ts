import type { Activity, ActivityKind, ActivityStore, Recognition } from '../../activities';
import { ActivityKindSchema, RecognitionSchema } from '../../activities';
import { londonDate } from '../../calendar/working-days';
import type { Promise_ } from '../../model/promises';
import { latestAgainstPrevious, type SurveyComparison, type SurveyStore } from '../../surveys';
import { shiftDate } from '../period';

/** Surveys' aggregate results and group activities, for the board, the senior report and the CICC. */
export interface ParticipationFacts {
  surveys: Pick<SurveyStore, 'list'>;
  activities: Pick<ActivityStore, 'listBetween'>;
}

/** Group participation in a period: counts only (young people are counted each time they took part). */
export interface ActivitySummary {
  activities: number;
  youngPeople: number;
  /** Hours of young people's time: each activity's length times the young people there. */
  hours: number;
  byKind: { kind: ActivityKind; activities: number; youngPeople: number; hours: number; recognition: Recognition[] }[];
  /** Young people recognised, by how (one activity may give more than one kind). */
  recognised: { how: Recognition; youngPeople: number }[];
  promises: { id: string; title: string; count: number }[];
}

export interface ParticipationSummary {
  surveys: SurveyComparison[];
  activities: ActivitySummary;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function summariseActivities(list: readonly Activity[], promises: readonly Promise_[]): ActivitySummary {
  const byKind = ActivityKindSchema.options.map((kind) => {
    const of = list.filter((a) => a.kind === kind);
    return {
      kind,
      activities: of.length,
      youngPeople: of.reduce((n, a) => n + a.youngPeople, 0),
      hours: round1(of.reduce((n, a) => n + a.hours * a.youngPeople, 0)),
      recognition: RecognitionSchema.options.filter((r) => of.some((a) => a.recognition.includes(r))),
    };
  });
  return {
    activities: list.length,
    youngPeople: list.reduce((n, a) => n + a.youngPeople, 0),
    hours: round1(list.reduce((n, a) => n + a.hours * a.youngPeople, 0)),
    byKind,
    recognised: RecognitionSchema.options.map((how) => ({ how, youngPeople: list.filter((a) => a.recognition.includes(how)).reduce((n, a) => n + a.youngPeople, 0) })),
    promises: promises.map((p) => ({ id: p.id, title: p.title, count: list.filter((a) => a.promiseIds.includes(p.id)).length })),
  };
}

/**
 * The period's activities (the days from `since` to `until`, both included) and every survey's latest
 * results against its previous, among the surveys closed by `until`.
 */
export async function computeParticipation(facts: ParticipationFacts, o: { since: Date; until: Date; promises: readonly Promise_[] }): Promise<ParticipationSummary> {
  const to = londonDate(o.until);
  const [surveys, activities] = await Promise.all([facts.surveys.list(), facts.activities.listBetween(londonDate(o.since), shiftDate(to, 1))]);
  return { surveys: latestAgainstPrevious(surveys, to), activities: summariseActivities(activities, o.promises) };
}
