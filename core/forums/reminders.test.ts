import type { ChannelMapping } from '../channels/channel-mapping';
import { englandAndWales } from '../calendar/working-days';
import { fixedClock } from '../clock';
import { InMemoryForumStore, InMemoryOutbox, InMemoryTracker, forumFacilitator as facilitator, forumOfficer as officer } from '../testing';
import { ForumSchema, type ForumInput } from './forum';
import type { PiiCheck } from './ports';
import { dueReminders, sendForumReminders, type ReminderView } from './reminders';

const cicc = (over: Partial<ForumInput> = {}) =>
  ForumSchema.parse({
    id: 'cicc',
    name: 'Children in Care Council',
    type: 'CICC',
    rrule: 'FREQ=MONTHLY;BYDAY=1WE',
    startDate: '2026-01-01',
    time: '17:00',
    place: 'Civic Centre',
    facilitatorIds: [facilitator.id, officer.id],
    channelId: '19:cicc',
    createdBy: officer.id,
    updatedAt: '2026-01-01T00:00:00Z',
    ...over,
  });

// Stands in for the PII guard: anything that looks like a case reference fails.
const piiCheck: PiiCheck = (t) => (/\bCR\d+/.test(t) ? { ok: false, reason: 'looks like a case reference' } : { ok: true });

async function setup(forumOver: Partial<ForumInput> = {}, mappings: ChannelMapping[] = []) {
  const forums = new InMemoryForumStore();
  await forums.save(cicc(forumOver));
  const outbox = new InMemoryOutbox();
  const tracker = new InMemoryTracker();
  const run = (iso: string) =>
    sendForumReminders({
      forums,
      tracker,
      outbox,
      clock: fixedClock(iso),
      calendar: englandAndWales,
      piiCheck,
      mappings: async () => mappings,
      renderReminder: (view) => ({ view }),
    });
  return { forums, outbox, tracker, run };
}

const viewOf = (m: { card?: Record<string, unknown> }) => m.card?.view as ReminderView;

