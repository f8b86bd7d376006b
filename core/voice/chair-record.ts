import { z } from 'zod';
import { londonDate, type IsoDate, type WorkingCalendar } from '../calendar/working-days';
import { ageRange, type Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import type { FieldErrors } from '../errors';
import { PnCodeSchema } from '../model/participation';
import { MeetingFeedbackFieldsSchema, MeetingFeedbackFormSchema } from '../model/feedback';
import { findPii } from '../pii';
import { piiWords, validateFeedback } from './meeting-feedback';
import { formatDay } from './nudge-view';

export const MetHowSchema = z.enum(['face_to_face', 'video', 'phone', 'other']);
export type MetHow = z.infer<typeof MetHowSchema>;
export const metHowLabel: Record<MetHow, string> = { face_to_face: 'Face to face', video: 'Video call', phone: 'Phone', other: 'Another way' };

/** Whether the child knows they can have an advocate: the IRO checks it at each review (IRO Handbook). */
export const ChairAdvocacySchema = z.enum(['has_advocate', 'told', 'not_told']);
export type ChairAdvocacy = z.infer<typeof ChairAdvocacySchema>;
export const chairAdvocacyLabel: Record<ChairAdvocacy, string> = {
  has_advocate: 'Yes: they have an advocate',
  told: 'Yes: I made sure they know they can have one',
  not_told: 'No',
};

export const HOW_CHANGED_MAX = 300;

/**
 * What the chair (IRO or conference chair) records after the meeting: how the child took part (the
 * SSDA903 code, known only on or after the day), whether they met the child beforehand (reg 36), and
 * whether the child's views changed the plan, in general terms. Where no chair uses the bot, the worker
 * records the code (`pnBy: 'worker'`).
 */
export const ChairRecordSchema = z.object({
  meetingId: z.string().min(1),
  childRef: z.string().min(1),
  pnCode: PnCodeSchema,
  pnBy: z.enum(['chair', 'worker']),
  attended: z.boolean(),
  metBefore: z.boolean().optional(),
  metOn: z.iso.date().optional(),
  metHow: MetHowSchema.optional(),
  /** Reg 36: the IRO speaks to the child in private. Absent on records made before it was asked. */
  metAlone: z.boolean().optional(),
  /** Absent on records made before it was asked, and on the worker's stand-in code. */
  advocacy: ChairAdvocacySchema.optional(),
  viewsChangedPlan: z.boolean().optional(),
  howChanged: z.string().max(HOW_CHANGED_MAX).optional(),
  recordedBy: z.string().min(1),
  recordedAt: z.iso.datetime(),
  // Feedback after the meeting (core/model/feedback.ts), asked of the chair too: optional on their card.
}).extend(MeetingFeedbackFieldsSchema.shape);
export type ChairRecord = z.infer<typeof ChairRecordSchema>;

/** What the chair's card submits: strings as Teams sends them. */
export const ChairFormSchema = z.object({
  pnCode: z.string().optional(),
  attended: z.string().optional(),
  metBefore: z.string().optional(),
  metOn: z.string().optional(),
  metHow: z.string().optional(),
  metAlone: z.string().optional(),
  advocacy: z.string().optional(),
  viewsChangedPlan: z.string().optional(),
  howChanged: z.string().optional(),
  ...MeetingFeedbackFormSchema.shape,
});
export type ChairForm = z.infer<typeof ChairFormSchema>;
export type ChairErrors = FieldErrors<keyof ChairForm>;

type Fields = Omit<ChairRecord, 'meetingId' | 'childRef' | 'pnBy' | 'recordedBy' | 'recordedAt' | 'childYouSaidId' | 'parentsYouSaidId'>;

/** How long after the meeting its code may be recorded or corrected: the IRO Handbook's 20 working days for the review's record. */
export const CHAIR_RECORD_WORKING_DAYS = 20;

/**
 * Why how the child took part can no longer be recorded here (by the chair, or the worker standing in):
 * the meeting was cancelled, or its record's time has passed. Undefined while it can.
 */
export function chairRecordClosed(meeting: Pick<Meeting, 'start' | 'status' | 'childRef'>, today: IsoDate, calendar: WorkingCalendar): { reason: 'cancelled' | 'too late'; words: string } | undefined {
  if (meeting.status === 'cancelled') return { reason: 'cancelled', words: `The case system says this meeting (${meeting.childRef}) was cancelled: there is nothing to record for it.` };
  const meetingDay = londonDate(new Date(meeting.start));
  if (calendar.workingDaysBetween(meetingDay, today) <= CHAIR_RECORD_WORKING_DAYS) return undefined;
  return {
    reason: 'too late',
    words: `This meeting (${meeting.childRef}, ${formatDay(meetingDay)}) was more than ${CHAIR_RECORD_WORKING_DAYS} working days ago, when its record was due: how the child took part can no longer be recorded or changed here. Record or correct it in the case system.`,
  };
}

/** Said to a chair the meeting moved to, of the first chair's record (the card, and a refusal to save over it). */
export const otherChairsRecordWords = (name: string): string => `${name} chaired this meeting and recorded how the child took part: only they can change it.`;

const yesNo = (v: string | undefined): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);
const ATTENDS = ['PN1', 'PN2', 'PN3', 'PN4'];

