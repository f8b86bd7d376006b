import { DateTime } from 'luxon';
import type { Activity, ActivityKind, Recognition } from '../../core/activities';
import { LONDON } from '../../core/calendar';
import type { Survey } from '../../core/surveys';
import type { Child } from '../../core/model';
import type { ExitRecord } from '../../core/exits';
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

/**
 * Exit conversations for the demo council: endings over the last two months, most answered (held, declined,
 * not offered), a few not yet, so the senior report shows numbers; `ask` is one that ended two days ago, still
 * to be asked of its worker (the import's path: a card in their 1:1 chat).
 */
export function demoExits(now: Date, children: readonly Child[]): { answered: ExitRecord[]; ask: Child[] } {
  const today = DateTime.fromJSDate(now, { zone: LONDON }).startOf('day');
  const leaving = children.filter((c) => c.legalStatus === 'CLA' || c.legalStatus === 'CARE_LEAVER');
  const first = leaving.at(-1);
  const others = leaving.slice(0, -1).slice(0, 14);
  const answers: Pick<ExitRecord, 'offered' | 'held'>[] = [
    { offered: true, held: 'yes' }, { offered: true, held: 'yes' }, { offered: true, held: 'declined' }, { offered: false, held: 'no' },
    { offered: true, held: 'yes' }, { offered: true, held: 'no' }, { offered: true, held: 'yes' },
  ];
  const answered = others.map((c, i): ExitRecord => {
    const ended = today.minus({ days: 8 + i * 3 });
    const kind = c.legalStatus === 'CARE_LEAVER' ? 'pathway' : 'care';
    const base: ExitRecord = { childRef: c.ref, kind, endedOn: ended.toISODate()!, workerId: c.workerId, teamId: c.teamId, askedAt: ended.plus({ days: 1, hours: 2 }).toUTC().toISO()!, itemIds: [] };
    if (i % 5 === 4) return base; // not answered yet
    const a = answers[i % answers.length]!;
    return { ...base, ...a, ...(a.held === 'yes' ? { heldOn: ended.minus({ days: 2 }).toISODate()! } : {}), answeredById: c.workerId, answeredAt: ended.plus({ days: 3, hours: 10 }).toUTC().toISO()! };
  });
  const ask = first ? [{ ...first, ...(first.legalStatus === 'CARE_LEAVER' ? { pathwayEnded: today.minus({ days: 2 }).toISODate()! } : { careEnded: today.minus({ days: 2 }).toISODate()! }) }] : [];
  return { answered, ask };
}