describe('forum reminders', () => {
  it('the 7-day reminder goes to the channel and to each facilitator once; a second run sends nothing new', async () => {
    const { outbox, run } = await setup();
    expect(await run('2026-11-25T09:15:00Z')).toEqual({ enqueued: 3, alreadySent: 0 });
    expect(outbox.sent.map((m) => m.to)).toEqual([
      { kind: 'channel', channelId: '19:cicc' },
      { kind: 'person', personId: facilitator.id },
      { kind: 'person', personId: officer.id },
    ]);
    expect(viewOf(outbox.sent[0]!)).toMatchObject({ dateWords: 'Wednesday 2 December 2026', timeWords: '5pm', daysToGo: 'in 7 days', place: 'Civic Centre' });
    expect(await run('2026-11-25T09:30:00Z')).toEqual({ enqueued: 0, alreadySent: 3 });
    expect(outbox.sent).toHaveLength(3);
  });

  it('nothing is sent before the reminder day, and the 1-day reminder follows on its own day', async () => {
    const { outbox, run } = await setup();
    expect((await run('2026-11-24T23:00:00Z')).enqueued).toBe(0);
    await run('2026-11-25T09:00:00Z');
    expect((await run('2026-12-01T09:00:00Z')).enqueued).toBe(3);
    expect(outbox.sent.map((m) => m.dedupeKey)).toContain(`forum-reminder:cicc:2026-12-02:1:person:${facilitator.id}`);
    expect(viewOf(outbox.sent[5]!).daysToGo).toBe('tomorrow');
  });

  it('a forum set up the day before its meeting gets only the 1-day reminder, not both', async () => {
    const { outbox, run } = await setup();
    await run('2026-12-01T12:00:00Z');
    expect(outbox.sent.map((m) => m.dedupeKey.split(':')[3])).toEqual(['1', '1', '1']);
  });

  it('reminders are due at 9am London time in summer too (8am UTC)', async () => {
    const { run } = await setup();
    expect((await run('2026-09-30T07:59:00Z')).enqueued).toBe(0); // 7 days before 7 October, BST
    expect((await run('2026-09-30T08:00:00Z')).enqueued).toBe(3);
  });

  it('a cancelled meeting gets no reminders', async () => {
    const { run } = await setup({ overrides: { '2026-12-02': { status: 'cancelled' } } });
    expect((await run('2026-11-25T09:15:00Z')).enqueued).toBe(0);
  });

  it('a moved meeting is reminded of at its new date and place', async () => {
    const { outbox, run } = await setup({ overrides: { '2026-12-02': { status: 'moved', date: '2026-12-09', time: '18:00', place: 'Youth Centre' } } });
    expect((await run('2026-11-25T09:15:00Z')).enqueued).toBe(0);
    await run('2026-12-02T09:15:00Z');
    expect(viewOf(outbox.sent[0]!)).toMatchObject({ dateWords: 'Wednesday 9 December 2026', timeWords: '6pm', place: 'Youth Centre', moved: true });
  });

  it('reminders list what we promised to report back from earlier meetings; the channel copy leaves out wording that fails the PII guard', async () => {
    const { outbox, tracker, run } = await setup();
    const src = { kind: 'forum' as const, forumId: 'cicc', forumName: 'CICC', occurrenceDate: '2026-11-04' };
    await tracker.create({ text: 'More Wi-Fi in semi-independent homes', ownerId: officer.id, dueDate: '2027-01-31', source: src, createdBy: officer.id });
    await tracker.create({ text: 'Ask CR1234 about the pocket money policy', ownerId: officer.id, dueDate: '2027-01-31', source: src, createdBy: officer.id });
    await tracker.create({ text: 'Other forum item', ownerId: officer.id, dueDate: '2027-01-31', source: { ...src, forumId: 'uasc' }, createdBy: officer.id });
    await run('2026-11-25T09:15:00Z');
    const channel = viewOf(outbox.sent[0]!);
    expect(channel.promises).toEqual([{ text: 'More Wi-Fi in semi-independent homes', dueWords: 'Sunday 31 January 2027' }]);
    expect(channel.withheld).toBe(1);
    expect(viewOf(outbox.sent[1]!).promises).toHaveLength(2);
  });

  it('a forum with no channel of its own uses the channel mapped to its audience, else only the facilitators hear', async () => {
    const mapped: ChannelMapping = { audience: 'cicc', label: 'CICC', channelId: '19:mapped', setBy: officer.id, setAt: '2026-11-01T00:00:00Z' };
    const withMapping = await setup({ channelId: undefined }, [mapped]);
    await withMapping.run('2026-11-25T09:15:00Z');
    expect(withMapping.outbox.sent[0]?.to).toEqual({ kind: 'channel', channelId: '19:mapped' });
    const none = await setup({ channelId: undefined });
    await none.run('2026-11-25T09:15:00Z');
    expect(none.outbox.sent.every((m) => m.to.kind === 'person')).toBe(true);
  });

  it('custom offsets are honoured', () => {
    const due = dueReminders([cicc({ reminderOffsetsDays: [14] })], new Date('2026-11-18T09:00:00Z'), englandAndWales);
    expect(due.map((d) => [d.occurrence.date, d.offsetDays])).toEqual([['2026-12-02', 14]]);
  });

  it('a place that fails the PII guard is kept out of the channel copy but given to facilitators', async () => {
    const { outbox, run } = await setup({ place: 'CR9999 flat' });
    await run('2026-11-25T09:15:00Z');
    expect(viewOf(outbox.sent[0]!).place).toBe('the usual place (the people who run the meeting have the address)');
    expect(viewOf(outbox.sent[1]!).place).toBe('CR9999 flat');
  });

  it("a Monday forum's 1-day reminder comes on the Friday before, not on the Sunday, and says how far off the meeting really is", async () => {
    // Care leaver forum on the first Monday of the month: Monday 7 December 2026.
    const { outbox, run } = await setup({ rrule: 'FREQ=MONTHLY;BYDAY=1MO' });
    expect((await run('2026-11-30T09:00:00Z')).enqueued).toBe(3);
    expect((await run('2026-12-04T08:59:00Z')).enqueued).toBe(0);
    expect((await run('2026-12-04T09:00:00Z')).enqueued).toBe(3);
    expect(outbox.sent[3]!.dedupeKey).toBe('forum-reminder:cicc:2026-12-07:1:channel:19:cicc');
    expect(viewOf(outbox.sent[3]!).daysToGo).toBe('in 3 days');
    expect((await run('2026-12-06T09:00:00Z')).enqueued).toBe(0);
  });

  it('a reminder that would fall on a bank holiday comes the working day before (Christmas and Boxing Day substitute)', async () => {
    // A forum on Tuesday 29 December 2026: its 1-day reminder would be Monday 28 December (the Boxing Day
    // substitute), so it comes on Thursday 24 December; its 7-day one on Tuesday 22 December, a working day.
    const { outbox, run } = await setup({ rrule: 'FREQ=WEEKLY;BYDAY=TU', startDate: '2026-12-29' });
    await run('2026-12-22T09:00:00Z');
    expect((await run('2026-12-24T09:00:00Z')).enqueued).toBe(3);
    expect(outbox.sent.at(-1)!.dedupeKey).toMatch(/^forum-reminder:cicc:2026-12-29:1:/);
    expect(viewOf(outbox.sent.at(-1)!).daysToGo).toBe('in 5 days');
  });

  it("each forum's reminder carries its own \"You said, we did\": done and not possible, the channel copy without wording that fails the guard; a families' or care leavers' forum can print it", async () => {
    const { outbox, tracker, run } = await setup({ type: 'CARE_LEAVER', name: 'Care leaver forum' });
    tracker.done.push(
      { forumId: 'cicc', id: 'd1', text: 'Help with paying bills', outcome: 'done', result: 'We wrote a guide with care leavers.', told: false },
      { forumId: 'cicc', id: 'd2', text: 'Free bus passes', outcome: 'not_possible', result: 'The county pays for them.', told: true, toldOn: '2026-11-10' },
      { forumId: 'cicc', id: 'd3', text: 'Flat for CR1234', outcome: 'done', result: 'Found one.', told: false },
      { forumId: 'cicc', id: 'd4', text: 'Told long ago', outcome: 'done', result: 'Before the last meeting.', told: true, toldOn: '2026-10-01' },
      { forumId: 'other', id: 'd5', text: 'Another forum', outcome: 'done', result: 'Not this one.', told: false },
    );
    await run('2026-11-25T09:15:00Z');
    const channel = viewOf(outbox.sent[0]!);
    expect(channel.done).toEqual([
      { text: 'Help with paying bills', result: 'We wrote a guide with care leavers.', notPossible: false },
      { text: 'Free bus passes', result: 'The county pays for them.', notPossible: true },
    ]);
    expect(channel.doneWithheld).toBe(1);
    expect(channel).toMatchObject({ printable: true, occurrenceDate: '2026-12-02' });
    expect(viewOf(outbox.sent[1]!).done).toHaveLength(3);
  });

  it("the CICC's reminder has no printable page (the CICC digest has its own)", async () => {
    const { outbox, run } = await setup();
    await run('2026-11-25T09:15:00Z');
    expect(viewOf(outbox.sent[0]!).printable).toBe(false);
  });
});
