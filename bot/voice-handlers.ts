import { digestIds, VoiceActionSchema, voiceVerbs, type VoiceAction } from '../cards/voice-actions';
import { afterMeetingCard, chairRecordCard, escalationDigestCard, notMineCard, nudgeDigestCard, reassignCard, recordVoiceCard, RecordViewSchema } from '../cards/voice-cards';
import type { Card } from '../cards/render';
import { DomainError, londonDate, userWordingFor, type FieldErrors, isAssessment, meetingTypeLabel, type Person } from '../core';
import {
  afterMeetingView,
  recordAfterMeeting,
  type AfterMeetingErrors,
  type AfterMeetingForm,
  advocacyRequired,
  authoriseForChild,
  claimNotMine,
  requireClaimant,
  confirmHolder,
  teamChoices,
  loadMeetingContext,
  nudgeItemView,
  openVoiceRecord,
  openAfterMeetingRecord,
  recordVoice,
  renudgeWorker,
  snoozeNudge,
  type VoiceFormField,
  type NudgeItemView,
  type VoiceForm,
  type VoiceRecord,
  type VoiceServices,
  formatDay,
  openChairRecord,
  raiseFeedbackYouSaid,
  type FeedbackYouSaidDeps,
  recordChair,
  type ChairErrors,
  type ChairForm,
  type ChairRecord,
  type MeetingContext,
} from '../core/voice';
import { mapLimit } from '../core/util';
import type { CardAction } from './card-action';
import { handleCoverApprove, handleCoverEnd, handleCoverSet } from './cover';

/** The presser's directory entry, read once for every meeting of a card (each check needs it). */
function actorOnce(actorId: string, deps: VoiceServices): Promise<Person | undefined> {
  const read = deps.people.get(actorId);
  read.catch(() => undefined); // each check awaits it; a failure is theirs to report
  return read;
}

/** The current state of one meeting, as the actor may see it (undefined when they may not, or it has gone). */
async function itemFor(meetingId: string, actorId: string, deps: VoiceServices, actor?: Promise<Person | undefined>): Promise<NudgeItemView | undefined> {
  try {
    const ctx = await loadMeetingContext(meetingId, deps);
    const [, record, facts] = await Promise.all([
      // Redrawing a card is a look, not an act: a child who has moved on simply drops off (not audited).
      authoriseForChild(actorId, ctx.child, { ...deps, audit: undefined }, actor ? { actor } : {}),
      deps.voice.get(meetingId),
      deps.nudges.listForMeetings([meetingId]),
    ]);
    const today = londonDate(deps.clock.now());
    return nudgeItemView({ ...ctx, record, facts: facts.get(meetingId), today, settings: deps.settings, calendar: deps.calendar });
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) return undefined;
    throw err;
  }
}

/** The nudge card redrawn with each meeting's current status (Universal Actions refresh). */
export async function digestCard(ids: readonly string[], actorId: string, deps: VoiceServices, notice?: string): Promise<Card> {
  const actor = actorOnce(actorId, deps);
  const items = (await mapLimit(ids, 8, (id) => itemFor(id, actorId, deps, actor))).filter((i): i is NudgeItemView => Boolean(i));
  return nudgeDigestCard({ recipientId: actorId, date: londonDate(deps.clock.now()), items, ...(notice ? { notice } : {}) });
}

/**
 * For the card redrawn after a save: the saved meeting's nudge facts and the digest's other meetings as
 * they stand (a save changes neither). Started before the save; a failure here waits until it is awaited.
 */
function savedDigestReads(ids: readonly string[], meetingId: string, actorId: string, deps: VoiceServices) {
  const others = ids.filter((id) => id !== meetingId);
  const actor = others.length ? actorOnce(actorId, deps) : undefined;
  const reads = Promise.all([
    deps.nudges.listForMeetings([meetingId]),
    mapLimit(others, 8, async (id) => [id, await itemFor(id, actorId, deps, actor)] as const),
  ]).then(([facts, others]) => ({ facts: facts.get(meetingId), others: new Map(others) }));
  reads.catch(() => undefined); // awaited only after a successful save
  return reads;
}

