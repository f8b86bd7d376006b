import { englandAndWales } from '../calendar/working-days';
import { fixedClock } from '../clock';
import type { DomainError } from '../errors';
import { InMemoryForumStore, InMemoryOutbox, InMemoryOutcomeStore, InMemoryTracker, forumFacilitator as facilitator, forumOfficer as officer, forumWorker as worker } from '../testing';
import { ForumSchema } from './forum';
import type { PiiCheck } from './ports';
import { askForOutcomes, recordForumOutcome, type RecordOutcomeRequest } from './record-outcome';

const piiCheck: PiiCheck = (t) => (/\bCR\d+/.test(t) ? { ok: false, reason: 'Remove the case reference.' } : { ok: true });

async function setup(now = '2026-12-03T10:00:00Z') {
  const forums = new InMemoryForumStore();
  await forums.save(
    ForumSchema.parse({
      id: 'cicc',
      name: 'Children in Care Council',
      type: 'CICC',
      rrule: 'FREQ=MONTHLY;BYDAY=1WE',
      startDate: '2026-01-01',
      time: '17:00',
      place: 'Civic Centre',
      facilitatorIds: [facilitator.id],
      createdBy: officer.id,
      updatedAt: '2026-01-01T00:00:00Z',
    }),
  );
  const outcomes = new InMemoryOutcomeStore();
  const tracker = new InMemoryTracker();
  const outbox = new InMemoryOutbox();
  const deps = { forums, outcomes, tracker, piiCheck, clock: fixedClock(now) };
  return { deps, outcomes, tracker, outbox, forums };
}

const request: RecordOutcomeRequest = {
  forumId: 'cicc',
  originalDate: '2026-12-02',
  attendance: { total: 9, byAgeBand: { '11_to_15': 5, '16_to_17': 4 }, harderToHear: { uasc: 2, disabled: 1 } },
  points: [
    { kind: 'action', text: 'Young people want Wi-Fi in every semi-independent home', ownerId: officer.id, dueDate: '2027-01-31' },
    { kind: 'no_action', text: 'They liked the new pocket money leaflet', note: 'Thanks passed on' },
  ],
};

