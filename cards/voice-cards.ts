import { z } from 'zod';
import { pnCodeLabel, voiceMethodLabel } from '../core/model';
import type { EscalationDigestView, NudgeDigestView, NudgeItemView, AfterMeetingView, ChairAlertView, ReassignView, PersonChoice, Cover, CoverErrors, CoverForm, CoverNoticeView } from '../core/voice';
import type { FieldErrors } from '../core/errors';
import { attendanceLabel, gatheredByLabel, sharedWithLabel, type VoiceForm, type VoiceFormField, toldLabel, metHowLabel, chairAdvocacyLabel, otherChairsRecordWords, type ChairErrors, type ChairForm, type ChairRecord, feedbackForm, raiseState } from '../core/voice';
import afterTemplate from './after-meeting.json';
import chairAlertTemplate from './chair-alert.json';
import chairRecordTemplate from './chair-record.json';
import notMineTemplate from './nudge-not-mine.json';
import coverTemplate from './nudge-cover.json';
import coverNoticeTemplate from './cover-notice.json';
import reassignTemplate from './escalation-reassign.json';
import escalationTemplate from './escalation.json';
import nudgeTemplate from './nudge.json';
import recordTemplate from './record-voice.json';
import { renderCard, type Card } from './render';
import { problemSummaryNaming } from './form-problems';
import { withFeedbackSection } from './meeting-feedback';

const choices = (labels: Record<string, string>, prefixValue = false) =>
  Object.entries(labels).map(([value, title]) => ({ value, title: prefixValue ? `${value}: ${title}` : title }));

/** The nudge card: one meeting or several for the same person, each with its own buttons. */
export function nudgeDigestCard(view: NudgeDigestView & { notice?: string }): Card {
  const open = view.items.filter((i) => i.open).length;
  const title =
    view.items.length === 1
      ? open ? "Time to gather a child's views" : "A child's views"
      : open ? `${open === view.items.length ? 'Time' : 'Still time'} to gather ${open} children's views` : "Children's views";
  const intro = view.coverFor
    ? `You're covering for ${view.coverFor}. These meetings are coming up:`
    : view.items.length === 1 ? 'A meeting about a child you hold is coming up:' : 'Meetings about children you hold are coming up:';
  return renderCard(nudgeTemplate, { ...view, title, intro, digest: view.items.map((i) => i.meetingId).join(','), notice: view.notice ?? '' });
}

export interface RecordVoiceView {
  /** The meeting; or, when storage did not answer, the item the form's own data carried, drawn again as it was. */
  item: NudgeItemView | Record<string, unknown>;
  /** The meetings of the nudge card this form was opened from (Back and Save redraw it). */
  digest: readonly string[];
  form: VoiceForm;
  errors: FieldErrors<VoiceFormField>;
  showAdvocacy: boolean;
  /** False for an assessment: it has no meeting to attend. */
  showAttendance: boolean;
  today: string;
  /** A message above the form, e.g. when saving failed for a reason that is not the user's. */
  notice?: string;
}

/** What the form needs to redraw itself without storage (carried in its Save button's data). */
export const RecordViewSchema = z.object({
  item: z.record(z.string(), z.unknown()),
  showAdvocacy: z.boolean(),
  showAttendance: z.boolean().default(true),
  today: z.string(),
});

const FIELDS = ['methods', 'declined', 'gatheredOn', 'gatheredBy', 'prepared', 'attendance', 'advocacyOffered', 'sharedWith', 'note'] as const;

/** Each question as the problem summary names it, in the card's order. */
const FIELD_NAMES: Record<VoiceFormField, string> = {
  methods: 'how their views were gathered', declined: 'whether they declined', gatheredOn: 'the date gathered', gatheredBy: 'who gathered them',
  prepared: 'whether the child was prepared', attendance: 'whether they will attend', advocacyOffered: 'whether advocacy was offered',
  sharedWith: 'who they were shared with', note: 'the note',
};