const formOf = (r: VoiceRecord): VoiceForm => ({
  methods: r.methods.join(','),
  declined: String(r.declined),
  gatheredOn: r.gatheredOn,
  ...(r.gatheredBy ? { gatheredBy: r.gatheredBy } : {}),
  prepared: r.prepared ? 'yes' : 'no',
  ...(r.attendance ? { attendance: r.attendance } : {}),
  ...(r.advocacyOffered === undefined ? {} : { advocacyOffered: r.advocacyOffered ? 'yes' : 'no' }),
  sharedWith: r.sharedWith.join(','),
  ...(r.note ? { note: r.note } : {}),
});

const COULD_NOT_SAVE =
  "Sorry, I couldn't save this just now: our storage didn't answer. Nothing was saved. Your entries are kept: please try again in a minute (press Save).";

function couldNotSave(o: { digest: string[]; form: VoiceForm; view: string | undefined }): Card | string {
  let parsed: ReturnType<typeof RecordViewSchema.safeParse> | undefined;
  try {
    parsed = o.view ? RecordViewSchema.safeParse(JSON.parse(o.view)) : undefined;
  } catch {
    parsed = undefined; // not JSON: answer in words, and Teams leaves the card with its entries as it is
  }
  if (!parsed?.success) return COULD_NOT_SAVE;
  const { item, showAdvocacy, showAttendance, today } = parsed.data;
  return recordVoiceCard({ item, digest: o.digest, form: o.form, errors: {}, showAdvocacy, showAttendance, today, notice: COULD_NOT_SAVE });
}

async function formCard(o: { meetingId: string; digest: string[]; actorId: string; form?: VoiceForm; errors?: FieldErrors<VoiceFormField> }, deps: VoiceServices): Promise<Card> {
  // Opening the record is a read of the child's data, audited (voice.read); a form sent back with problems is not reopened.
  const { ctx, record } = o.form
    ? { ctx: await loadMeetingContext(o.meetingId, deps), record: undefined }
    : await openVoiceRecord({ actorId: o.actorId, meetingId: o.meetingId }, deps);
  if (o.form) await authoriseForChild(o.actorId, ctx.child, deps);
  const existing = record;
  const today = londonDate(deps.clock.now());
  return recordVoiceCard({
    item: nudgeItemView({ ...ctx, record: existing, today, settings: deps.settings, calendar: deps.calendar }),
    digest: o.digest.length ? o.digest : [o.meetingId],
    form: o.form ?? (existing ? formOf(existing) : { gatheredOn: today }),
    errors: o.errors ?? {},
    showAdvocacy: advocacyRequired(ctx.child, ctx.meeting, deps.settings),
    showAttendance: !isAssessment(ctx.meeting.type),
    today,
  });
}

/**
 * Every voice card's Action.Execute: the card to show in its place, or a message when the action is
 * refused (only the worker, their manager or an admin may act for a child).
 */
/** The voice services, and the "You said" store when the tracker is set up (for feedback's one press). */
export type VoiceActionDeps = VoiceServices & { tracker?: FeedbackYouSaidDeps['tracker'] };

export const voiceAction = (deps: VoiceActionDeps): CardAction<typeof VoiceActionSchema, 'id'> => ({
  verbs: voiceVerbs,
  schema: VoiceActionSchema,
  unreadable: "That button's data wasn't what I expected. Please type \"my meetings\" to get a fresh card.",
  actor: 'id',
  handle: (a, actorId) => act(actorId, a, deps),
});

