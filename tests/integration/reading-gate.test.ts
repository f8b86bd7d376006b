// The CICC's reading age as a gate, on the real stores (Azurite), the real bot and the real digest run: an
// author saving a hard "You said" sees the score and plainer words beside the field; saved anyway, the CICC
// digest shows a safe line instead, and the CICC's participation officer is asked once to reword it.
import { createTableStores } from '../../adapters/tables';
import { TableChannelMappingStore } from '../../adapters/tables/channel-mapping-store';
import { tableClient } from '../../adapters/tables/client';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { lazyClient } from '../../adapters/tables/entity';
import { TableForumStore } from '../../adapters/tables/forum-stores';
import { createBot, type Bot } from '../../bot/index';
import { computeCiccDigest, SAFE_LINES, presentCicc, READING_AGE_LIMIT, sentenceReadingAge, sentencesOf } from '../../core/digests';
import type { OutgoingMessage, Person } from '../../core/model';
import { ConfigSchema } from '../../functions/config';
import { runDigest } from '../../functions/digest-run';
import { buildDigestServices } from '../../functions/wiring/digests';
import { buildServices } from '../../functions/wiring/services';
import { buildParticipation, type ParticipationServices } from '../../functions/wiring/participation';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { botDriver } from '../support/bot-driver';
import { walk, type Node } from '../support/card-nodes';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

jest.setTimeout(60_000);

const OFFICER: Person = { id: '2a2b3c4d-0000-4000-8000-000000000001', upn: 'pat@council.example', displayName: 'Pat Officer', roles: ['participation_officer'], teamId: 'participation' };
const WORKER: Person = { id: '2a2b3c4d-0000-4000-8000-000000000002', upn: 'wes@council.example', displayName: 'Wes Worker', roles: ['social_worker'], teamId: 'participation' };
const NOW = '2026-12-03T08:30:00Z'; // Thursday: 3 working days before the CICC on Tuesday 8 December

const HARD = 'Young people said corporate parenting arrangements should demonstrate organisational accountability regarding placement stability considerations.';
const PLAIN = 'Young people said they want to stay in one home for longer.';

let azurite: RunningAzurite;
let connector: FakeConnector;
let bot: Bot;
let participation: ParticipationServices;
let config: ReturnType<typeof ConfigSchema.parse>;
const clock = { now: () => new Date(NOW) };

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  const tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  const stores = createTableStores(tables);
  await stores.people.upsertMany([OFFICER, WORKER]);
  participation = buildParticipation({ config, people: stores.people, audit: stores.audit, examples: stores.examples, trackerItems: stores.trackerItems, forums: stores.forums, clock });
  bot = createBot({ config, people: stores.people, audit: stores.audit, conversations: new TableConversationStore(tables), clock, features: { examples: participation, tracker: participation } });
  await saveCicc();
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

const { execute } = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
const texts = (card: unknown) => walk(card).flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));
const field = (card: unknown, id: string) => walk(card).find((n) => n.id === id) as Node | undefined;
const buttons = (card: unknown) => walk(card).filter((n) => typeof n.verb === 'string' && typeof n.title === 'string').map((n) => n.title);
const form = { youSaid: HARD, saidBy: 'forum', forumId: 'cicc', ownerId: WORKER.id, dueDate: '2027-01-29' }; // the CICC said it

/** The CICC digest run as the timer runs it, on the same tables, with the real outbox's once-only keys. */
let forumSaved = false;
async function ciccWorld(now = NOW) {
  const s = { ...buildServices(config), clock: { now: () => new Date(now) } };
  await saveCicc();
  return digestWorld(s);
}

/** The CICC forum and its channel, saved once (before anything is raised, so "You said" can name the CICC). */
async function saveCicc() {
  const client = (name: string) => lazyClient(() => tableClient({ connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX }, name));
  if (forumSaved) return;
  forumSaved = true;
  const base = { time: '17:00', durationMinutes: 90, reminderOffsetsDays: [7, 1], overrides: {}, createdBy: OFFICER.id, updatedAt: NOW };
  await new TableForumStore(client('Forums')).save({ ...base, id: 'cicc', name: 'Children in Care Council', type: 'CICC', rrule: 'FREQ=MONTHLY;BYDAY=2TU', startDate: '2026-01-01', facilitatorIds: [OFFICER.id] });
  await new TableChannelMappingStore(client('ChannelMappings')).save({ audience: 'cicc', label: 'cicc', channelId: '19:cicc@thread.tacv2', setBy: OFFICER.id, setAt: NOW });
}

