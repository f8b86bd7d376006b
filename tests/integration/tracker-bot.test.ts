import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { tableClient } from '../../adapters/tables/client';
import { lazyClient } from '../../adapters/tables/entity';
import { TableForumStore } from '../../adapters/tables/forum-stores';
import { createBot, type Bot } from '../../bot/index';
import { englandAndWales } from '../../core/calendar';
import type { Person } from '../../core/model';
import { ConfigSchema } from '../../functions/config';
import { isReminderTime } from '../../functions/tracker-reminders.timer';
import { buildParticipation, runTrackerReminders, type ParticipationServices } from '../../functions/wiring/participation';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { botDriver } from '../support/bot-driver';
import { walk, type Node } from '../support/card-nodes';

jest.setTimeout(30_000);

const OFFICER: Person = { id: '1a2b3c4d-0000-4000-8000-000000000001', upn: 'pat@council.example', displayName: 'Pat Officer', roles: ['participation_officer'], teamId: 'participation' };
const OWNER: Person = { id: '1a2b3c4d-0000-4000-8000-000000000002', upn: 'olu@council.example', displayName: 'Olu Owner', roles: ['social_worker'], teamId: 'participation', lineManagerId: '1a2b3c4d-0000-4000-8000-000000000003' };
const STRANGER: Person = { id: '1a2b3c4d-0000-4000-8000-000000000004', upn: 'sol@council.example', displayName: 'Sol Stranger', roles: ['social_worker'], teamId: 'west' };
const LEAVER: Person = { id: '1a2b3c4d-0000-4000-8000-000000000009', upn: 'lee@council.example', displayName: 'Lee Leaver', roles: ['social_worker'], teamId: 'participation', goneOn: '2026-11-20' };
const MANAGER: Person = { id: '1a2b3c4d-0000-4000-8000-000000000003', upn: 'max@council.example', displayName: 'Max Manager', roles: ['manager'], teamId: 'participation' };

let azurite: RunningAzurite;
let connector: FakeConnector;
let bot: Bot;
let participation: ParticipationServices;
let outbox: TableOutboxStore;
let audit: ReturnType<typeof createTableStores>['audit'];
let now = new Date('2026-11-23T10:00:00Z');
let tables: { connectionString: string; prefix: string };
const tablesOf = () => tables;

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  const stores = createTableStores(tables);
  audit = stores.audit;
  const clock = { now: () => now };
  outbox = new TableOutboxStore(tables, clock);
  await stores.people.upsertMany([OFFICER, OWNER, MANAGER, STRANGER, LEAVER]);
  participation = buildParticipation({ config, people: stores.people, audit: stores.audit, examples: stores.examples, trackerItems: stores.trackerItems, forums: stores.forums, clock });
  const services = { config, people: stores.people, audit: stores.audit, conversations: new TableConversationStore(tables), clock, features: { examples: participation, tracker: participation } };
  bot = createBot(services);
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

const { personal: base, post, execute } = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });

const richTexts = (card: unknown) => walk(card).filter((n) => n.type === 'RichTextBlock').map((n) => (n.inlines as { text: string }[]).map((r) => r.text).join(''));
const boldRuns = (card: unknown) => walk(card).filter((n) => n.type === 'TextRun' && n.weight === 'Bolder').map((n) => n.text);
const texts = (card: unknown) => walk(card).flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));
const statuses = (card: unknown) => walk(card).filter((n) => n.title === 'Status' && !('type' in n)).map((n) => n.value);
const myActions = async (who: string) => {
  await post({ ...base(who), type: 'message', text: 'my actions' });
  return (connector.sent(`a:personal-${who}`).at(-1)?.activity.attachments as { content: Node }[])[0]?.content;
};

