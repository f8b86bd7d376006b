import { HttpRequest } from '@azure/functions';
import { createBot, type Bot } from '../../bot/index';
import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { englandAndWales } from '../../core/calendar';
import type { Clock } from '../../core/clock';
import { forumFacilitator as facilitator, forumOfficer as officer, forumWorker as worker } from '../../core/testing';
import { TableTrackerStore } from '../../adapters/tables/tracker-store';
import { tableClient } from '../../adapters/tables/client';
import { lazyClient } from '../../adapters/tables/entity';
import { listMyActions } from '../../core/tracker';
import { createBotResponse, toBotRequest } from '../../functions/bot-bridge';
import { ConfigSchema } from '../../functions/config';
import { buildForumServices, runForumTimer, type ForumServices } from '../../functions/wiring/forums';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { walk } from '../support/card-nodes';

let azurite: RunningAzurite;
let connector: FakeConnector;
let bot: Bot;
let f: ForumServices;
let outbox: TableOutboxStore;
let stores: ReturnType<typeof createTableStores>;
let trackerItems: TableTrackerStore;
let now = new Date('2026-11-23T10:00:00Z');
const clock: Clock = { now: () => now };
let seq = 0;
const CHANNEL = '19:cicc-channel@thread.tacv2';

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  const tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  stores = createTableStores(tables);
  outbox = new TableOutboxStore(tables, clock);
  trackerItems = new TableTrackerStore(lazyClient(() => tableClient(tables, 'TrackerItems')));
  const conversations = new TableConversationStore(tables);
  await stores.people.upsertMany([officer, facilitator, worker]);
  await stores.teams.upsertMany([
    { id: 'north-cp', name: 'North Assessment Team', district: 'North', managerId: worker.id },
    { id: 'south-fs', name: 'South Family Support Team', district: 'South', managerId: officer.id },
  ]);
  f = buildForumServices({ config, forums: stores.forums, forumOutcomes: stores.forumOutcomes, channelMappings: stores.channelMappings, people: stores.people, teams: stores.teams, conversations, audit: stores.audit, clock, calendar: englandAndWales, outbox, trackerItems });
  bot = createBot({ config, people: stores.people, audit: stores.audit, conversations, clock, features: { forums: f } } as Parameters<typeof createBot>[0]);
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

const base = (aadObjectId: string) => ({
  id: `act-${++seq}`,
  channelId: 'msteams',
  serviceUrl: connector.serviceUrl,
  timestamp: new Date().toISOString(),
  from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Someone' },
  recipient: { id: '28:golden-thread-bot', name: 'Golden Thread' },
});
const personal = (aadObjectId: string) => ({
  ...base(aadObjectId),
  conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
  channelData: { tenant: { id: 'tenant-1' } },
});
const inChannel = (aadObjectId: string) => ({
  ...base(aadObjectId),
  conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
  channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL, name: 'CICC' } },
});