function digestWorld(s: ReturnType<typeof buildServices>) {
  const sent: OutgoingMessage[] = [];
  const d = { ...buildDigestServices(s), outbox: { enqueue: async (m: OutgoingMessage) => ((await s.outbox.enqueue(m)) ? (sent.push(m), true) : false) } };
  return { d, sent };
}

/** Every staff-written sentence on the CICC digest cards sent to the channel. */
const digestSentences = (sent: OutgoingMessage[]) =>
  sent.filter((m) => m.kind === 'digest.cicc' && m.to.kind === 'channel').flatMap((m) => texts(m.card)).map((t) => t.trim());

describe('the CICC reading age is a gate', () => {
  it('a hard "You said" comes back with its score, hardest words and plainer ones beside the field, every entry kept', async () => {
    const card = await execute(WORKER.id, 'yousaid.submit', form);
    expect(field(card, 'youSaid')?.value).toBe(HARD);
    expect(field(card, 'dueDate')?.value).toBe('2027-01-29');
    const advice = texts(card).find((t) => t.startsWith('Young people may find this hard to read'));
    expect(advice).toMatch(new RegExp(`reads at age [\\d.]+, and the Children in Care Council's limit is ${READING_AGE_LIMIT}`));
    expect(advice).toContain('"organisational"');
    expect(advice).toContain('"corporate parenting" → "how the council looks after you"');
    expect(buttons(card)).toEqual(['Track it', 'Save anyway']);
    expect(await participation.items.listActiveByOwner(WORKER.id)).toEqual([]); // nothing saved yet
  });

  it('a plainer rewrite is tracked at once, with no warning', async () => {
    const card = await execute(WORKER.id, 'yousaid.submit', { ...form, youSaid: PLAIN });
    expect(texts(card).join(' ')).toContain(`Tracked: "${PLAIN}"`);
    const [item] = await participation.items.listActiveByOwner(WORKER.id);
    expect(item).toMatchObject({ youSaid: PLAIN, shareable: true });
    expect(item?.needsRewording).toBeFalsy();
  });

  it('saved anyway, the item is kept, marked for rewording, and the author is told what young people will see', async () => {
    const card = await execute(WORKER.id, 'yousaid.saveAnyway', form);
    expect(texts(card).join(' ')).toContain('Young people will see a short general line until a participation officer rewords it.');
    const hard = (await participation.items.listActiveByOwner(WORKER.id)).find((i) => i.youSaid === HARD);
    expect(hard).toMatchObject({ shareable: true, needsRewording: true });
  });

  it('a hard "We did" comes back on the update card with Save anyway, the outcome kept', async () => {
    const plain = (await participation.items.listActiveByOwner(WORKER.id)).find((i) => i.youSaid === PLAIN)!;
    const weDid = 'We have commissioned an independent evaluation of organisational placement stability arrangements.';
    const card = await execute(WORKER.id, 'tracker.progress', { itemId: plain.id, outcome: 'done', weDid, feedbackGiven: 'false' });
    expect(field(card, 'weDid')?.value).toBe(weDid);
    expect(texts(card).some((t) => t.startsWith('Young people may find this hard to read'))).toBe(true);
    expect(buttons(card)).toContain('Save anyway');
    expect((await participation.items.get(plain.id))?.value.status).toBe('open');
  });

  it('the CICC digest shows a safe line for the hard item, quotes the plain one, and asks the officer once to reword', async () => {
    const { d, sent } = await ciccWorld();
    const first = await runDigest({ digest: 'cicc' }, { force: true }, d);
    expect(first).toMatchObject({ occurrences: ['cicc:2026-12-08'], rewordAsked: 1 });
    const shown = digestSentences(sent);
    expect(shown).toContain(SAFE_LINES.working);
    expect(shown.join(' ')).toContain('Young people said they want to stay in one home for longer.');
    expect(shown.join(' ')).not.toContain('organisational');
    for (const s of shown.flatMap(sentencesOf).filter((t) => t.split(/\s+/).length > 3)) expect([s, sentenceReadingAge(s) <= READING_AGE_LIMIT]).toEqual([s, true]);
    const asks = sent.filter((m) => m.kind === 'tracker.reword');
    expect(asks.map((m) => m.to)).toEqual([{ kind: 'person', personId: OFFICER.id }]);
    expect(texts(asks[0]!.card).join(' ')).toContain('the digest for the meeting on Tue 8 Dec 2026 shows a short general line instead');
    expect(field(asks[0]!.card, 'youSaid')?.value).toBe(HARD);

    // Run again (the timer runs hourly): the officer is not asked twice.
    const again = await ciccWorld();
    expect(await runDigest({ digest: 'cicc', occurrenceId: 'cicc:2026-12-08' }, { force: true }, again.d)).toMatchObject({ rewordAsked: 0 });
  });

  it("the officer's plainer words are checked too, then saved, and the next digest quotes them", async () => {
    const hard = (await participation.items.listActiveByOwner(WORKER.id)).find((i) => i.youSaid === HARD)!;
    const still = await execute(OFFICER.id, 'tracker.reword', { itemId: hard.id, youSaid: 'Young people said organisational accountability considerations matter.' });
    expect(texts(still).some((t) => t.startsWith('Young people may find this hard to read'))).toBe(true);
    const done = await execute(OFFICER.id, 'tracker.reword', { itemId: hard.id, youSaid: 'Young people said the council should show how it keeps them in one home.' });
    expect(JSON.stringify(done)).toContain('saved in plainer words');
    expect((await participation.items.get(hard.id))?.value).toMatchObject({ youSaid: 'Young people said the council should show how it keeps them in one home.', needsRewording: false });
    const refused = await execute(WORKER.id, 'tracker.reword', { itemId: hard.id, youSaid: 'Anything at all, written by someone else.' });
    expect(JSON.stringify(refused)).toContain('Only a participation officer or an administrator can reword');

    // The digest for this meeting went once already; the next one is built the same way.
    const { d } = await ciccWorld();
    const occurrence = { id: 'cicc:2026-12-08', forum: 'CICC' as const, start: '2026-12-08T17:00:00Z' };
    const view = presentCicc(await computeCiccDigest(d, { occurrence, now: new Date(NOW), promises: d.promises, guard: d.guard }));
    expect(view.working.map((w) => w.youSaid)).toContain('Young people said the council should show how it keeps them in one home.');
    expect(view.working.map((w) => w.youSaid)).not.toContain(SAFE_LINES.working);
  });
});

