import { z } from 'zod';
import { HarderToHearGroupSchema } from '../model/child';
import { LondonDateSchema } from './forum';

export const AgeBandSchema = z.enum(['under_11', '11_to_15', '16_to_17', '18_plus']);
export type AgeBand = z.infer<typeof AgeBandSchema>;
export const ageBandLabel: Record<AgeBand, string> = {
  under_11: 'Under 11',
  '11_to_15': '11 to 15',
  '16_to_17': '16 to 17',
  '18_plus': '18 and over',
};

const count = z.number({ error: 'Give a whole number, 0 or more.' }).int('Give a whole number, 0 or more.').min(0, 'Give a whole number, 0 or more.').max(10_000);

/** Who came, as aggregate counts only: never names. */
export const AttendanceSchema = z
  .object({
    total: count,
    byAgeBand: z.partialRecord(AgeBandSchema, count).default({}),
    harderToHear: z.partialRecord(HarderToHearGroupSchema, count).default({}),
  })
  .superRefine((a, ctx) => {
    const banded = Object.values(a.byAgeBand).reduce<number>((s, n) => s + (n ?? 0), 0);
    if (banded > a.total) ctx.addIssue({ code: 'custom', path: ['byAgeBand'], message: 'The age bands add up to more than the total.' });
    for (const [g, n] of Object.entries(a.harderToHear))
      if ((n ?? 0) > a.total) ctx.addIssue({ code: 'custom', path: ['harderToHear', g], message: 'More than the total who came.' });
  });
export type Attendance = z.infer<typeof AttendanceSchema>;

const pointText = z.string().trim().min(3, 'Write a few words about what was said.').max(500);

/** One thing young people said: an action asked for (a "You said" item), or a note that none was. */
export const OutcomePointSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('action'), text: pointText, ownerId: z.string().min(1, 'Choose who will act on it.'), dueDate: z.iso.date({ error: 'Choose a due date.' }), trackerItemId: z.string().optional() }),
  z.object({ kind: z.literal('no_action'), text: pointText, note: z.string().trim().max(300).optional() }),
]);
export type OutcomePoint = z.infer<typeof OutcomePointSchema>;

/** What one occurrence of a forum heard, recorded by a facilitator after it. */
export const ForumOutcomeSchema = z.object({
  forumId: z.string().min(1),
  originalDate: LondonDateSchema,
  attendance: AttendanceSchema,
  points: z.array(OutcomePointSchema).max(20),
  recordedBy: z.string().min(1),
  recordedAt: z.iso.datetime(),
});
export type ForumOutcome = z.infer<typeof ForumOutcomeSchema>;
