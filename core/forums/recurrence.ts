import { RRule, type Options } from 'rrule';
import { z } from 'zod';
import { DomainError } from '../errors';
import { londonInstant, type IsoDate } from '../calendar/working-days';
import type { Forum } from './forum';

export const WeekdayCodeSchema = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
export type WeekdayCode = z.infer<typeof WeekdayCodeSchema>;
export const weekdayName: Record<WeekdayCode, string> = {
  MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday',
};

export const FrequencySchema = z.enum(['weekly', 'fortnightly', 'monthly', 'quarterly']);
export type Frequency = z.infer<typeof FrequencySchema>;
/** Which weekday of the month: 1 to 4, or -1 for the last. */
export const OrdinalSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]);
export type Ordinal = z.infer<typeof OrdinalSchema>;
export const ordinalName: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' };

/** The plain choices a card offers, e.g. "first Wednesday of every month". */
export const PlainRuleSchema = z.object({
  frequency: FrequencySchema,
  weekday: WeekdayCodeSchema,
  ordinal: OrdinalSchema.default(1),
});
export type PlainRule = z.input<typeof PlainRuleSchema>;

/** The RRULE body for a plain choice. */
export function ruleFromChoice(choice: PlainRule): string {
  const c = PlainRuleSchema.parse(choice);
  const ord = c.ordinal === -1 ? '-1' : String(c.ordinal);
  switch (c.frequency) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${c.weekday}`;
    case 'fortnightly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${c.weekday}`;
    case 'monthly':
      return `FREQ=MONTHLY;BYDAY=${ord}${c.weekday}`;
    case 'quarterly':
      return `FREQ=MONTHLY;INTERVAL=3;BYDAY=${ord}${c.weekday}`;
  }
}

