import { englandAndWales as cal } from '../calendar/working-days';
import { fixedClock } from '../clock';
import { ListenedSchema, MeetingFeedbackFieldsSchema } from '../model/feedback';
import { findPii } from '../pii';
import { InMemoryTrackerStore, CHAIR, MANAGER, STRANGER, WORKER, chairPerson, child, meeting, people, InMemoryAfterMeeting, InMemoryAudit, InMemoryChairRecords, InMemoryChildren, InMemoryMeetings, InMemoryPeople, InMemoryTeams } from '../testing';
import { recordAfterMeeting } from './after-meeting';
import { raiseFeedbackYouSaid } from './feedback-you-said';
import { validateFeedback } from './meeting-feedback';
import { recordChair } from './record-chair';
import { voiceSettings } from './settings';

function world(at = '2026-11-20T10:00:00Z') {
  let n = 0;
  return {
    meetings: new InMemoryMeetings([meeting('cla', 'CLA_REVIEW', '2026-11-19', { childRef: 'C-a', chairId: CHAIR }), meeting('cp', 'RCPC', '2026-11-19', { childRef: 'C-b' })]),
    children: new InMemoryChildren([child('C-a'), child('C-b')]),
    people: new InMemoryPeople([...people, chairPerson]), teams: new InMemoryTeams(),
    after: new InMemoryAfterMeeting(), chairRecords: new InMemoryChairRecords(), audit: new InMemoryAudit(),
    clock: fixedClock(at), calendar: cal, settings: voiceSettings(),
    tracker: { items: new InMemoryTrackerStore(), newId: () => `item-${++n}`, pii: (t: string) => findPii(t) },
  };
}
const told = { told: 'yes' };

describe('feedback after a meeting', () => {
  it('keeps the child\'s and the parents\' answers apart, as well / partly / not well, with what would have helped', async () => {
    const w = world();
    const out = await recordAfterMeeting({ actorId: WORKER, meetingId: 'cla', form: { ...told, feedbackFormOffered: 'yes', childListened: 'partly', childWouldHelp: 'A shorter meeting, after school.', parentsFeedbackOffered: 'yes', parentsListened: 'not_well', parentsWouldHelp: 'Reading the reports a week before.' } }, w);
    expect(out).toMatchObject({ ok: true, record: { feedbackFormOffered: true, childListened: 'partly', childWouldHelp: 'A shorter meeting, after school.', parentsFeedbackOffered: true, parentsListened: 'not_well', parentsWouldHelp: 'Reading the reports a week before.' } });
    // The audit says what was offered and answered, never the text.
    const detail = w.audit.entries.at(-1)!.detail!;
    expect(detail).toMatchObject({ feedbackFormOffered: true, childListened: 'partly', parentsFeedbackOffered: true, parentsListened: 'not_well' });
    expect(JSON.stringify(detail)).not.toContain('shorter');
  });

  it.each([
    ['an answer from a child not offered the form', { feedbackFormOffered: 'no', childListened: 'well' }, 'childListened', 'You said the child was not offered the form'],
    ["the parents' answer with no word on whether they were offered it", { parentsListened: 'partly' }, 'parentsListened', 'Say first whether the parents were offered'],
    ['an answer that is not one of the three', { feedbackFormOffered: 'yes', childListened: 'great' }, 'childListened', 'well, partly or not well'],
    ['what would have helped with no answer', { feedbackFormOffered: 'yes', childListened: 'not_answered', childWouldHelp: 'More time.' }, 'childWouldHelp', 'Choose how well they felt listened to first'],
    ['a name in what would have helped', { parentsFeedbackOffered: 'yes', parentsListened: 'partly', parentsWouldHelp: 'If Jayden Smith had been told sooner.' }, 'parentsWouldHelp', 'identifies someone'],
    ['a postcode in what would have helped', { feedbackFormOffered: 'yes', childListened: 'partly', childWouldHelp: 'Meeting nearer SE1 7PB.' }, 'childWouldHelp', 'identifies someone'],
    ["the child's own words", { feedbackFormOffered: 'yes', childListened: 'not_well', childWouldHelp: 'I wanted my nan there.' }, 'childWouldHelp', 'general terms'],
  ])('refuses %s, naming the field', (_what, form, field, words) => {
    const { errors } = validateFeedback(form, { childOfferedRequired: false });
    expect(errors[field as keyof typeof errors]).toContain(words);
  });

  it('accepts "offered, no answer", and stores no answer for it', () => {
    expect(validateFeedback({ feedbackFormOffered: 'yes', childListened: 'not_answered', parentsFeedbackOffered: 'no' }, { childOfferedRequired: true })).toEqual({ value: { feedbackFormOffered: true, parentsFeedbackOffered: false }, errors: {} });
  });

  it('stores only the three answers (zod refuses anything else)', () => {
    expect(ListenedSchema.options).toEqual(['well', 'partly', 'not_well']);
    expect(MeetingFeedbackFieldsSchema.safeParse({ childListened: 'ok' }).success).toBe(false);
  });

  it('a refused entry keeps the rest of the after-meeting card and saves nothing', async () => {
    const w = world();
    const out = await recordAfterMeeting({ actorId: WORKER, meetingId: 'cp', form: { ...told, feedbackFormOffered: 'no', childListened: 'well' } }, w);
    expect(out).toMatchObject({ ok: false, errors: { childListened: expect.stringContaining('not offered') } });
    expect(await w.after.get('cp')).toBeUndefined();
  });

  it('the chair records feedback on their card too, checked the same way', async () => {
    const w = world();
    const chairForm = { pnCode: 'PN1', attended: 'yes', metBefore: 'no', advocacy: 'has_advocate', viewsChangedPlan: 'no' };
    const bad = await recordChair({ actorId: CHAIR, meetingId: 'cla', form: { ...chairForm, parentsFeedbackOffered: 'no', parentsListened: 'well' } }, w);
    expect(bad).toMatchObject({ ok: false, errors: { parentsListened: expect.stringContaining('parents were not offered') } });
    const ok = await recordChair({ actorId: CHAIR, meetingId: 'cla', form: { ...chairForm, feedbackFormOffered: 'yes', childListened: 'well', childWouldHelp: 'Meeting the chair before the review.' } }, w);
    expect(ok).toMatchObject({ ok: true, record: { feedbackFormOffered: true, childListened: 'well', childWouldHelp: 'Meeting the chair before the review.' } });
  });
});