describe('"You said, we did" in Teams', () => {
  it('the owner list offers the officer\'s team without its leavers, and an owner typed into the card data who is not on the staff list is named beside the field, nothing saved', async () => {
    await post({ ...base(OFFICER.id), type: 'message', text: 'you said' });
    const form = (connector.sent(`a:personal-${OFFICER.id}`).at(-1)?.activity.attachments as { content: Node }[])[0]?.content;
    const owners = walk(form).find((n) => n.id === 'ownerId') as { choices: { title: string; value: string }[] };
    expect(owners.choices.map((c) => c.value)).toEqual(expect.arrayContaining([OFFICER.id, OWNER.id, MANAGER.id]));
    expect(owners.choices.map((c) => c.value)).not.toContain(LEAVER.id);
    for (const ownerId of [LEAVER.id, 'not-a-person']) {
      const card = await execute(OFFICER.id, 'yousaid.submit', { youSaid: 'Young people asked for a film night', saidBy: 'group', ownerId, dueDate: '2026-12-20' });
      expect(texts(card).join(' ')).toMatch(/not on Golden Thread's staff list/);
      expect(texts(card).join(' ')).not.toMatch(/^Tracked/);
    }
    expect(await participation.items.listActiveByOwner(LEAVER.id)).toEqual([]);
  });

  it('an item goes open -> reminded -> overdue -> done with feedback given, each step in my actions and audited', async () => {
    await post({ ...base(OFFICER.id), type: 'message', text: 'you said' });
    const form = (connector.sent(`a:personal-${OFFICER.id}`).at(-1)?.activity.attachments as { content: Node }[])[0]?.content;
    expect(walk(form).find((n) => n.id === 'ownerId')).toBeDefined();

    const tracked = await execute(OFFICER.id, 'yousaid.submit', { youSaid: 'Care leavers said the bus pass runs out too soon', saidBy: 'forum', ownerId: OWNER.id, dueDate: '2026-12-04' });
    expect(texts(tracked)).toContain('Tracked: "Care leavers said the bus pass runs out too soon", owned by Olu Owner, due 2026-12-04.');
    // The officer chases it: the card she lands on, and her "my actions", list what she raised for someone else.
    expect(texts(tracked)).toContain('Care leavers said the bus pass runs out too soon');
    expect(texts(await myActions(OFFICER.id))).toContain('Care leavers said the bus pass runs out too soon');
    const [item] = await participation.items.listActiveByOwner(OWNER.id);
    const id = item?.id as string;
    expect(statuses(await myActions(OWNER.id))).toEqual(['Open']);

    now = new Date('2026-12-01T09:30:00Z'); // three working days before Friday 4 December
    expect(isReminderTime(now, (d) => englandAndWales.isWorkingDay(d))).toBe(true);
    expect(await runTrackerReminders(participation, { outbox, calendar: englandAndWales })).toEqual({ reminded: 1, nudged: 0 });
    expect(statuses(await myActions(OWNER.id))).toEqual(['Open: reminder sent, due soon']);

    now = new Date('2026-12-07T09:30:00Z');
    expect(await runTrackerReminders(participation, { outbox, calendar: englandAndWales })).toEqual({ reminded: 0, nudged: 1 });
    expect(await runTrackerReminders(participation, { outbox, calendar: englandAndWales })).toEqual({ reminded: 0, nudged: 0 });
    expect(statuses(await myActions(OWNER.id))).toEqual(['Overdue']);
    expect(statuses(await myActions(MANAGER.id))).toEqual(['Overdue']); // the owner's manager sees the team's
    expect(statuses(await myActions(OFFICER.id))).toEqual(['Overdue']); // and the officer who raised it sees it go overdue
    const sent = await outbox.listByStatus('pending');
    expect(sent.map((m) => [m.message.kind, m.message.to])).toEqual(expect.arrayContaining([
      ['tracker.reminder', { kind: 'person', personId: OWNER.id }],
      ['tracker.overdue', { kind: 'person', personId: OWNER.id }],
    ]));

    now = new Date('2026-12-07T11:00:00Z');
    const noReason = await execute(OWNER.id, 'tracker.progress', { itemId: id, outcome: 'not_possible', why: '' });
    expect(texts(noReason)).toContain('Problem: Please say why it was not possible: the children are told why too.');

    const done = await execute(OWNER.id, 'tracker.progress', { itemId: id, outcome: 'done', weDid: 'Bus passes now last the whole month', feedbackGiven: 'false' });
    expect(texts(done)).toContain('Saved. It closes once you record that the children were told.');
    expect(statuses(done)).toEqual(['Outcome recorded: the children still need to be told']);

    now = new Date('2026-12-08T11:00:00Z');
    const closed = await execute(OWNER.id, 'tracker.feedback', { itemId: id, feedbackOn: '2026-12-08', feedbackHow: 'Told at the care leaver forum' });
    expect(texts(closed)).toContain('Closed: the outcome and the feedback to the children are recorded.');
    expect(texts(closed)).toContain('Nothing open: every action is done and the children have been told.');

    const trail = await audit.listForRecord('tracker-item', id);
    expect(trail.map((e) => e.action)).toEqual(['tracker.raised', 'tracker.reminded', 'tracker.overdue_nudged', 'tracker.done', 'tracker.feedback_given']);
  });

  it('a "You said" with a name in it is shown highlighted before it is tracked', async () => {
    const card = await execute(OFFICER.id, 'yousaid.submit', { youSaid: 'Kayleigh asked for contact on Saturdays', saidBy: 'child', ownerId: OWNER.id, dueDate: '2026-12-20' });
    expect(richTexts(card)).toContain('Kayleigh [a name] asked for contact on Saturdays');
    expect(boldRuns(card)).toEqual(['Kayleigh']);
  });

  it('someone who neither owns nor manages an item cannot update it', async () => {
    now = new Date('2026-12-09T10:00:00Z');
    await execute(OFFICER.id, 'yousaid.submit', { youSaid: 'Young people asked for later reviews', saidBy: 'group', ownerId: OWNER.id, dueDate: '2026-12-20' });
    const [item] = await participation.items.listActiveByOwner(OWNER.id);
    expect(await execute(STRANGER.id, 'tracker.progress', { itemId: item?.id, outcome: 'done', weDid: 'Later reviews' })).toMatch(/Only the owner, the person who added this, their manager or an administrator/);
  });
});

describe('editing and withdrawing a "You said"', () => {
  it('its author changes it from the update card, then withdraws it; the owner cannot; the audit keeps both', async () => {
    now = new Date('2026-12-10T10:00:00Z');
    await execute(OFFICER.id, 'yousaid.submit', { youSaid: 'Young people asked for a quiet room at the office', saidBy: 'group', ownerId: OWNER.id, dueDate: '2026-12-21' });
    const item = (await participation.items.listActiveByOwner(OWNER.id)).find((i) => i.youSaid.includes('quiet room'));
    const id = item?.id as string;
    expect(await execute(OWNER.id, 'tracker.edit', { itemId: id })).toMatch(/Only the person who added this/);
    const form = await execute(OFFICER.id, 'tracker.edit', { itemId: id });
    expect(texts(form)).toContain('Edit this "You said"');
    const saved = await execute(OFFICER.id, 'yousaid.submit', { itemId: id, youSaid: 'Young people asked for a quiet room at the office', saidBy: 'group', ownerId: OWNER.id, dueDate: '2027-01-15' });
    expect(texts(saved)).toContain('Saved your changes. The history is kept in the audit trail.');
    expect((await participation.items.get(id))?.value).toMatchObject({ dueDate: '2027-01-15', ownerId: OWNER.id, saidBy: 'group' });
    await execute(OFFICER.id, 'tracker.withdraw', { itemId: id });
    expect((await participation.items.get(id))?.value.status).toBe('withdrawn');
    expect((await audit.listForRecord('tracker-item', id)).map((e) => e.action).sort()).toEqual(['access.refused', 'tracker.edited', 'tracker.raised', 'tracker.withdrawn']);
  });
});

describe('a forum\'s "You said" names the forum, so that forum hears back', () => {
  it('the form offers the council\'s forums; a forum\'s item without one comes back with the problem beside it, entries kept; a child\'s names none', async () => {
    now = new Date('2026-12-10T10:00:00Z');
    const forums = new TableForumStore(lazyClient(() => tableClient(tablesOf(), 'Forums')));
    for (const [id, name, type] of [['cicc', 'Children in Care Council', 'CICC'], ['care-leavers', 'Care leaver forum', 'CARE_LEAVER']] as const)
      await forums.save({ id, name, type, rrule: 'FREQ=MONTHLY;BYDAY=1WE', startDate: '2026-01-07', time: '17:00', durationMinutes: 90, facilitatorIds: [OFFICER.id], reminderOffsetsDays: [7, 1], overrides: {}, createdBy: OFFICER.id, updatedAt: now.toISOString() });

    const form = await execute(OFFICER.id, 'yousaid.new', {});
    const choice = walk(form).find((n) => n.id === 'forumId') as { choices: { title: string; value: string }[] };
    expect(choice.choices).toEqual([{ title: 'Care leaver forum', value: 'care-leavers' }, { title: 'Children in Care Council', value: 'cicc' }]);

    const entries = { youSaid: 'Care leavers asked for a guide to paying bills', saidBy: 'forum', ownerId: OWNER.id, dueDate: '2027-01-20' };
    const refused = await execute(OFFICER.id, 'yousaid.submit', entries);
    expect(texts(refused)).toContain('Problem: Please choose which forum said it.');
    expect(walk(refused).find((n) => n.id === 'youSaid')?.value).toBe(entries.youSaid);

    await execute(OFFICER.id, 'yousaid.submit', { ...entries, forumId: 'care-leavers' });
    const saved = (await participation.items.listActiveByOwner(OWNER.id)).find((i) => i.youSaid === entries.youSaid);
    expect(saved).toMatchObject({ saidBy: 'forum', forumId: 'care-leavers' });
    expect((await audit.listForRecord('tracker-item', saved!.id)).find((e) => e.action === 'tracker.raised')?.detail).toMatchObject({ saidBy: 'forum', forumId: 'care-leavers' });

    // A child's "You said" names no forum, even if one was left chosen on the form.
    await execute(OFFICER.id, 'yousaid.submit', { youSaid: 'A young person asked for a later review', saidBy: 'child', forumId: 'cicc', ownerId: OWNER.id, dueDate: '2027-01-20' });
    const child = (await participation.items.listActiveByOwner(OWNER.id)).find((i) => i.youSaid === 'A young person asked for a later review');
    expect(child?.forumId).toBeUndefined();
  });
});