async function act(actorId: string, a: VoiceAction, deps: VoiceActionDeps): Promise<Card | string> {
  switch (a.verb) {
    case 'voice.refresh':
      return digestCard(digestIds(a.digest), actorId, deps);
    case 'voice.open':
      return formCard({ meetingId: a.meetingId, digest: digestIds(a.digest), actorId }, deps);
    case 'voice.record': {
      const { verb: _v, meetingId, digest, view, ...form } = a;
      const ids = digestIds(digest);
      // What the redrawn card needs besides the saved meeting is read beside the save, not after it.
      const beside = savedDigestReads(ids.length ? ids : [meetingId], meetingId, actorId, deps);
      let out: Awaited<ReturnType<typeof recordVoice>>;
      try {
        out = await recordVoice({ actorId, meetingId, form }, deps);
      } catch (err) {
        if (err instanceof DomainError) throw err;
        // Storage did not answer: say so, and give the form back with every entry, drawn from the card's own data.
        console.error(`recording voice for meeting ${meetingId} failed:`, err);
        return couldNotSave({ digest: digestIds(digest), form, view });
      }
      if (!out.ok) return formCard({ meetingId, digest: digestIds(digest), actorId, form, errors: out.errors }, deps);
      const { facts, others } = await beside;
      const today = londonDate(deps.clock.now());
      const saved = nudgeItemView({ ...out.context, record: out.record, facts, today, settings: deps.settings, calendar: deps.calendar });
      const items = (ids.length ? ids : [meetingId]).map((id) => (id === meetingId ? saved : others.get(id))).filter((i): i is NudgeItemView => Boolean(i));
      return nudgeDigestCard({ recipientId: actorId, date: today, items, notice: `Saved. Thank you for recording how ${out.record.childRef}'s views were gathered.` });
    }
    case 'voice.snooze': {
      const { until } = await snoozeNudge({ actorId, meetingId: a.meetingId }, deps);
      return digestCard(digestIds(a.digest), actorId, deps, `OK: I'll remind you on the morning of ${until}.`);
    }
    case 'voice.notMine': {
      await requireClaimant(actorId, (await loadMeetingContext(a.meetingId, deps)).child, deps);
      const item = await itemFor(a.meetingId, actorId, deps);
      if (!item) return userWordingFor.NOT_FOUND;
      return notMineCard({ item, digest: digestIds(a.digest), teamChoices: await teamChoices(actorId, deps) });
    }
    case 'voice.claim': {
      const holderId = a.holderId?.trim() || undefined;
      const { managersTold } = await claimNotMine({ actorId, meetingId: a.meetingId, ...(holderId ? { holderId } : {}) }, { ...deps, reassignCard });
      const ids = digestIds(a.digest);
      return digestCard(ids.length ? ids : [a.meetingId], actorId, deps, managersTold > 0 ? "Thanks: I've told your manager and stopped these nudges coming to you." : "Thanks: I've stopped these nudges coming to you. I couldn't find your manager, so please tell them yourself.");
    }
    case 'voice.confirmHolder': {
      const { holderName } = await confirmHolder({ actorId, meetingId: a.meetingId, holderId: a.holderId }, deps);
      const ctx = await loadMeetingContext(a.meetingId, deps);
      return reassignCard({ meetingId: a.meetingId, childRef: ctx.child.ref, text: `${holderName} now holds ${ctx.child.ref}'s case here, and gets its nudges. The case system's next import has the final word.`, notice: 'Confirmed.' });
    }
    case 'cover.set': {
      const { verb: _v, ...form } = a;
      return handleCoverSet(actorId, form, deps);
    }
    case 'cover.end':
    case 'cover.approve': {
      const { verb, ...key } = a;
      return verb === 'cover.end' ? handleCoverEnd(actorId, key, deps) : handleCoverApprove(actorId, key, deps);
    }
    case 'after.open':
      return afterCard(a.meetingId, actorId, deps);
    case 'after.record': {
      const { verb: _v, meetingId, ...form } = a;
      const out = await recordAfterMeeting({ actorId, meetingId, form }, deps);
      return out.ok ? afterCard(meetingId, actorId, deps, { redraw: true }) : afterCard(meetingId, actorId, deps, { entered: { form, errors: out.errors } });
    }
    case 'chair.open':
      return chairCard(await openChairRecord({ actorId, meetingId: a.meetingId }, deps));
    case 'chair.record': {
      const { verb: _v, meetingId, ...form } = a;
      const out = await recordChair({ actorId, meetingId, form }, deps);
      return out.ok
        ? chairCard({ ...out.ctx, record: out.record }, `Saved. Thank you for recording how ${out.record.childRef} took part.`)
        : chairCard(out.ctx, undefined, { form: out.form, errors: out.errors });
    }
    case 'feedback.youSaid': {
      if (!deps.tracker) return '"You said, we did" is not set up here yet, so this cannot become an item.';
      const { item, already, as } = await raiseFeedbackYouSaid({ actorId, meetingId: a.meetingId, from: a.from, record: a.record }, { ...deps, tracker: deps.tracker });
      const who = a.from === 'child' ? "The child's" : "The parents'";
      const notice = already
        ? `${who} "what would have helped" is already a "You said" item: see "my actions".`
        : `${who} "what would have helped" is now a "You said" item, owned by you and due ${formatDay(item.dueDate)}: see "my actions".`;
      // The card pressed is redrawn for the one who may see it (the chair's card for the chair, the worker's for the rest).
      if ((a.record === 'chair') !== (as === 'chair')) return notice;
      if (a.record !== 'chair') return afterCard(a.meetingId, actorId, deps, { notice, redraw: true });
      // An old card pressed after the record's time (or on a meeting since cancelled): the item stands, the card is not reopened.
      return openChairRecord({ actorId, meetingId: a.meetingId }, deps).then((ctx) => chairCard(ctx, notice), (err: unknown) => {
        if (err instanceof DomainError && err.code === 'CONFLICT') return notice;
        throw err;
      });
    }
    case 'escalation.renudge': {
      const { workerId, sent } = await renudgeWorker({ actorId, meetingId: a.meetingId }, { ...deps, nudgeCard: nudgeDigestCard });
      const worker = await deps.people.get(workerId);
      const item = await itemFor(a.meetingId, actorId, deps);
      const name = worker?.displayName ?? 'the worker';
      return escalationDigestCard({
        managerId: actorId,
        date: londonDate(deps.clock.now()),
        items: item ? [{ ...item, workerId, workerName: name, reason: 'unanswered' }] : [],
        notice: sent ? `I've nudged ${name} again.` : `${name} has already been nudged again today.`,
      });
    }
  }
}