describe('recording what young people said', () => {
  it('each point asking for change becomes a "You said" item with its owner and due date; attendance is counts only', async () => {
    const { deps, tracker, outcomes } = await setup();
    const outcome = await recordForumOutcome(deps, facilitator, request);
    expect(tracker.items).toEqual([
      expect.objectContaining({
        text: 'Young people want Wi-Fi in every semi-independent home',
        ownerId: officer.id,
        dueDate: '2027-01-31',
        source: { kind: 'forum', forumId: 'cicc', forumName: 'Children in Care Council', occurrenceDate: '2026-12-02' },
      }),
    ]);
    expect(outcome.points[0]).toMatchObject({ trackerItemId: 'ys1' });
    expect(outcome.points[1]).toMatchObject({ kind: 'no_action', note: 'Thanks passed on' });
    expect(await outcomes.get('cicc', '2026-12-02')).toEqual(outcome);
    expect(Object.keys(outcome.attendance)).toEqual(['total', 'byAgeBand', 'harderToHear']);
  });

  it('a point that fails the PII guard is named beside its field and nothing is created', async () => {
    const { deps, tracker, outcomes } = await setup();
    const bad = { ...request, points: [request.points[1]!, { ...request.points[0]!, text: 'CR1234 wants a new placement' }] };
    const err = (await recordForumOutcome(deps, facilitator, bad).catch((e) => e)) as DomainError;
    expect(err.code).toBe('INVALID');
    expect(err.details).toEqual({ 'points.1.text': ['Remove the case reference.'] });
    expect(tracker.items).toEqual([]);
    expect(outcomes.rows.size).toBe(0);
  });

  it('age bands that add up to more than the total are refused', async () => {
    const { deps } = await setup();
    const err = (await recordForumOutcome(deps, facilitator, { ...request, attendance: { total: 3, byAgeBand: { under_11: 4 } } }).catch((e) => e)) as DomainError;
    expect(err.details).toHaveProperty(['attendance.byAgeBand']);
  });

  it('only the facilitators or a participation officer may record, and only once per meeting', async () => {
    const { deps } = await setup();
    await expect(recordForumOutcome(deps, worker, request)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await recordForumOutcome(deps, officer, request);
    await expect(recordForumOutcome(deps, facilitator, request)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a cancelled or non-existent meeting cannot have outcomes', async () => {
    const { deps } = await setup();
    await expect(recordForumOutcome(deps, facilitator, { ...request, originalDate: '2026-12-03' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('asking facilitators after each meeting', () => {
  const ask = async (s: Awaited<ReturnType<typeof setup>>, iso: string) =>
    askForOutcomes({ ...s.deps, clock: fixedClock(iso), outbox: s.outbox, calendar: englandAndWales, renderRequest: (v) => ({ v }) });

  it('facilitators are asked at 9am on the next working day, once', async () => {
    const s = await setup();
    expect((await ask(s, '2026-12-03T08:59:00Z')).enqueued).toBe(0);
    expect((await ask(s, '2026-12-03T09:00:00Z')).enqueued).toBe(1);
    expect((await ask(s, '2026-12-03T12:00:00Z')).enqueued).toBe(0);
    expect(s.outbox.sent[0]).toMatchObject({ to: { kind: 'person', personId: facilitator.id }, kind: 'forum.outcome-request' });
    expect(s.outbox.sent[0]?.card).toEqual({ v: expect.objectContaining({ originalDate: '2026-12-02', dateWords: 'Wednesday 2 December 2026' }) });
  });

  it('a meeting just before the Christmas bank holidays is asked about on the next working day after them', async () => {
    const s = await setup();
    await s.forums.save(
      { ...(await s.forums.get('cicc'))!.value, overrides: { '2026-12-02': { status: 'moved', date: '2026-12-24', time: '17:00' } } },
      (await s.forums.get('cicc'))!.etag,
    );
    // 24 Dec is a Thursday; 25 and 28 December are bank holidays (Boxing Day is substituted to Monday 28th).
    expect((await ask(s, '2026-12-28T12:00:00Z')).enqueued).toBe(0);
    expect((await ask(s, '2026-12-29T09:00:00Z')).enqueued).toBe(1);
  });

  it('a forum with no facilitators asks the officer who set it up', async () => {
    const s = await setup();
    const got = (await s.forums.get('cicc'))!;
    await s.forums.save({ ...got.value, facilitatorIds: [] }, got.etag);
    await ask(s, '2026-12-03T09:00:00Z');
    expect(s.outbox.sent.map((m) => m.to)).toEqual([{ kind: 'person', personId: officer.id }]);
  });

  it('no one is asked once the outcome is recorded', async () => {
    const s = await setup();
    await recordForumOutcome(s.deps, facilitator, request);
    expect((await ask(s, '2026-12-03T09:00:00Z')).enqueued).toBe(0);
  });
});

describe('with the real PII guard', () => {
  it('a point naming a young person is refused with the reason in words', async () => {
    const { piiCheckWith } = await import('./pii-check');
    const s = await setup();
    const deps = { ...s.deps, piiCheck: piiCheckWith() };
    const err = (await recordForumOutcome(deps, facilitator, {
      ...request,
      points: [{ kind: 'action', text: 'Tyler Jones wants his own room at his placement in SE1 7PB', ownerId: officer.id, dueDate: '2027-01-31' }],
    }).catch((e) => e)) as DomainError;
    expect(err.details).toEqual({ 'points.0.text': [expect.stringMatching(/^Write this in general terms: it seems to include .*a postcode/)] });
    expect(await recordForumOutcome(deps, facilitator, request)).toBeTruthy();
  });
});

describe('points in general terms', () => {
  it("a young person's own words (first person or quoted) are refused before any item is made", async () => {
    const { piiCheckWith } = await import('./pii-check');
    const s = await setup();
    const deps = { ...s.deps, piiCheck: piiCheckWith() };
    const err = (await recordForumOutcome(deps, facilitator, {
      ...request,
      points: [{ kind: 'action', text: 'I want more say in my reviews', ownerId: officer.id, dueDate: '2027-01-31' }],
    }).catch((e) => e)) as DomainError;
    expect(err.details).toEqual({ 'points.0.text': [expect.stringMatching(/general terms/)] });
    expect(s.tracker.items).toEqual([]);
  });
});