async function run(activity: object) {
  const req = new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(activity) } });
  const res = createBotResponse();
  await bot.process((await toBotRequest(req)) as never, res as never);
  return res.toResponse().jsonBody as { statusCode: number; type: string; value: unknown } | undefined;
}
const say = (activity: object, text: string) => run({ ...activity, type: 'message', text });
const execute = (aadObjectId: string, verb: string, data: Record<string, unknown>) =>
  run({ ...personal(aadObjectId), type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' } });

const lastSent = (conversationId: string) => connector.sent(conversationId).at(-1)?.activity;
const textOf = (x: unknown) => JSON.stringify(x ?? {});

const cicc = {
  name: 'Children in Care Council', type: 'CICC', frequency: 'monthly', ordinal: '1', weekday: 'WE', startDate: '2026-11-23', time: '17:00',
  place: 'Civic Centre', facilitatorIds: `${facilitator.id},${officer.id}`, channelId: 'none', reminderDays: '7, 1',
};

describe('forums and channels in Teams', () => {
  it('a participation officer registers the channel for the CICC, and `channels` lists it', async () => {
    await say(inChannel(officer.id), 'use this channel for CICC');
    expect(textOf(lastSent(`${CHANNEL};messageid=1`))).toContain('Done: this channel is now the Children in Care Council channel.');
    await say(inChannel(worker.id), 'channels');
    expect(textOf(lastSent(`${CHANNEL};messageid=1`))).toContain('the \\"CICC\\" channel');
  });

  it('anyone else is refused, and the mapping is unchanged', async () => {
    await say(inChannel(worker.id), 'use this channel for senior managers');
    expect(lastSent(`${CHANNEL};messageid=1`)?.text).toBe('Only a participation officer or an administrator can choose which channel the bot uses.');
    expect((await f.mappings.list()).map((m) => m.audience)).toEqual(['cicc']);
  });

  it("a team manager chooses their own team's channel for its weekly digest, but not another team's", async () => {
    const teamChannel = (aadObjectId: string) => {
      const a = inChannel(aadObjectId);
      return { ...a, conversation: { ...a.conversation, id: '19:north@thread.tacv2;messageid=7' }, channelData: { ...a.channelData, channel: { id: '19:north@thread.tacv2', name: 'North team' } } };
    };
    await say(teamChannel(worker.id), 'use this channel for team north assessment');
    expect(textOf(lastSent('19:north@thread.tacv2;messageid=7'))).toContain('Done: this channel is now the North Assessment Team channel.');
    await say(teamChannel(worker.id), 'use this channel for team south family support');
    expect(lastSent('19:north@thread.tacv2;messageid=7')?.text).toBe("Only the team's manager, a participation officer or an administrator can choose the channel for South Family Support Team.");
    expect((await f.mappings.list()).map((m) => [m.audience, m.channelId])).toEqual(expect.arrayContaining([['team:north-cp', '19:north@thread.tacv2']]));
    expect((await f.mappings.list()).map((m) => m.audience)).not.toContain('team:south-fs');
  });

  it('the officer creates the CICC as "first Wednesday monthly 17:00", sees the next five dates, and moves one', async () => {
    const editor = await execute(officer.id, 'forum.new', {});
    expect(walk(editor?.value).some((n) => n.id === 'frequency')).toBe(true);

    const preview = await execute(officer.id, 'forum.preview', cicc);
    expect(textOf(preview?.value)).toContain('It meets first Wednesday of every month at 5pm. The next five dates:');
    for (const d of ['2 December 2026', '6 January 2027', '3 February 2027', '3 March 2027', '7 April 2027']) expect(textOf(preview?.value)).toContain(`Wednesday ${d} at 5pm`);

    const invalid = await execute(officer.id, 'forum.save', { ...cicc, name: '', onlineLink: 'not a link' });
    const fields = walk(invalid?.value);
    expect(fields.find((n) => n.id === 'place')?.value).toBe('Civic Centre');
    expect(textOf(invalid?.value)).toContain('Problem: Give the forum a name.');

    const saved = await execute(officer.id, 'forum.save', cicc);
    expect(textOf(saved?.value)).toContain('Saved. Children in Care Council meets first Wednesday of every month at 5pm.');
    const [forum] = await f.forums.list();
    expect(forum).toMatchObject({ rrule: 'FREQ=MONTHLY;BYDAY=1WE', time: '17:00', reminderOffsetsDays: [7, 1] });

    // A year slipped in December ("2026" for "2027") would move January's meeting into the past, where no reminder goes.
    const slipped = await execute(officer.id, 'forum.occurrence.move', { forumId: forum!.id, originalDate: '2027-01-06', newDate: '2026-01-13', newTime: '17:00', newPlace: 'Library' });
    expect(textOf(slipped?.value)).toContain('Problem: That date has passed: choose today or a later date.');
    expect(walk(slipped?.value).find((n) => n.id === 'newPlace')?.value).toBe('Library');
    expect((await f.forums.get(forum!.id))?.value.overrides['2027-01-06']).toBeUndefined();

    const moved = await execute(officer.id, 'forum.occurrence.move', { forumId: forum!.id, originalDate: '2026-12-02', newDate: '2026-11-30', newTime: '17:00' });
    expect(textOf(moved?.value)).toContain('Done: moved to Monday 30 November 2026 at 5pm.');
  });

  it('someone without the role cannot create or move forums', async () => {
    expect((await execute(worker.id, 'forum.save', cicc))?.value).toBe('Only a participation officer or an administrator can set up or change forums.');
    const [forum] = await f.forums.list();
    expect((await execute(worker.id, 'forum.occurrence.open', { forumId: forum!.id }))?.value).toMatch(/Only a participation officer/);
    expect(await f.forums.list()).toHaveLength(1);
  });

  it('the reminder timer posts the 7-day reminder to the CICC channel and to each facilitator once; again, nothing new', async () => {
    expect(await runForumTimer(f)).toMatchObject({ reminders: 3 });
    expect(await runForumTimer(f)).toMatchObject({ reminders: 0, alreadySent: 3 });
    const ids = await outbox.listDue(new Date('2030-01-01'), 100);
    const msgs = await Promise.all(ids.map(async (id) => (await outbox.getById(id))!.message));
    expect(msgs.map((m) => m.to.kind === 'channel' ? m.to.channelId : m.to.personId).sort()).toEqual([CHANNEL, facilitator.id, officer.id].sort());
  });

  it("the facilitator records what young people said; the owner sees the item in my actions", async () => {
    now = new Date('2026-12-01T09:00:00Z'); // the next working day after the moved meeting
    await runForumTimer(f);
    const [forum] = await f.forums.list();
    const form = await execute(facilitator.id, 'forum.outcome.open', { forumId: forum!.id, originalDate: '2026-12-02' });
    expect(walk(form?.value).some((n) => n.id === 'p0text')).toBe(true);

    const refused = await execute(facilitator.id, 'forum.outcome.save', {
      forumId: forum!.id, originalDate: '2026-12-02', total: '6', p0text: 'I want my own room', p0owner: worker.id, p0due: '2027-01-31',
    });
    expect(walk(refused?.value).find((n) => n.id === 'p0text')?.value).toBe('I want my own room');
    expect(textOf(refused?.value)).toContain('Problem: Write what was said in general terms');

    const ok = await execute(facilitator.id, 'forum.outcome.save', {
      forumId: forum!.id, originalDate: '2026-12-02', total: '6', age_11_to_15: '4', age_16_to_17: '2', group_uasc: '1',
      p0text: 'Young people want more say in where reviews happen', p0kind: 'action', p0owner: worker.id, p0due: '2027-01-31',
    });
    expect(ok?.value).toContain('One "You said" item was created');
    const actions = await listMyActions({ items: trackerItems, people: stores.people, clock }, worker);
    expect(actions.map((a) => a.item.youSaid)).toEqual(['Young people want more say in where reviews happen']);
  });

  it("`forums` offers the officer the last meeting's form until it is recorded, so a lost request card loses nothing", async () => {
    now = new Date('2027-01-25T10:00:00Z'); // weeks after 6 January: the requests stopped after 14 days
    await say(personal(officer.id), 'forums');
    const list = lastSent(`a:personal-${officer.id}`);
    const button = walk(list).find((n) => n.verb === 'forum.outcome.open');
    expect(button?.title).toBe('Record what was said on Wednesday 6 January 2027');
    const form = await execute(officer.id, 'forum.outcome.open', (button?.data ?? {}) as Record<string, unknown>);
    expect(walk(form?.value).some((n) => n.id === 'p0text')).toBe(true);
    expect(textOf(form?.value)).toContain('Wednesday 6 January 2027');
    const saved = await execute(officer.id, 'forum.outcome.save', { ...(button?.data as Record<string, unknown>), total: '4', p0text: 'The group liked the new room', p0kind: 'no_action' });
    expect(saved?.value).toContain('Saved, thank you. 4 young people came.');
    await say(personal(officer.id), 'forums');
    expect(walk(lastSent(`a:personal-${officer.id}`)).some((n) => n.verb === 'forum.outcome.open')).toBe(false); // recorded: gone
    // A worker who runs no forum sees no such button.
    await say(personal(worker.id), 'forums');
    expect(walk(lastSent(`a:personal-${worker.id}`)).some((n) => n.verb === 'forum.outcome.open')).toBe(false);
    now = new Date('2026-12-01T09:00:00Z');
  });

  it('a second facilitator saving after the first keeps every point typed, and is told how to add one', async () => {
    const [forum] = await f.forums.list();
    const late = await execute(officer.id, 'forum.outcome.save', {
      forumId: forum!.id, originalDate: '2026-12-02', total: '5', p0text: 'More clubs in the holidays', p0kind: 'action', p0owner: worker.id, p0due: '2027-02-26',
    });
    expect(typeof late?.value).not.toBe('string');
    expect(walk(late?.value).find((n) => n.id === 'p0text')?.value).toBe('More clubs in the holidays');
    expect(walk(late?.value).find((n) => n.id === 'total')?.value).toBe('5');
    expect(textOf(late?.value)).toContain('is already recorded');
    expect(textOf(late?.value)).toContain('you said');
  });

  it('a due date in the past is named in the same round as a wrong total, so one fix is enough', async () => {
    const [forum] = await f.forums.list();
    const back = await execute(facilitator.id, 'forum.outcome.save', {
      forumId: forum!.id, originalDate: '2026-12-02', total: 'six', p0text: 'More say in reviews', p0kind: 'action', p0owner: worker.id, p0due: '2026-01-31',
    });
    expect(textOf(back?.value)).toContain('Problem: Give a whole number, 0 or more.');
    expect(textOf(back?.value)).toContain('Problem: The due date has passed.');
    expect(walk(back?.value).find((n) => n.id === 'p0due')?.value).toBe('2026-01-31');
  });
});
