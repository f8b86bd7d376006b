import { createTableStores } from '../../adapters/tables';
import { tableClient } from '../../adapters/tables/client';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { lazyClient } from '../../adapters/tables/entity';
import { TableNudgeStateStore } from '../../adapters/tables/nudge-state';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { createOutbox, type OutboxSender } from '../../adapters/outbox';
import { TABLES } from '../../adapters/tables/names';
import { createBot, type Bot } from '../../bot/index';
import { englandAndWales } from '../../core/calendar';
import type { Person } from '../../core/model';
import { child, meeting } from '../../core/testing';
import { voiceSettings } from '../../core/voice';
import { buildAdmin } from '../../functions/wiring/admin';
import { ConfigSchema } from '../../functions/config';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnectorWithDelete } from '../support/fake-connector-delete';
import { botDriver } from '../support/bot-driver';
import { walk, type Node } from '../support/card-nodes';

jest.setTimeout(30_000);

const ADMIN: Person = { id: '7a000000-0000-4000-8000-000000000001', upn: 'ada@council.example', displayName: 'Ada Admin', roles: ['admin'] };
const WORKER: Person = { id: '7a000000-0000-4000-8000-000000000002', upn: 'sam@council.example', displayName: 'Sam Worker', roles: ['social_worker'], teamId: 'north' };
const OFFICER: Person = { id: '7a000000-0000-4000-8000-000000000003', upn: 'pat@council.example', displayName: 'Pat Officer', roles: ['participation_officer', 'manager'] };
const NOW = new Date('2026-11-23T10:00:00Z');

let azurite: RunningAzurite;
let connector: Awaited<ReturnType<typeof startFakeConnectorWithDelete>>;
let bot: Bot;
let outbox: TableOutboxStore;
let stores: ReturnType<typeof createTableStores>;
let nudges: TableNudgeStateStore;
let sender: OutboxSender;

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnectorWithDelete();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  const tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  stores = createTableStores(tables);
  const clock = { now: () => NOW };
  outbox = new TableOutboxStore(tables, clock);
  const conversations = new TableConversationStore(tables);
  nudges = new TableNudgeStateStore(lazyClient(() => tableClient(tables, TABLES.voice)));
  await stores.people.upsertMany([ADMIN, WORKER, OFFICER]);
  await stores.children.upsertMany([child('AB1', { workerId: WORKER.id })]);
  await stores.meetings.upsertMany([meeting('m-77', 'RCPC', '2026-12-07', { childRef: 'AB1' })]);
  await conversations.save({
    key: `person:${WORKER.id}`, conversationType: 'personal', updatedAt: NOW.toISOString(),
    reference: { serviceUrl: connector.serviceUrl, channelId: 'msteams', conversation: { id: 'a:chat-sam' }, bot: { id: '28:golden-thread-bot' } },
  });
  sender = createOutbox({ tables, clock, conversations, audit: stores.audit, auth: config }).sender;
  await conversations.save({
    key: 'channel:19:cicc@thread.tacv2', conversationType: 'channel', channelName: 'Children in Care Council', updatedAt: NOW.toISOString(),
    reference: { channelId: 'msteams', serviceUrl: connector.serviceUrl, conversation: { id: '19:cicc@thread.tacv2', conversationType: 'channel', isGroup: true }, bot: { id: '28:golden-thread-bot' } },
  });

  // A parked message, a nudge the worker never got (app not installed), and a CICC digest posted to its channel.
  for (const key of ['parked-1', 'undelivered-1', 'posted-1']) await outbox.enqueue({ dedupeKey: key, to: key === 'posted-1' ? { kind: 'channel', channelId: '19:cicc@thread.tacv2' } : { kind: 'person', personId: WORKER.id }, kind: key === 'posted-1' ? 'digest.cicc' : 'nudge', text: 'x' });
  await outbox.transition((await outbox.get('parked-1'))!, { status: 'parked', lastError: 'connector answered 400' });
  await outbox.transition((await outbox.get('undelivered-1'))!, { status: 'failed', lastError: 'no_conversation' });
  await outbox.transition((await outbox.get('posted-1'))!, { status: 'sent', sentAt: NOW.toISOString(), activityId: 'act-cicc-1', conversationId: '19:cicc@thread.tacv2' });

  const admin = buildAdmin({ config, auditReader: stores.auditReader, people: stores.people, outbox, audit: stores.audit, clock, calendar: englandAndWales, conversations });
  admin.pause = { meetings: stores.meetings, children: stores.children, nudges, settings: voiceSettings(), calendar: englandAndWales, audit: stores.audit, clock };
  bot = createBot({ config, people: stores.people, audit: stores.audit, conversations, clock, features: { admin } } as Parameters<typeof createBot>[0]);
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

const { personal: base, post, execute } = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
const say = async (who: string, text: string) => {
  await post({ ...base(who), type: 'message', text });
  return connector.sent(`a:personal-${who}`).at(-1)?.activity;
};

const texts = (card: unknown) => walk(card).flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));
const cardOf = (activity: Node | undefined) => (activity?.attachments as { content: Node }[] | undefined)?.[0]?.content;

