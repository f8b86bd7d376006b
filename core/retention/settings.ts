import { DateTime } from 'luxon';
import { z } from 'zod';
import { LONDON } from '../calendar/working-days';

/**
 * How long each kind of record is kept (docs/retention.md gives the reasoning for each default).
 * The bot holds metadata, not the case record, so it keeps things only as long as its own purposes need.
 */
export const RetentionSettingsSchema = z.object({
  /** Meetings, their voice records, after-meeting answers and nudge state: after the meeting. */
  meetingsMonths: z.number().int().min(3).max(120).default(24),
  /** Outbox rows: after sending (or failing). */
  outboxDays: z.number().int().min(7).max(365).default(30),
  /** Participation examples: after they were recorded. */
  examplesYears: z.number().int().min(1).max(15).default(6),
  /**
   * Withdrawn participation examples: after they were withdrawn. Much sooner than the others: a withdrawn
   * example has left every digest and serves no purpose; 30 days lets a mistaken withdrawal be noticed
   * and a complaint about it looked into while the text still exists.
   */
  withdrawnExamplesDays: z.number().int().min(7).max(365).default(30),
  /** "You said, we did" items: after they were closed. */
  trackerYears: z.number().int().min(1).max(15).default(6),
  /** What young people said at forums (counts and general terms): after the forum met. */
  forumOutcomesYears: z.number().int().min(1).max(15).default(6),
  /** The CICC's audits of the promises (verdicts, short comments): after they were recorded. As examples. */
  promiseAuditsYears: z.number().int().min(1).max(15).default(6),
  /**
   * Case-file audits of the child's voice (a case reference, who audited, four grades, a short comment that
   * passed the PII guard): after the month they were sampled for. Two years, so a year's audits can be set
   * against the year before, without keeping a child's case reference longer than the meetings are kept.
   */
  caseAuditsMonths: z.number().int().min(3).max(120).default(24),
  /**
   * Withdrawn "You said, we did" items: after they were withdrawn. As withdrawn examples: an item withdrawn
   * (raised in error, a duplicate, or with its example) has left every digest; the audit trail keeps that it
   * existed and why it was withdrawn.
   */
  withdrawnTrackerDays: z.number().int().min(7).max(365).default(30),
  /**
   * Children whose case has closed: after they were last in a children snapshot import. And never while a
   * meeting of theirs is still on file, so no voice evidence outlives the child it belongs to.
   */
  childrenMonths: z.number().int().min(3).max(120).default(24),
  /** Staff who have left (no longer in a people snapshot import), with their conversation and leave cover. */
  peopleDays: z.number().int().min(30).max(730).default(90),
  /** Teams no longer in a teams snapshot import, once no child or person refers to them. */
  teamsDays: z.number().int().min(30).max(730).default(90),
  /** Leave cover rows: after the leave ended. */
  coverDays: z.number().int().min(7).max(365).default(30),
  /**
   * Exit conversations (offered, held, the date; a child's case reference, never their words): after the
   * care episode or pathway support ended. As meetings' voice evidence, which they sit beside.
   */
  exitsMonths: z.number().int().min(3).max(120).default(24),
  /**
   * Surveys' aggregate results (after the survey closed) and group participation activities (counts and hours,
   * after they took place): no young person's answers or names. Kept for the reporting history the board and
   * senior managers compare against, as long as the "You said, we did" items they raise.
   */
  surveysActivitiesYears: z.number().int().min(1).max(15).default(6),
  /** Import results (counts, rejected rows by line, which may quote a value): after the import was submitted. */
  importJobsDays: z.number().int().min(7).max(365).default(90),
  /** The audit trail: after the entry was written. Longest of all, so it outlives what it describes. */
  auditYears: z.number().int().min(1).max(20).default(7),
});
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;
export type RetentionInput = z.input<typeof RetentionSettingsSchema>;

/** The kinds of record the purge handles, each with its own setting. */
// Children after meetings: a child goes only once their meetings have, which the same run may do first.
// People after children, and teams last of the three: a team goes only once no child or person refers to it.
export const RECORD_TYPES = [
  'meetings',
  'outbox',
  'examples',
  'withdrawnExamples',
  'tracker',
  'withdrawnTracker',
  'forumOutcomes',
  'promiseAudits',
  'caseAudits',
  'children',
  'people',
  'teams',
  'cover',
  'exits',
  'surveysActivities',
  'importJobs',
  'audit',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The first instant still kept, per record type: anything dated before it goes. */
export function cutoffs(settings: RetentionSettings, now: Date): Record<RecordType, Date> {
  // London midnight, so a record goes on a whole day and the same run twice a day deletes the same set.
  const today = DateTime.fromJSDate(now, { zone: LONDON }).startOf('day');
  const back = (d: object) => today.minus(d).toJSDate();
  return {
    meetings: back({ months: settings.meetingsMonths }),
    outbox: back({ days: settings.outboxDays }),
    examples: back({ years: settings.examplesYears }),
    withdrawnExamples: back({ days: settings.withdrawnExamplesDays }),
    tracker: back({ years: settings.trackerYears }),
    forumOutcomes: back({ years: settings.forumOutcomesYears }),
    promiseAudits: back({ years: settings.promiseAuditsYears }),
    caseAudits: back({ months: settings.caseAuditsMonths }),
    withdrawnTracker: back({ days: settings.withdrawnTrackerDays }),
    children: back({ months: settings.childrenMonths }),
    people: back({ days: settings.peopleDays }),
    teams: back({ days: settings.teamsDays }),
    cover: back({ days: settings.coverDays }),
    exits: back({ months: settings.exitsMonths }),
    surveysActivities: back({ years: settings.surveysActivitiesYears }),
    importJobs: back({ days: settings.importJobsDays }),
    audit: back({ years: settings.auditYears }),
  };
}