function chairCard(ctx: MeetingContext & { record?: ChairRecord; lockedBy?: string }, notice?: string, entered?: { form: ChairForm; errors: ChairErrors }): Card {
  const meetingDay = londonDate(new Date(ctx.meeting.start));
  return chairRecordCard({
    meetingId: ctx.meeting.id, child: ctx.child.ref, type: meetingTypeLabel[ctx.meeting.type], when: formatDay(meetingDay), meetingDay,
    ...(ctx.record ? { record: ctx.record } : {}), ...(ctx.lockedBy ? { lockedBy: ctx.lockedBy } : {}), ...(entered ?? {}), ...(notice ? { notice } : {}),
  });
}

/** The after-meeting form sent back with problems: checked again, the worker's entries kept, nothing reopened. */
async function afterFormBack(meetingId: string, actorId: string, deps: VoiceServices) {
  const ctx = await loadMeetingContext(meetingId, deps);
  await authoriseForChild(actorId, ctx.child, deps);
  return { ctx, record: undefined, chair: await deps.chairRecords.get(meetingId) };
}

/** `entered`: the form sent back with problems; `redraw`: the card after the person's own change (audited as that change). */
type AfterCardOptions = { entered?: { form: AfterMeetingForm; errors: AfterMeetingErrors }; notice?: string; redraw?: boolean };

async function afterCard(meetingId: string, actorId: string, deps: VoiceServices, o: AfterCardOptions = {}): Promise<Card> {
  const { entered, notice } = o;
  // Opening what is on file is audited (after.read); a redraw after a save is not, and a form sent back with problems is not reopened.
  const { ctx, record, chair } = entered ? await afterFormBack(meetingId, actorId, deps) : await openAfterMeetingRecord({ actorId, meetingId }, deps, { redraw: o.redraw });
  const today = londonDate(deps.clock.now());
  return afterMeetingCard({ ...afterMeetingView({ ...ctx, record, chair, today, settings: deps.settings, calendar: deps.calendar, ...(entered ?? {}) }), ...(notice ? { notice } : {}) });
}
