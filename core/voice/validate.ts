import type { FieldErrors } from '../errors';
import { ageRange, type Child } from '../model/child';
import { isAssessment, type Meeting } from '../model/meeting';
import { VoiceMethodSchema } from '../model/participation';
import type { IsoDate } from '../calendar/working-days';
import { freshFrom } from './freshness';
import { freshMonthsFor, type VoiceSettings } from './settings';
import {
  AttendanceSchema,
  GatheredBySchema,
  NOTE_MAX,
  SharedWithSchema,
  type VoiceForm,
  type VoiceFormField,
  type VoiceRecord,
} from './voice-record';

/** Advocacy must be offered before a first ICPC (at the configured age or over) and to a child new to care. */
export function advocacyRequired(child: Child, meeting: Meeting, settings: VoiceSettings): boolean {
  if (child.newToCare) return true;
  if (meeting.type !== 'ICPC' || !meeting.first) return false;
  // Month of birth only: a child who may already have reached the age counts as old enough.
  return ageRange(child.birthMonth, new Date(meeting.start)).max >= settings.advocacyMinAge;
}

const list = (s: string | undefined): string[] =>
  (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
const yesNo = (s: string | undefined): boolean | undefined => (s === 'yes' || s === 'true' ? true : s === 'no' || s === 'false' ? false : undefined);

export type VoiceFields = Omit<VoiceRecord, 'meetingId' | 'childRef' | 'voiceBy' | 'recordedBy' | 'recordedAt' | 'firstRecordedAt' | 'sharedAt' | 'advocacyOfferedAt'>;
export type Validation = { ok: true; value: VoiceFields } | { ok: false; errors: FieldErrors<VoiceFormField> };

/**
 * Checks a record-voice submission (how, when and by whom the child's views were gathered, before the
 * meeting); each problem is named against its field, in plain English. How the child took part (the PN code)
 * is known only after the meeting, and checked against attendance there (chair-record.ts).
 */
export function validateVoiceForm(
  form: VoiceForm,
  ctx: { child: Child; meeting: Meeting; today: IsoDate; settings: VoiceSettings },
): Validation {
  const errors: FieldErrors<VoiceFormField> = {};
  const declined = yesNo(form.declined) ?? false;
  const methods = list(form.methods);
  const badMethod = methods.find((m) => !VoiceMethodSchema.safeParse(m).success);
  if (badMethod) errors.methods = 'Choose from the list of ways views were gathered.';
  else if (methods.length === 0 && !declined)
    errors.methods = 'Choose at least one way their views were gathered, or tick "declined to share views".';

  const gatheredOn = form.gatheredOn ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(gatheredOn) || Number.isNaN(Date.parse(gatheredOn)))
    errors.gatheredOn = 'Give the date their views were gathered (or they declined).';
  else if (gatheredOn > ctx.today) errors.gatheredOn = 'That date is in the future.';
  else if (gatheredOn < freshFrom(ctx.meeting, ctx.settings)) {
    const months = freshMonthsFor(ctx.meeting.type, ctx.settings);
    errors.gatheredOn = `Views gathered more than ${months === 1 ? 'a month' : `${months} months`} before the meeting no longer count: please ask the child again (or record that they declined).`;
  }

  const gatheredBy = form.gatheredBy ? GatheredBySchema.safeParse(form.gatheredBy) : undefined;
  if (gatheredBy && !gatheredBy.success) errors.gatheredBy = 'Choose who gathered their views from the list.';

  const prepared = yesNo(form.prepared);
  if (prepared === undefined) errors.prepared = 'Say whether the child was prepared for the meeting.';

  // An assessment has no meeting to attend: the question is not asked, and an answer sent anyway is ignored.
  const asksAttendance = !isAssessment(ctx.meeting.type);
  const attendance = AttendanceSchema.safeParse(form.attendance);
  if (asksAttendance && !attendance.success) errors.attendance = 'Say whether the child will attend (or chair) the meeting.';

  const needsAdvocacy = advocacyRequired(ctx.child, ctx.meeting, ctx.settings);
  const advocacyOffered = yesNo(form.advocacyOffered);
  if (needsAdvocacy && advocacyOffered === undefined)
    errors.advocacyOffered = 'Advocacy must be offered to this child: say whether it was.';

  const sharedWith = list(form.sharedWith);
  if (sharedWith.some((s) => !SharedWithSchema.safeParse(s).success)) errors.sharedWith = 'Choose the chair and/or the IRO.';

  const note = (form.note ?? '').trim();
  if (note.length > NOTE_MAX) errors.note = `Keep the note under ${NOTE_MAX} characters; the child's words go in the case record.`;

  if (Object.keys(errors).length > 0 || prepared === undefined) return { ok: false, errors };
  return {
    ok: true,
    value: {
      methods: methods as VoiceFields['methods'],
      declined,
      gatheredOn,
      ...(gatheredBy?.success ? { gatheredBy: gatheredBy.data } : {}),
      prepared,
      ...(asksAttendance && attendance.success ? { attendance: attendance.data } : {}),
      ...(needsAdvocacy || advocacyOffered !== undefined ? { advocacyOffered } : {}),
      sharedWith: sharedWith as VoiceFields['sharedWith'],
      ...(note ? { note } : {}),
    },
  };
}