describe('a shared participation example passes the same gate', () => {
  const example = {
    title: 'Young people chose the new bedroom furniture', happenedOn: '2026-12-01', whatHappened: 'A group of young people in care met the housing team.',
    promiseIds: 'safe', mode: 'adult_initiated_shared', lundy: 'voice', scope: 'collective', youSaid: 'They wanted their rooms to feel like home.',
    weDid: 'We have commissioned organisational accommodation refurbishment considerations incorporating participation.', shareable: 'true',
  };

  it('a hard "We did" comes back beside its field, every entry kept; saved anyway, the digest quotes its title only when that reads within the limit', async () => {
    const card = await execute(WORKER.id, 'example.submit', example);
    expect(field(card, 'weDid')?.value).toBe(example.weDid);
    expect(field(card, 'title')?.value).toBe(example.title);
    expect(texts(card).some((t) => t.startsWith('Young people may find this hard to read'))).toBe(true);
    expect(buttons(card)).toContain('Save anyway');

    const saved = await execute(WORKER.id, 'example.saveAnyway', example);
    expect(texts(saved).join(' ')).toContain('Young people will see only its title (or a short general line) until it is put in plainer words.');

    // A title too hard to read, saved anyway: the digest (which quotes an example by its title) shows a safe line instead.
    const hardTitle = 'Organisational accommodation refurbishment consultation considerations';
    expect(texts(await execute(WORKER.id, 'example.submit', { ...example, title: hardTitle, weDid: 'They chose beds and desks.' })).some((t) => t.startsWith('Young people may find this hard to read'))).toBe(true);
    await execute(WORKER.id, 'example.saveAnyway', { ...example, title: hardTitle, weDid: 'They chose beds and desks.' });

    const { d } = await ciccWorld();
    const occurrence = { id: 'cicc:2026-12-08', forum: 'CICC' as const, start: '2026-12-08T17:00:00Z' };
    const later = new Date(new Date(NOW).getTime() + 3_600_000); // the digest reads [since, now): an hour after it was saved
    const view = presentCicc(await computeCiccDigest(d, { occurrence, now: later, promises: d.promises, guard: d.guard }));
    expect(view.examples.map((e) => e.text).sort()).toEqual(['Young people chose the new bedroom furniture', SAFE_LINES.example].sort());

    // Sending the digest asks the example's author (the one person who can change it), once, to change the title.
    const run = ciccWorld(later.toISOString());
    const { d: atLater, sent } = await run;
    await runDigest({ digest: 'cicc' }, { force: true }, atLater);
    await runDigest({ digest: 'cicc' }, { force: true }, atLater);
    const asks = sent.filter((m) => m.kind === 'example.reword');
    expect(asks).toEqual([expect.objectContaining({ to: { kind: 'person', personId: WORKER.id } })]);
    expect(JSON.stringify(asks[0]!.card)).toContain(hardTitle);
    expect(JSON.stringify(asks[0]!.card)).toContain('"verb":"example.edit"');
  });
});