/**
 * Checks the chair's form against the meeting and the child: a code only on or after the meeting day,
 * PN1-PN4 only for a child who attended and PN5-PN7 for one who did not, PN0 only for a child who may be
 * under 4 on the day; the reg 36 date, way and whether in private when they met; whether the child knows they
 * can have an advocate; how the plan changed, in general terms.
 * The worker's after-meeting card asks only the code and attendance (`chairQuestions: false`).
 */
export function validateChairForm(
  form: ChairForm,
  ctx: { meeting: Meeting; child: Child; today: IsoDate; chairQuestions?: boolean },
): { ok: true; value: Fields } | { ok: false; errors: ChairErrors } {
  const errors: ChairErrors = {};
  const meetingDay = londonDate(new Date(ctx.meeting.start));
  const pn = PnCodeSchema.safeParse(form.pnCode);
  const attended = yesNo(form.attended);
  if (attended === undefined) errors.attended = 'Say whether the child attended the meeting.';
  if (!pn.success) errors.pnCode = 'Choose how the child took part (PN0-PN7).';
  else if (ctx.today < meetingDay) errors.pnCode = `How the child took part is known only on or after the meeting day (${formatDay(meetingDay)}).`;
  else if (pn.data === 'PN0' && ageRange(ctx.child.birthMonth, new Date(ctx.meeting.start)).min >= 4) errors.pnCode = 'PN0 is only for a child under 4 on the day of the meeting.';
  else if (ATTENDS.includes(pn.data) && attended === false) errors.pnCode = `${pn.data} means the child attended, but you said they did not: change one of the two.`;
  else if (!ATTENDS.includes(pn.data) && pn.data !== 'PN0' && attended === true) errors.pnCode = `${pn.data} means the child did not attend, but you said they did: change one of the two.`;

  const chairQuestions = ctx.chairQuestions ?? true;
  const metBefore = yesNo(form.metBefore);
  const metOn = (form.metOn ?? '').trim();
  const metHow = MetHowSchema.safeParse(form.metHow);
  const metAlone = yesNo(form.metAlone);
  const advocacy = ChairAdvocacySchema.safeParse(form.advocacy);
  const changed = yesNo(form.viewsChangedPlan);
  const howChanged = (form.howChanged ?? '').trim();
  if (chairQuestions) {
    if (metBefore === undefined) errors.metBefore = 'Say whether you met the child before the meeting.';
    if (metBefore) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(metOn)) errors.metOn = 'Give the date you met the child.';
      else if (metOn > meetingDay) errors.metOn = 'That date is after the meeting: give the date you met them before it.';
      if (!metHow.success) errors.metHow = 'Say how you met them: face to face, video, phone or another way.';
      if (metAlone === undefined) errors.metAlone = 'Say whether you spoke with them on their own.';
    }
    if (!advocacy.success) errors.advocacy = 'Say whether the child knows they can have an advocate.';
    if (changed === undefined) errors.viewsChangedPlan = "Say whether the child's views changed the plan.";
    if (changed && !howChanged) errors.howChanged = 'Say in general terms how the plan changed.';
    else if (howChanged.length > HOW_CHANGED_MAX) errors.howChanged = `Keep this under ${HOW_CHANGED_MAX} characters.`;
    else if (howChanged) {
      const found = findPii(howChanged);
      if (found.length > 0) errors.howChanged = `This looks like it identifies someone (${piiWords(found)}): say how the plan changed in general terms, without names, places or dates of birth.`;
    }
  }
  const feedback = chairQuestions ? validateFeedback(form, { childOfferedRequired: false }) : { value: {}, errors: {} };
  Object.assign(errors, feedback.errors);
  if (!pn.success || attended === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      pnCode: pn.data,
      attended,
      ...(chairQuestions ? { metBefore: metBefore === true, ...(metBefore ? { metOn, metHow: metHow.data, metAlone } : {}), advocacy: advocacy.data, viewsChangedPlan: changed === true, ...(changed ? { howChanged } : {}), ...feedback.value } : {}),
    },
  };
}
