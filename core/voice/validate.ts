import { ageRange, type Child } from '../model/child';
import type { Meeting } from '../model/meeting';
import { PnCodeSchema, VoiceMethodSchema } from '../model/participation';
import type { IsoDate } from '../calendar/working-days';
import { freshFrom } from './freshness';
import { freshMonthsFor, type VoiceSettings } from './settings';
import {
  AttendanceSchema,
  NOTE_MAX,
  SharedWithSchema,
  type FieldErrors,
  type VoiceForm,
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

export type VoiceFields = Omit<VoiceRecord, 'meetingId' | 'childRef' | 'voiceBy' | 'recordedBy' | 'recordedAt'>;
export type Validation = { ok: true; value: VoiceFields } | { ok: false; errors: FieldErrors };

/** Checks a record-voice submission; each problem is named against its field, in plain English. */
export function validateVoiceForm(
  form: VoiceForm,
  ctx: { child: Child; meeting: Meeting; today: IsoDate; settings: VoiceSettings },
): Validation {
  const errors: FieldErrors = {};
  const pn = PnCodeSchema.safeParse(form.pnCode);
  if (!pn.success) errors.pnCode = 'Choose how the child took part (the PN code).';
  else if (pn.data === 'PN0' && ageRange(ctx.child.birthMonth, new Date(ctx.meeting.start)).min >= 4)
    errors.pnCode = 'PN0 is only for a child under 4 on the day of the meeting.';

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

  const prepared = yesNo(form.prepared);
  if (prepared === undefined) errors.prepared = 'Say whether the child was prepared for the meeting.';

  const attendance = AttendanceSchema.safeParse(form.attendance);
  if (!attendance.success) errors.attendance = 'Say whether the child will attend (or chair) the meeting.';
  // SSDA903: PN1-PN4 describe a child who attends, PN5-PN7 one who does not.
  else if (pn.success && !errors.pnCode) {
    const attends = attendance.data !== 'will_not_attend';
    if (['PN1', 'PN2', 'PN3', 'PN4'].includes(pn.data) && !attends)
      errors.pnCode = `${pn.data} means the child attends the meeting, but you said they will not: change one of the two.`;
    if (['PN5', 'PN6', 'PN7'].includes(pn.data) && attends)
      errors.pnCode = `${pn.data} means the child does not attend the meeting, but you said they will: change one of the two.`;
  }

  const needsAdvocacy = advocacyRequired(ctx.child, ctx.meeting, ctx.settings);
  const advocacyOffered = yesNo(form.advocacyOffered);
  if (needsAdvocacy && advocacyOffered === undefined)
    errors.advocacyOffered = 'Advocacy must be offered to this child: say whether it was.';

  const sharedWith = list(form.sharedWith);
  if (sharedWith.some((s) => !SharedWithSchema.safeParse(s).success)) errors.sharedWith = 'Choose the chair and/or the IRO.';

  const note = (form.note ?? '').trim();
  if (note.length > NOTE_MAX) errors.note = `Keep the note under ${NOTE_MAX} characters; the child's words go in the case record.`;

  if (Object.keys(errors).length > 0 || !pn.success || !attendance.success || prepared === undefined) return { ok: false, errors };
  return {
    ok: true,
    value: {
      pnCode: pn.data,
      methods: methods as VoiceFields['methods'],
      declined,
      gatheredOn,
      prepared,
      attendance: attendance.data,
      ...(needsAdvocacy || advocacyOffered !== undefined ? { advocacyOffered } : {}),
      sharedWith: sharedWith as VoiceFields['sharedWith'],
      ...(note ? { note } : {}),
    },
  };
}
