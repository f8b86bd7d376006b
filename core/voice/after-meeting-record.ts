import { z } from 'zod';
import type { IsoDate } from '../calendar/working-days';
import { MeetingFeedbackFieldsSchema, MeetingFeedbackFormSchema } from '../model/feedback';
import { isAssessment, type Meeting } from '../model/meeting';
import { validateFeedback } from './meeting-feedback';

export const ToldSchema = z.enum(['yes', 'planned', 'not_appropriate']);
export type Told = z.infer<typeof ToldSchema>;
export const toldLabel: Record<Told, string> = {
  yes: 'Yes, they have been told',
  planned: 'Not yet: it is planned for a date',
  not_appropriate: 'Not appropriate (say why)',
};

export const WHY_MAX = 300;

/** After the meeting: was the child told what was decided, in a way they understand (Norfolk: "we will explain why"). */
export const AfterMeetingRecordSchema = z.object({
  meetingId: z.string().min(1),
  childRef: z.string().min(1),
  told: ToldSchema,
  plannedFor: z.iso.date().optional(),
  whyNot: z.string().max(WHY_MAX).optional(),
  recordedBy: z.string().min(1),
  recordedAt: z.iso.datetime(),
  // Feedback after the meeting (core/model/feedback.ts): the child's form is asked for after every CP conference.
}).extend(MeetingFeedbackFieldsSchema.shape);
export type AfterMeetingRecord = z.infer<typeof AfterMeetingRecordSchema>;

export const AfterMeetingFormSchema = z.object({
  told: z.string().optional(),
  plannedFor: z.string().optional(),
  whyNot: z.string().optional(),
  ...MeetingFeedbackFormSchema.shape,
  /** Only where no chair has recorded it: how the child took part, saved as the chair's record with `pnBy: 'worker'`. */
  pnCode: z.string().optional(),
  attended: z.string().optional(),
});
export type AfterMeetingForm = z.infer<typeof AfterMeetingFormSchema>;
export type AfterMeetingErrors = Partial<Record<keyof AfterMeetingForm, string>>;

export const isCpConference = (m: Pick<Meeting, 'type'>): boolean => m.type === 'ICPC' || m.type === 'RCPC';

type Fields = Omit<AfterMeetingRecord, 'meetingId' | 'childRef' | 'recordedBy' | 'recordedAt' | 'childYouSaidId' | 'parentsYouSaidId'>;

/** Feedback is asked after a meeting; an assessment has none. */
export const asksFeedback = (m: Pick<Meeting, 'type'>): boolean => !isAssessment(m.type);

/** Checks the after-meeting form; each problem is named against its field. */
export function validateAfterMeeting(form: AfterMeetingForm, ctx: { meeting: Meeting; today: IsoDate }): { ok: true; value: Fields } | { ok: false; errors: AfterMeetingErrors } {
  const errors: AfterMeetingErrors = {};
  const told = ToldSchema.safeParse(form.told);
  if (!told.success) errors.told = 'Say whether the child has been told what was decided.';
  const plannedFor = (form.plannedFor ?? '').trim();
  if (told.success && told.data === 'planned') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(plannedFor)) errors.plannedFor = 'Give the date you plan to tell them.';
    else if (plannedFor < ctx.today) errors.plannedFor = 'That date has passed: if they have been told, choose "Yes".';
  }
  const whyNot = (form.whyNot ?? '').trim();
  if (told.success && told.data === 'not_appropriate' && !whyNot) errors.whyNot = 'Say briefly why it is not appropriate.';
  if (whyNot.length > WHY_MAX) errors.whyNot = `Keep this under ${WHY_MAX} characters.`;
  const feedback = asksFeedback(ctx.meeting) ? validateFeedback(form, { childOfferedRequired: isCpConference(ctx.meeting) }) : { value: {}, errors: {} };
  Object.assign(errors, feedback.errors);
  if (!told.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      told: told.data,
      ...(told.data === 'planned' ? { plannedFor } : {}),
      ...(told.data === 'not_appropriate' ? { whyNot } : {}),
      ...feedback.value,
    },
  };
}