/** The record-voice form; on a failed save it comes back with every entry kept and each problem beside its field. */
export function recordVoiceCard(view: RecordVoiceView): Card {
  const errors = Object.fromEntries(FIELDS.map((f) => [f, view.errors[f] ?? '']));
  const form = Object.fromEntries(FIELDS.map((f) => [f, view.form[f] ?? '']));
  const problemCount = Object.values(errors).filter(Boolean).length;
  return renderCard(recordTemplate, {
    item: view.item,
    digest: view.digest.join(','),
    form: { ...form, declined: form.declined || 'false' },
    errors,
    problemCount,
    problemSummary: problemSummaryNaming(view.errors, FIELD_NAMES),
    methodChoices: choices(voiceMethodLabel),
    gatheredByChoices: choices(gatheredByLabel),
    attendanceChoices: choices(attendanceLabel),
    sharedChoices: choices(sharedWithLabel),
    showAdvocacy: view.showAdvocacy,
    showAttendance: view.showAttendance,
    afterNote: view.showAttendance
      ? 'How the child took part in the meeting (the PN code) is recorded after it: by the chair, or by you where no chair does.'
      : '',
    notice: view.notice ?? '',
    view: JSON.stringify({ item: view.item, showAdvocacy: view.showAdvocacy, showAttendance: view.showAttendance, today: view.today }),
    advocacyLabel: 'Was advocacy offered? (It must be offered to this child before the meeting.)',
    today: view.today,
  });
}

const reasonText = {
  unanswered: 'The last nudge went unanswered for a working day',
  undeliverable: "I couldn't deliver the nudge: the worker hasn't installed the app, or has blocked it",
  'after-unanswered': 'Two working days on, nobody has said whether the child was told what was decided',
};

/** The manager's card: children whose views are still missing, with a button to nudge the worker again. */
export function escalationDigestCard(view: EscalationDigestView & { notice?: string }): Card {
  return renderCard(escalationTemplate, {
    ...view,
    title: view.items.length === 1 ? 'A child needs your attention' : `${view.items.length} children need your attention`,
    intro: view.items.every((i) => i.reason === 'after-unanswered')
      ? 'After these meetings, nobody has yet said whether the child was told what was decided:'
      : "For these meetings, nothing is recorded yet about how the child's views were gathered:",
    // The button names the worker by first name (their full name is the fact above it): a long name would be cut on a phone.
    items: view.items.map((i) => ({ ...i, reasonText: reasonText[i.reason], beforeMeeting: i.reason !== 'after-unanswered', workerFirstName: i.workerName.split(/\s+/)[0] || i.workerName })),
    notice: view.notice ?? '',
  });
}

/** Each after-meeting question as the problem summary names it, in the card's order. */
const AFTER_FIELD_NAMES: Record<keyof AfterMeetingView['errors'] & string, string> = {
  told: 'whether the child has been told', plannedFor: 'when you plan to tell them', whyNot: 'why it is not appropriate',
  feedbackFormOffered: "whether the child was offered a feedback form", childListened: 'how well the child felt listened to', childWouldHelp: 'what would have helped the child',
  parentsFeedbackOffered: 'whether the parents were offered a feedback form', parentsListened: 'how well the parents felt listened to', parentsWouldHelp: 'what would have helped the parents',
  attended: 'whether the child attended', pnCode: 'how the child took part',
};

/**
 * After the meeting: was the child told what was decided; feedback forms offered to the child and the parents, and their answers;
 * where no chair has recorded how the child took part, the worker may record the PN code.
 */
export function afterMeetingCard(view: AfterMeetingView): Card {
  const keys = ['told', 'plannedFor', 'whyNot', 'pnCode', 'attended'] as const;
  const problemCount = Object.values(view.errors).filter(Boolean).length;
  const card = renderCard(afterTemplate, {
    ...view,
    problemCount,
    problemSummary: problemCount ? problemSummaryNaming(view.errors, AFTER_FIELD_NAMES) : '',
    form: Object.fromEntries(keys.map((k) => [k, view.form[k] ?? ''])),
    errors: Object.fromEntries(keys.map((k) => [k, view.errors[k] ?? ''])),
    notice: view.notice ?? '',
    toldChoices: choices(toldLabel),
    pnChoices: choices(pnCodeLabel, true),
  });
  return withFeedbackSection(card, { meetingId: view.meetingId, recordKind: 'after', childRequired: view.cpConference, form: view.form, errors: view.errors, canRaise: view.canRaise, raised: view.raised });
}

/** "Not my case": who holds it? A typeahead in Teams (Data.Query "people"), the worker's team as a plain list elsewhere. */
export function notMineCard(view: { item: NudgeItemView; digest: readonly string[]; teamChoices: PersonChoice[] }): Card {
  return renderCard(notMineTemplate, { ...view, digest: view.digest.join(',') });
}