/** The plain choice a rule came from, when it came from one (so the editor can show it again). */
export function choiceFromRule(rule: string): z.infer<typeof PlainRuleSchema> | undefined {
  const m = /^FREQ=(WEEKLY|MONTHLY)(?:;INTERVAL=(\d+))?;BYDAY=([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(normaliseRule(rule));
  if (!m) return undefined;
  const [, freq, interval = '1', ord, day] = m;
  const weekday = day as WeekdayCode;
  if (freq === 'WEEKLY' && !ord && (interval === '1' || interval === '2'))
    return { frequency: interval === '1' ? 'weekly' : 'fortnightly', weekday, ordinal: 1 };
  const ordinal = Number(ord ?? 'NaN');
  if (freq === 'MONTHLY' && [1, 2, 3, 4, -1].includes(ordinal) && (interval === '1' || interval === '3'))
    return { frequency: interval === '1' ? 'monthly' : 'quarterly', weekday, ordinal: ordinal as Ordinal };
  return undefined;
}

const normaliseRule = (rule: string): string => rule.trim().replace(/^RRULE:/i, '').replace(/\+(\d)/g, '$1').toUpperCase();

/** Parses and checks an RRULE body; DomainError('INVALID') with a plain reason otherwise. */
export function parseRule(rule: string): Partial<Options> {
  let opts: Partial<Options>;
  try {
    opts = RRule.parseString(normaliseRule(rule));
  } catch (err) {
    throw new DomainError('INVALID', `That repeat rule could not be read (${(err as Error).message}).`);
  }
  if (opts.freq === undefined || opts.freq === null) throw new DomainError('INVALID', 'The repeat rule needs FREQ.');
  if (![RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY].includes(opts.freq))
    throw new DomainError('INVALID', 'A forum can repeat daily at most.');
  if (opts.dtstart || opts.tzid) throw new DomainError('INVALID', 'Give the start date and time separately, not in the rule.');
  return opts;
}

// rrule works in floating time: a Date whose UTC fields are the London wall clock.
const floating = (date: IsoDate, time: string): Date => new Date(`${date}T${time}:00Z`);
const wallDate = (d: Date): IsoDate => d.toISOString().slice(0, 10);
const wallTime = (d: Date): string => d.toISOString().slice(11, 16);
const DAY = 86_400_000;

export type OccurrenceStatus = 'scheduled' | 'moved' | 'cancelled';

/** One meeting of a forum, after its override (if any) is applied. */
export interface Occurrence {
  forumId: string;
  /** The date the rule gave: the occurrence's stable key, whatever happens to it. */
  originalDate: IsoDate;
  date: IsoDate;
  time: string;
  /** The instant it starts (London wall clock converted, right across clock changes). */
  start: Date;
  status: OccurrenceStatus;
  place?: string;
  /** True when a move also changed the place. */
  placeChanged?: boolean;
}

function ruleOf(forum: Pick<Forum, 'rrule' | 'startDate' | 'time'>): RRule {
  return new RRule({ ...parseRule(forum.rrule), dtstart: floating(forum.startDate, forum.time) });
}

function apply(forum: Forum, original: Date): Occurrence {
  const originalDate = wallDate(original);
  const o = forum.overrides[originalDate];
  const base = { forumId: forum.id, originalDate, place: forum.place };
  if (o?.status === 'moved')
    return { ...base, date: o.date, time: o.time, start: londonInstant(o.date, o.time), status: 'moved', place: o.place ?? forum.place, placeChanged: !!o.place && o.place !== forum.place };
  const time = wallTime(original);
  return { ...base, date: originalDate, time, start: londonInstant(originalDate, time), status: o ? 'cancelled' : 'scheduled' };
}

/**
 * Occurrences starting in [from, to), moved ones at their new time; cancelled ones are included
 * (status 'cancelled') so a list can say so. Sorted by start.
 */
export function occurrencesBetween(forum: Forum, from: Date, to: Date): Occurrence[] {
  // A move can bring an occurrence from well outside the window into it: widen the rule's window.
  const moves = Object.values(forum.overrides).filter((o) => o.status === 'moved').length;
  const slack = moves ? 400 * DAY : 2 * DAY;
  const originals = ruleOf(forum).between(new Date(from.getTime() - slack), new Date(to.getTime() + slack), true);
  return originals
    .map((d) => apply(forum, d))
    .filter((o) => o.start >= from && o.start < to)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The next `count` occurrences starting at or after `from` (cancelled included unless `skipCancelled`). */
export function nextOccurrences(forum: Forum, from: Date, count: number, opts: { skipCancelled?: boolean } = {}): Occurrence[] {
  let found: Occurrence[] = [];
  for (const span of [120, 400, 1200]) {
    found = occurrencesBetween(forum, from, new Date(from.getTime() + span * DAY)).filter(
      (o) => !opts.skipCancelled || o.status !== 'cancelled',
    );
    if (found.length >= count) break;
  }
  return found.slice(0, count);
}

/** The latest `count` occurrences that started before `before`, most recent first. */
export function previousOccurrences(forum: Forum, before: Date, count: number, opts: { skipCancelled?: boolean } = {}): Occurrence[] {
  const found = occurrencesBetween(forum, new Date(before.getTime() - 3 * 365 * DAY), before).filter(
    (o) => !opts.skipCancelled || o.status !== 'cancelled',
  );
  return found.reverse().slice(0, count);
}

/** The occurrence whose original date is `originalDate`, if the rule produces one on that date. */
export function occurrenceOn(forum: Forum, originalDate: IsoDate): Occurrence | undefined {
  const day = floating(originalDate, '00:00');
  const hit = ruleOf(forum).between(day, new Date(day.getTime() + DAY - 1), true)[0];
  return hit ? apply(forum, hit) : undefined;
}

/** The rule in plain English, e.g. "first Wednesday of every month at 5pm". */
export function describeRule(forum: Pick<Forum, 'rrule' | 'startDate' | 'time'>): string {
  const c = choiceFromRule(forum.rrule);
  const at = `at ${timeInWords(forum.time)}`;
  if (!c) return `${ruleOf(forum).toText()} ${at}`;
  const day = weekdayName[c.weekday];
  const ord = ordinalName[String(c.ordinal)];
  switch (c.frequency) {
    case 'weekly':
      return `every ${day} ${at}`;
    case 'fortnightly':
      return `every other ${day} ${at}`;
    case 'monthly':
      return `${ord} ${day} of every month ${at}`;
    case 'quarterly':
      return `${ord} ${day} of every third month ${at}`;
  }
}

/** "5pm", "5:30pm", "12 noon". */
export function timeInWords(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  if (h === 12 && m === 0) return '12 noon';
  if (h === 0 && m === 0) return 'midnight';
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return `${hour12}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`;
}

/** "Wednesday 2 December 2026". */
export function dateInWords(date: IsoDate): string {
  const d = new Date(`${date}T12:00:00Z`);
  const weekday = d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const rest = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${weekday} ${rest}`;
}

/** "Wednesday 2 December 2026 at 5pm". */
export const occurrenceInWords = (o: Pick<Occurrence, 'date' | 'time'>): string => `${dateInWords(o.date)} at ${timeInWords(o.time)}`;
