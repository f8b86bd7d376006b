import { DateTime } from 'luxon';
import type { Activity, ActivityKind, Recognition } from '../../core/activities';
import { LONDON } from '../../core/calendar';
import type { Survey } from '../../core/surveys';
import { surveyId } from '../../core/surveys';

/** The demo council's Bright Spots survey, last year's and this year's (both closed before `now`), so the reports show a trend. */
export function demoSurveys(now: Date, importedById: string): Survey[] {
  const year = DateTime.fromJSDate(now, { zone: LONDON }).minus({ months: 1 }).year;
  const run = (y: number, rows: [string, string, number, number][]): Survey => {
    const meta = { name: 'Bright Spots', from: `${y}-09-01`, to: `${y}-10-31` };
    return { id: surveyId(meta), ...meta, importedAt: `${y}-11-05T10:00:00.000Z`, importedById, threshold: 60, results: rows.map(([question, group, answering, agreeing]) => ({ question, group, answering, agreeing })) };
  };
  return [
    run(year - 1, [
      ['I feel safe where I live', 'Children in care aged 11 to 17', 52, 79],
      ['I trust my social worker', 'Children in care aged 11 to 17', 52, 61],
      ['I feel settled where I live', 'Care leavers', 34, 50],
      ['I know who to ask for help with money', 'Care leavers', 34, 62],
      ['I have a good friend', 'Children in care aged 4 to 7', 6, 83],
    ]),
    run(year, [
      ['I feel safe where I live', 'Children in care aged 11 to 17', 58, 84],
      ['I trust my social worker', 'Children in care aged 11 to 17', 58, 66],
      ['I feel settled where I live', 'Care leavers', 41, 49],
      ['I know who to ask for help with money', 'Care leavers', 41, 71],
      ['I have a good friend', 'Children in care aged 4 to 7', 4, 75],
    ]),
  ];
}

/** A few group activities in the last two months (counts only). */
export function demoActivities(now: Date, loggedById: string): Activity[] {
  const today = DateTime.fromJSDate(now, { zone: LONDON }).startOf('day');
  const a = (id: string, kind: ActivityKind, daysAgo: number, youngPeople: number, hours: number, promiseIds: string[], recognition: Recognition[], service?: string): Activity => {
    const on = today.minus({ days: daysAgo });
    return { id: `demo-activity-${id}`, kind, on: on.toISODate()!, youngPeople, hours, promiseIds, recognition, ...(service ? { service } : {}), loggedById, loggedAt: on.set({ hour: 18 }).toUTC().toISO()! };
  };
  return [
    a('panel-1', 'interview_panel', 6, 5, 3, ['relationships'], ['voucher'], 'social worker recruitment'),
    a('panel-2', 'interview_panel', 27, 6, 3, ['relationships'], ['voucher', 'certificate']),
    a('training', 'training', 12, 4, 2, ['safe'], ['certificate'], 'foster carer training'),
    a('inspect', 'peer_inspection', 19, 7, 5, ['health'], ['accreditation'], 'health assessments'),
    a('commission', 'young_commissioners', 33, 8, 4, ['dreams', 'adult-life'], ['voucher'], 'leaving care service'),
    a('event', 'consultation_event', 45, 23, 2.5, ['adult-life'], []),
  ];
}