/** To a manager: a worker says a case isn't theirs; confirm the named holder, and the nudges follow them. */
export function reassignCard(view: ReassignView & { notice?: string }): Card {
  return renderCard(reassignTemplate, { ...view, holderName: view.holderName ?? '', holderId: view.holderId ?? '', canConfirm: Boolean(view.holderId) && !view.notice, notice: view.notice ?? '' });
}

/** The worker's manager is told of a cover; one outside the team comes with Approve and Refuse. */
export function coverNoticeCard(view: CoverNoticeView & { notice?: string }): Card {
  return renderCard(coverNoticeTemplate, { ...view, approve: view.approve ?? {}, canApprove: Boolean(view.approve) && !view.notice, notice: view.notice ?? '' });
}

/** "cover": choose a colleague and the dates of your leave; current covers listed underneath, each with End. */
export function coverCard(view: {
  teamChoices: PersonChoice[];
  today: string;
  form?: CoverForm;
  errors?: CoverErrors;
  notice?: string;
  current: (Pick<Cover, 'workerId' | 'coverId' | 'from' | 'to'> & { text: string })[];
}): Card {
  const keys = ['coverId', 'from', 'to'] as const;
  return renderCard(coverTemplate, {
    ...view,
    form: Object.fromEntries(keys.map((k) => [k, view.form?.[k] ?? ''])),
    errors: Object.fromEntries(keys.map((k) => [k, view.errors?.[k] ?? ''])),
    notice: view.notice ?? '',
  });
}

/** To a meeting's chair, once, 2 working days before: the child's views are not in (the case by reference only). */
export function chairAlertCard(view: ChairAlertView): Card {
  return renderCard(chairAlertTemplate, {
    ...view,
    heading: view.status === 'stale' ? `Only old views from ${view.child} so far` : `No views from ${view.child} yet`,
    summary: `You chair this meeting, and ${view.status === 'stale' ? "the views on file are too old to count" : "the child's views are not recorded yet"}. Their worker has had reminders; their manager is told if it stays missing.`,
    advice: 'You may want to ask the worker how the child will take part, or meet the child yourself before the meeting.',
  });
}

export interface ChairRecordView {
  meetingId: string;
  child: string;
  type: string;
  when: string;
  meetingDay: string;
  record?: ChairRecord;
  form?: ChairForm;
  errors?: ChairErrors;
  notice?: string;
  /** Another chair recorded this meeting (the import moved it since): shown with whose it is, and no Save. */
  lockedBy?: string;
}

const yesNo = (b: boolean | undefined): string => (b === undefined ? '' : b ? 'yes' : 'no');

/** The chair's card after the meeting: how the child took part, reg 36, whether their views changed the plan. */
export function chairRecordCard(view: ChairRecordView): Card {
  const keys = ['pnCode', 'attended', 'metBefore', 'metOn', 'metHow', 'metAlone', 'advocacy', 'viewsChangedPlan', 'howChanged'] as const;
  const r = view.record;
  const fromRecord: ChairForm = r
    ? { pnCode: r.pnCode, attended: yesNo(r.attended), metBefore: yesNo(r.metBefore), metOn: r.metOn ?? '', metHow: r.metHow ?? '', metAlone: yesNo(r.metAlone), advocacy: r.advocacy ?? '', viewsChangedPlan: yesNo(r.viewsChangedPlan), howChanged: r.howChanged ?? '', ...feedbackForm(r) }
    : {};
  const form = view.form ?? fromRecord;
  const card = renderCard(chairRecordTemplate, {
    ...view,
    // The worker's stand-in code (no chair had recorded it) is the chair's to check: their own save is a first save.
    answered: r?.pnBy === 'chair',
    standIn: r?.pnBy === 'worker' ? `The child's worker recorded ${r.pnCode} because no chair had: check it, answer the rest and save yours.` : '',
    notice: view.notice ?? '',
    lockedText: view.lockedBy ? otherChairsRecordWords(view.lockedBy) : '',
    form: Object.fromEntries(keys.map((k) => [k, form[k] ?? ''])),
    errors: Object.fromEntries(keys.map((k) => [k, view.errors?.[k] ?? ''])),
    pnChoices: choices(pnCodeLabel, true),
    metHowChoices: choices(metHowLabel),
    advocacyChoices: choices(chairAdvocacyLabel),
  });
  return withFeedbackSection(card, { meetingId: view.meetingId, recordKind: 'chair', childRequired: false, form, errors: view.errors ?? {}, ...raiseState(r) });
}