describe('the admin view in Teams', () => {
  it('someone who is not an administrator is told so, and the attempt is in the audit trail', async () => {
    for (const who of [WORKER, OFFICER]) expect((await say(who.id, 'admin'))?.text).toBe('Only an administrator can do that.');
    const refused = await stores.audit.listForRecord('action', 'admin.view');
    expect(refused.map((e) => [e.action, e.actorId])).toEqual([['access.refused', WORKER.id], ['access.refused', OFFICER.id]]);
  });

  it('an administrator sees the parked message, the nudge that never reached Sam, the CICC post, and how long the bank-holiday data lasts', async () => {
    const card = cardOf(await say(ADMIN.id, 'admin'));
    const all = texts(card).join('\n');
    expect(all).toContain('nudge to Sam Worker, queued 23 November 2026: connector answered 400');
    expect(all).toContain('nudge to Sam Worker, 23 November 2026: the app is not installed for them');
    expect(all).toContain('digest.cicc in channel "Children in Care Council", 23 November 2026');
    expect(all).toContain('The shipped bank-holiday list covers dates up to 31 December 2028');
    expect(walk(card).filter((n) => n.type === 'Action.Execute').map((n) => n.title)).toEqual(expect.arrayContaining(['Retry', 'Discard', 'Delete post', 'Pause nudges']));
  });

  it('Retry puts a parked message back in the queue, the card says so, and the retry is audited', async () => {
    const id = (await outbox.get('parked-1'))!.id;
    const card = await execute(ADMIN.id, 'admin.retry', { id });
    expect(texts(card)).toContain('The nudge message will be sent again within a minute.');
    expect((await outbox.get('parked-1'))?.status).toBe('pending');
    expect(await outbox.listDue(new Date(NOW.getTime() + 1000), 10)).toContain(id);
    await sender.drain();
    // Sam gets it at last (in whichever chat the bot last stored for Sam).
    expect(connector.sent().filter((r) => r.activity.text === 'x').map((r) => r.conversationId)).toEqual([expect.stringMatching(/^a:(chat-sam|personal-)/)]);
    expect((await outbox.get('parked-1'))?.status).toBe('sent');
    expect((await stores.audit.listForRecord('outbox', id)).map((e) => [e.action, e.actorId])).toEqual([['outbox.retried', ADMIN.id]]);
    // Pressed twice (an old card): told it changed, nothing else happens.
    expect(texts(await execute(ADMIN.id, 'admin.retry', { id }))).toContain('That message changed while you were looking: here is the list as it is now.');
  });

  it('Delete post removes the bot\'s CICC post from the channel through the Bot Connector, and it leaves the list', async () => {
    const id = (await outbox.get('posted-1'))!.id;
    const card = await execute(ADMIN.id, 'admin.deletePost', { id });
    expect(connector.deleted).toEqual([expect.objectContaining({ conversationId: '19:cicc@thread.tacv2', activityId: 'act-cicc-1' })]);
    expect(texts(card)).toContain('Deleted the digest.cicc post from the channel.');
    expect(texts(card)).toContain('No channel posts on file (they are kept 30 days).');
    expect((await stores.audit.listForRecord('outbox', id))[0]).toMatchObject({ action: 'outbox.post-deleted', detail: { activityId: 'act-cicc-1' } });
  });

  it('a worker cannot delete a post or retry a message, even with an old admin card', async () => {
    const id = (await outbox.get('posted-1'))!.id;
    expect(await execute(WORKER.id, 'admin.deletePost', { id })).toBe('Only an administrator can do that.');
  });

  it('admin pause stops one meeting\'s nudges and escalation, and says which', async () => {
    const reply = await say(ADMIN.id, 'admin pause m-77 child moved out of area');
    expect(reply?.text).toMatch(/^Nudges for meeting m-77 \(AB1, voice due 2026-\d\d-\d\d\) are paused/);
    const facts = (await nudges.listForMeetings(['m-77'])).get('m-77') ?? [];
    expect(facts.map((f) => f.stage)).toContain('escalation');
    expect(facts.every((f) => f.kind === 'skipped')).toBe(true);
    expect((await stores.audit.listForRecord('meeting', 'm-77'))[0]).toMatchObject({ action: 'voice.paused', detail: { reason: 'child moved out of area' } });
  });

  it('the paused meeting is listed on the admin card, and Resume nudges undoes the pause', async () => {
    const card = await execute(ADMIN.id, 'admin.view', {});
    expect(texts(card).some((t) => /^Meeting m-77: voice due .+, paused on .+ by /.test(t))).toBe(true);
    const after = await execute(ADMIN.id, 'admin.resume', { meetingId: 'm-77' });
    expect(texts(after)).toContain('Nudges for meeting m-77 are back on: the next one due goes out with the morning scan.');
    expect(texts(after)).toContain("No meeting's nudges are paused.");
    expect((await nudges.listForMeetings(['m-77'])).get('m-77') ?? []).toEqual([]);
    expect((await stores.audit.listForRecord('meeting', 'm-77')).map((e) => e.action).sort()).toEqual(['voice.paused', 'voice.resumed']); // same instant: any order
    expect(await execute(WORKER.id, 'admin.resume', { meetingId: 'm-77' })).toBe('Only an administrator can do that.');
  });

  it('admin audit <from> <to> counts the period\'s entries by action and points to the CSV', async () => {
    // The audit log stamps entries with the real time: a period wide enough to hold this run's.
    const reply = await say(ADMIN.id, 'admin audit 2020-01-01 2035-12-31');
    expect(reply?.text).toMatch(/^Audit trail 2020-01-01 to 2035-12-31: \d+ entries\./);
    expect(reply?.text).toContain('- access.refused: 4'); // two views, one delete and one resume refused above
    expect(reply?.text).toContain('- outbox.retried: 1');
    expect(reply?.text).toContain('GET /api/export/audit?from=2020-01-01&to=2035-12-31');
    expect((await say(ADMIN.id, 'admin audit 2026-11-30 2026-11-01'))?.text).toBe('The first day must not be after the last.');
  });
});