describe('"what would have helped" as a "You said" item, in one press', () => {
  const saved = { ...told, feedbackFormOffered: 'yes', childListened: 'partly', childWouldHelp: 'Shorter meetings, held after school.' };

  it('raises an item owned by the person pressing, with no child or meeting on it, once; audited', async () => {
    const w = world();
    await recordAfterMeeting({ actorId: WORKER, meetingId: 'cla', form: saved }, w);
    const { item, already } = await raiseFeedbackYouSaid({ actorId: WORKER, meetingId: 'cla', from: 'child', record: 'after' }, w);
    expect(already).toBe(false);
    expect(item).toMatchObject({ youSaid: 'Shorter meetings, held after school.', saidBy: 'child', ownerId: WORKER, source: { kind: 'meeting-feedback', meetingType: 'CLA_REVIEW', from: 'child' }, dueDate: cal.addWorkingDays('2026-11-20', 20) });
    expect(JSON.stringify(item)).not.toMatch(/C-a|cla/);
    expect((await w.after.get('cla'))?.childYouSaidId).toBe(item.id);
    const again = await raiseFeedbackYouSaid({ actorId: WORKER, meetingId: 'cla', from: 'child', record: 'after' }, w);
    expect(again).toMatchObject({ already: true, item: { id: item.id } });
    expect(w.tracker.items.rows.size).toBe(1);
    expect(w.audit.entries.filter((e) => e.action === 'feedback.you-said')).toHaveLength(1);
    // Saving the card again keeps the link, so the button does not come back.
    await recordAfterMeeting({ actorId: WORKER, meetingId: 'cla', form: saved }, w);
    expect((await w.after.get('cla'))?.childYouSaidId).toBe(item.id);
  });

  it("the parents' becomes a family's item; the chair and the worker's manager may press it, a stranger may not (audited)", async () => {
    const w = world();
    await recordChair({ actorId: CHAIR, meetingId: 'cla', form: { pnCode: 'PN1', attended: 'yes', metBefore: 'no', advocacy: 'told', viewsChangedPlan: 'no', parentsFeedbackOffered: 'yes', parentsListened: 'not_well', parentsWouldHelp: 'Papers sent a week before.' } }, w);
    const { item } = await raiseFeedbackYouSaid({ actorId: CHAIR, meetingId: 'cla', from: 'parents', record: 'chair' }, w);
    expect(item).toMatchObject({ saidBy: 'family', ownerId: CHAIR });
    expect((await w.chairRecords.get('cla'))?.parentsYouSaidId).toBe(item.id);
    await recordAfterMeeting({ actorId: WORKER, meetingId: 'cla', form: saved }, w);
    expect((await raiseFeedbackYouSaid({ actorId: MANAGER, meetingId: 'cla', from: 'child', record: 'after' }, w)).item.ownerId).toBe(MANAGER);
    await expect(raiseFeedbackYouSaid({ actorId: STRANGER, meetingId: 'cla', from: 'child', record: 'after' }, w)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(w.audit.entries.at(-1)).toMatchObject({ action: 'access.refused', actorId: STRANGER, detail: { action: 'voice.feedback-you-said' } });
  });

  it('with nothing saved about what would have helped, says so', async () => {
    const w = world();
    await recordAfterMeeting({ actorId: WORKER, meetingId: 'cla', form: told }, w);
    await expect(raiseFeedbackYouSaid({ actorId: WORKER, meetingId: 'cla', from: 'parents', record: 'after' }, w)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
