import { englandAndWales } from '../../calendar/working-days';
import { defaultPromises } from '../../model/promises';
import { InMemoryAudit, InMemoryOutbox, InMemoryTrackerStore } from '../../testing';
import { recordToldByDigest, trackerFacts, type TrackerItem } from '../../tracker';
import { inMemoryExampleFacts, inMemoryForumCalendar } from '../../testing';
import type { ForumOccurrence } from '../ports';
import { sendCiccDigests, type CiccDigestDeps } from './send-cicc';
import { piiTextGuard } from '../text/text-guard';

const forums: ForumOccurrence[] = [
  { id: 'cicc:2026-11-10', forum: 'CICC', start: '2026-11-10T17:00:00Z' },
  { id: 'cicc:2026-12-08', forum: 'CICC', start: '2026-12-08T17:00:00Z' },
];
const SEND = new Date('2026-12-03T08:30:00Z'); // 3 working days before 8 December, after 08:00

const item = (id: string, o: Partial<TrackerItem>): TrackerItem => ({
  id, youSaid: 'We want to meet the councillors.', saidBy: 'forum', forumId: 'cicc', source: { kind: 'command' }, raisedById: 'p1',
  raisedAt: '2026-11-12T10:00:00.000Z', raisedOn: '2026-11-12', ownerId: 'p1', dueDate: '2026-12-20', status: 'open', shareable: true,
  updatedAt: '2026-11-12T10:00:00.000Z', ...o,
});
const awaiting = { status: 'awaiting_feedback', outcome: { kind: 'done', weDid: 'Two councillors will come to the next meeting.' }, outcomeAt: '2026-11-20T10:00:00.000Z' } as const;

async function world(o: { channel?: boolean; outbox?: CiccDigestDeps['outbox'] } = {}) {
  const items = new InMemoryTrackerStore();
  const audit = new InMemoryAudit();
  await items.create(item('cicc-done', awaiting));
  await items.create(item('uasc-done', { ...awaiting, youSaid: 'Maps of the town.', forumId: 'uasc' }));
  await items.create(item('cicc-open', { youSaid: 'Wifi in every home.' }));
  let now = SEND;
  const clock = { now: () => now };
  const outbox = new InMemoryOutbox();
  const deps: CiccDigestDeps = {
    facts: { tracker: trackerFacts(items), examples: inMemoryExampleFacts([]), forums: inMemoryForumCalendar(forums) },
    calendar: englandAndWales,
    outbox: o.outbox ?? outbox,
    promises: defaultPromises,
    guard: piiTextGuard,
    channelId: async () => (o.channel === false ? undefined : 'cicc-channel'),
    facilitatorIds: async () => [],
    renderDigest: (view) => [{ view }],
    renderAudit: () => ({ audit: true }),
    recordTold: (x) => recordToldByDigest({ items, audit, clock }, x),
  };
  return { items, audit, outbox, deps, later: (iso: string) => (now = new Date(iso)) };
}

describe('sending the CICC digest is how the CICC is told', () => {
  it('records the CICC\'s reported items as told, audited, once; not another forum\'s, not an open one', async () => {
    const w = await world();
    const first = await sendCiccDigests(w.deps, SEND);
    expect(first.told).toBe(1);
    const done = (await w.items.get('cicc-done'))!.value;
    expect(done).toMatchObject({ status: 'closed', closedOn: '2026-12-03', feedback: { givenOn: '2026-12-03', how: 'In the Children in Care Council digest for the meeting on 2026-12-08' } });
    expect((await w.items.get('uasc-done'))!.value.status).toBe('awaiting_feedback');
    expect((await w.items.get('cicc-open'))!.value.status).toBe('open');
    expect(w.audit.entries.filter((e) => e.action === 'tracker.feedback_given')).toEqual([
      expect.objectContaining({ actorId: 'system:digest.cicc', recordId: 'cicc-done', detail: { givenOn: '2026-12-03', via: 'digest.cicc:cicc:2026-12-08' } }),
    ]);
    // The card said so: "You told us ... So we ...", and it counts as done.
    const view = (w.outbox.sent[0]!.card as { view: { done: unknown[] } }).view;
    expect(view.done).toEqual([{ youSaid: 'We want to meet the councillors.', weDid: 'Two councillors will come to the next meeting.', label: '' }]);

    // The next hourly tick sends nothing, and records nothing again, even with a new outcome since.
    await w.items.create(item('cicc-later', { ...awaiting, youSaid: 'Later bedtimes.', outcomeAt: '2026-12-03T09:00:00.000Z' }));
    w.later('2026-12-03T09:30:00Z');
    expect(await sendCiccDigests(w.deps, new Date('2026-12-03T09:30:00Z'))).toMatchObject({ enqueued: 0, told: 0 });
    expect((await w.items.get('cicc-later'))!.value.status).toBe('awaiting_feedback');
    expect(w.audit.entries.filter((e) => e.action === 'tracker.feedback_given')).toHaveLength(1);
  });

  it('records nothing when nothing was enqueued (no channel and no facilitators)', async () => {
    const w = await world({ channel: false });
    expect(await sendCiccDigests(w.deps, SEND)).toMatchObject({ enqueued: 0, told: 0 });
    expect((await w.items.get('cicc-done'))!.value.status).toBe('awaiting_feedback');
  });

  it('records nothing when the outbox refuses the post', async () => {
    const w = await world({ outbox: { enqueue: async () => { throw new Error('storage down'); } } });
    await expect(sendCiccDigests(w.deps, SEND)).rejects.toThrow('storage down');
    expect((await w.items.get('cicc-done'))!.value.status).toBe('awaiting_feedback');
    expect(w.audit.entries).toHaveLength(0);
  });
});

describe('an example the digest cannot quote', () => {
  const HARD_TITLE = 'Organisational accommodation refurbishment consultation considerations';
  const example = (id: string, summary: string, authorId?: string) => ({ id, recordedAt: '2026-11-20T10:00:00Z', promiseIds: ['safe'], mode: 'consulted_informed' as const, shareable: true, summary, ...(authorId ? { authorId } : {}) });

  it('asks its author, once per wording, to put the title in plainer words; a plain title asks no one', async () => {
    const w = await world();
    const asked: { id: string; title: string }[] = [];
    const deps: CiccDigestDeps = {
      ...w.deps,
      facts: { ...w.deps.facts, examples: inMemoryExampleFacts([example('e-hard', HARD_TITLE, 'author-1'), example('e-plain', 'Young people chose the new beds.', 'author-2')]) },
      rewordExample: (e) => (asked.push(e), { reword: e.id }),
    };
    const first = await sendCiccDigests(deps, SEND);
    expect(first.rewordAsked).toBe(1);
    expect(asked).toEqual([{ id: 'e-hard', title: HARD_TITLE }]);
    expect(w.outbox.sent.filter((m) => m.kind === 'example.reword')).toEqual([expect.objectContaining({ to: { kind: 'person', personId: 'author-1' } })]);
    // The digest itself shows the safe line, never the hard title.
    const view = (w.outbox.sent.find((m) => m.kind === 'digest.cicc')!.card as { view: { examples: { text: string }[] } }).view;
    expect(view.examples.map((e) => e.text)).not.toContain(HARD_TITLE);
    // The next hourly tick (or a rerun) does not ask again.
    const again = await sendCiccDigests(deps, SEND);
    expect(again.rewordAsked).toBe(0);
    expect(w.outbox.sent.filter((m) => m.kind === 'example.reword')).toHaveLength(1);
  });
});

