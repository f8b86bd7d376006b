// The holes a hostile colleague found (issue 12), each tried through the real bot as the colleague would:
// refused in plain words, audited, and nothing changed; and the proper way still works.
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { createBot, type Bot } from '../../bot/index';
import { englandAndWales, londonDate } from '../../core/calendar';
import { ForumSchema } from '../../core/forums';
import type { Person } from '../../core/model';
import { raiseItem } from '../../core/tracker';
import { ConfigSchema } from '../../functions/config';
import { buildServices, tablesConfigOf, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { botDriver, type BotDriver } from '../support/bot-driver';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

jest.setTimeout(120_000);

const uuid = (n: number) => `7d000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const person = (n: number, displayName: string, roles: Person['roles'], teamId: string, lineManagerId?: string): Person => ({
  id: uuid(n), upn: `p${n}@council.example`, displayName, roles, teamId, ...(lineManagerId ? { lineManagerId } : {}),
});
const MANAGER = person(1, 'Mo Manager', ['manager'], 'north');
const WORKER = person(2, 'Sam Worker', ['social_worker'], 'north', MANAGER.id);
const TEAMMATE = person(3, 'Alex Worker', ['social_worker'], 'north', MANAGER.id);
const OTHER_MANAGER = person(4, 'Xan Other', ['manager'], 'south');
const OTHER_REPORT = person(5, 'Rex Report', ['social_worker'], 'south', OTHER_MANAGER.id);
const FACILITATOR = person(6, 'Fay Facilitator', ['social_worker'], 'east');
const LEAVER = { ...person(7, 'Alexa Leaver', ['social_worker'], 'north', MANAGER.id), goneOn: '2026-01-01' };
const OFFICER = person(8, 'Pat Officer', ['participation_officer'], 'participation');

let azurite: RunningAzurite;
let connector: FakeConnector;
let services: Services;
let bot: Bot;
let drive: BotDriver;
let outbox: TableOutboxStore;
let n = 0;
const today = () => londonDate(new Date());
const plusDays = (d: number) => new Date(Date.parse(`${today()}T12:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  services = buildServices(config);
  outbox = new TableOutboxStore(tablesConfigOf(config), { now: () => new Date() });
  await services.people.upsertMany([MANAGER, WORKER, TEAMMATE, OTHER_MANAGER, OTHER_REPORT, FACILITATOR, LEAVER, OFFICER]);
  await services.teams.upsertMany([{ id: 'north', name: 'North', district: 'N', managerId: MANAGER.id }, { id: 'south', name: 'South', district: 'S', managerId: OTHER_MANAGER.id }]);
  bot = createBot(services);
  drive = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

async function aChild() {
  const ref = `C-${++n}`;
  await services.children.upsertMany([{ ref, workerId: WORKER.id, teamId: 'north', birthMonth: '2015-05', legalStatus: 'CP', groups: [], newToCare: false }]);
  await services.meetings.upsertMany([{ id: `m-${n}`, childRef: ref, type: 'ICPC', start: `${englandAndWales.addWorkingDays(today(), 12)}T10:00:00Z`, status: 'scheduled', first: false }]);
  return { ref, meetingId: `m-${n}` };
}
const words = (answer: Record<string, unknown>) => JSON.stringify(answer.value ?? answer);
const refusals = async (type: string, id: string, who: Person) =>
  (await services.audit.listForRecord(type, id)).filter((e) => e.action === 'access.refused' && e.actorId === who.id).length;
const messagesTo = async (personId: string, kind: string) =>
  (await Promise.all((await outbox.listDue(new Date('2100-01-01'), 500)).map((id) => outbox.getById(id)))).filter(
    (m) => m?.message.kind === kind && m.message.to.kind === 'person' && m.message.to.personId === personId,
  );

describe('confirming who holds a case', () => {
  it("a manager of another team cannot move a child to their own report, with or without someone else's claim", async () => {
    const { ref, meetingId } = await aChild();
    const noClaim = await drive.execute(OTHER_MANAGER.id, 'voice.confirmHolder', { meetingId, holderId: OTHER_REPORT.id });
    expect(words(noClaim)).toContain('can confirm who holds this case');
    await drive.execute(WORKER.id, 'voice.claim', { meetingId, digest: meetingId, holderId: TEAMMATE.id });
    const otherHolder = await drive.execute(OTHER_MANAGER.id, 'voice.confirmHolder', { meetingId, holderId: OTHER_REPORT.id });
    expect(words(otherHolder)).toContain('can confirm who holds this case');
    expect((await services.children.get(ref))?.value.workerId).toBe(WORKER.id);
    expect(await refusals('child', ref, OTHER_MANAGER)).toBe(2);
    // Nor can they then open the child's record.
    expect(words(await drive.execute(OTHER_MANAGER.id, 'voice.open', { meetingId, digest: meetingId }))).toContain('allocated worker');
  });

  it("the worker's manager confirms the colleague named, or a person of the child's team, but only while the claim is pending", async () => {
    const { ref, meetingId } = await aChild();
    expect(words(await drive.execute(MANAGER.id, 'voice.confirmHolder', { meetingId, holderId: TEAMMATE.id }))).toContain('nothing to confirm');
    await drive.execute(WORKER.id, 'voice.claim', { meetingId, digest: meetingId, holderId: TEAMMATE.id });
    expect(words(await drive.execute(MANAGER.id, 'voice.confirmHolder', { meetingId, holderId: OTHER_REPORT.id }))).toContain("someone in the child's team");
    expect(words(await drive.execute(MANAGER.id, 'voice.confirmHolder', { meetingId, holderId: TEAMMATE.id }))).toContain('Alex Worker now holds');
    expect((await services.children.get(ref))?.value.workerId).toBe(TEAMMATE.id);
    // The claim was Sam's: now Alex holds the case, nothing is pending and a second move is refused.
    expect(words(await drive.execute(MANAGER.id, 'voice.confirmHolder', { meetingId, holderId: WORKER.id }))).toContain('nothing to confirm');
    expect(await refusals('child', ref, MANAGER)).toBe(3);
  });

  it("the named holder's own manager may confirm when the worker named their report", async () => {
    const { ref, meetingId } = await aChild();
    await drive.execute(WORKER.id, 'voice.claim', { meetingId, digest: meetingId, holderId: OTHER_REPORT.id });
    expect(words(await drive.execute(OTHER_MANAGER.id, 'voice.confirmHolder', { meetingId, holderId: OTHER_REPORT.id }))).toContain('Rex Report now holds');
    expect((await services.children.get(ref))?.value).toMatchObject({ workerId: OTHER_REPORT.id, teamId: 'south' });
  });
});

describe('cover', () => {
  it('is at most COVER_MAX_DAYS long, said beside the last day, and nothing is saved', async () => {
    const card = words(await drive.execute(WORKER.id, 'cover.set', { coverId: TEAMMATE.id, from: plusDays(1), to: plusDays(43) }));
    expect(card).toContain('Cover can last at most 42 days');
    expect(await services.voice.covers.listFor(WORKER.id)).toEqual([]);
  });

  it("a teammate covers at once, the worker's manager is told in a 1:1 card, and ending it stops access at once", async () => {
    const { ref, meetingId } = await aChild();
    const set = words(await drive.execute(WORKER.id, 'cover.set', { coverId: TEAMMATE.id, from: today(), to: plusDays(10) }));
    expect(set).toContain("I've told them and your manager");
    const told = await messagesTo(MANAGER.id, 'cover.set');
    expect(JSON.stringify(told.at(-1)?.message.card)).toContain('Sam Worker has set Alex Worker to cover');
    expect(words(await drive.execute(TEAMMATE.id, 'voice.open', { meetingId, digest: meetingId }))).toContain('gatheredOn'); // the record form opens
    await drive.execute(WORKER.id, 'cover.end', { workerId: WORKER.id, coverId: TEAMMATE.id, from: today(), to: plusDays(10) });
    expect(words(await drive.execute(TEAMMATE.id, 'voice.open', { meetingId, digest: meetingId }))).toContain('allocated worker');
    expect(await refusals('child', ref, TEAMMATE)).toBe(1);
  });

  it("someone of another team covers only once the worker's manager approves; nobody else can approve", async () => {
    const { meetingId } = await aChild();
    const from = plusDays(0);
    const to = plusDays(2);
    expect(words(await drive.execute(WORKER.id, 'cover.set', { coverId: OTHER_REPORT.id, from, to }))).toContain("I've asked your manager to approve");
    expect(words(await drive.execute(OTHER_REPORT.id, 'voice.open', { meetingId, digest: meetingId }))).toContain('allocated worker');
    const approval = (await messagesTo(MANAGER.id, 'cover.set')).map((m) => JSON.stringify(m?.message.card)).find((c) => c.includes('cover.approve'));
    expect(approval).toContain('Rex Report, who is not in their team');
    const key = { workerId: WORKER.id, coverId: OTHER_REPORT.id, from, to };
    expect(words(await drive.execute(OTHER_MANAGER.id, 'cover.approve', key))).toContain("Only the worker's manager or an administrator");
    expect(words(await drive.execute(WORKER.id, 'cover.approve', key))).toContain("Only the worker's manager or an administrator");
    expect(await refusals('person', WORKER.id, OTHER_MANAGER)).toBe(1);
    expect(words(await drive.execute(MANAGER.id, 'cover.approve', key))).toContain('Approved');
    expect(words(await drive.execute(OTHER_REPORT.id, 'voice.open', { meetingId, digest: meetingId }))).toContain('gatheredOn');
    await drive.execute(MANAGER.id, 'cover.end', key);
    expect(words(await drive.execute(OTHER_REPORT.id, 'voice.open', { meetingId, digest: meetingId }))).toContain('allocated worker');
  });
});

describe("the CICC's audit of our promises", () => {
  it("is recorded only by the CICC's facilitators (and officers); every answer is kept with who and when, and audited", async () => {
    const lastMet = englandAndWales.addWorkingDays(today(), -1);
    await services.forumFeature.forums.save(ForumSchema.parse({
      id: 'cicc', name: 'Children in Care Council', type: 'CICC', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', startDate: plusDays(-30), time: '16:00', place: 'Town Hall',
      facilitatorIds: [FACILITATOR.id], createdBy: OFFICER.id, updatedAt: new Date().toISOString(),
    }));
    const occurrenceId = `cicc:${lastMet}`;
    const refused = words(await drive.execute(OTHER_MANAGER.id, 'cicc.audit', { occurrenceId, 'verdict-safe': 'not_yet', 'comment-safe': 'Never.' }));
    expect(refused).toContain("Only the Children in Care Council's facilitators");
    const audits = () => answersOnFile();
    expect(await audits()).toEqual([]);
    expect(await refusals('cicc-audit', occurrenceId, OTHER_MANAGER)).toBe(1);
    expect(words(await drive.execute(FACILITATOR.id, 'cicc.audit', { occurrenceId, 'verdict-safe': 'partly', 'comment-safe': 'Getting there.' }))).toContain('Saved: 1 promise checked');
    expect(words(await drive.execute(OFFICER.id, 'cicc.audit', { occurrenceId, 'verdict-safe': 'kept', 'comment-safe': 'Now kept.' }))).toContain('Saved: 1 promise checked');
    expect((await audits()).map((a) => [a.verdict, a.byId])).toEqual([['partly', FACILITATOR.id], ['kept', OFFICER.id]]);
    const trail = (await services.audit.listForRecord('cicc-audit', occurrenceId)).filter((e) => e.action === 'cicc.audit.recorded');
    expect(trail.map((e) => e.actorId)).toEqual([FACILITATOR.id, OFFICER.id]);
  });
});

describe('opening records and finding people', () => {
  it('a "You said" item is opened only by those related to it; a stranger is refused and audited', async () => {
    const p = services.participation;
    const raised = await raiseItem({ ...p, newId: () => 'item-open', pii: () => [] }, {
      actor: WORKER, input: { youSaid: 'Young people asked for shorter reviews', saidBy: 'group', ownerId: WORKER.id, dueDate: plusDays(30) }, source: { kind: 'command' },
    });
    expect(raised.kind).toBe('raised');
    expect(words(await drive.execute(OTHER_MANAGER.id, 'tracker.open', { itemId: 'item-open' }))).toContain('Only the owner, the person who added this');
    expect(await refusals('tracker-item', 'item-open', OTHER_MANAGER)).toBe(1);
    expect(words(await drive.execute(MANAGER.id, 'tracker.open', { itemId: 'item-open' }))).toContain('shorter reviews');
  });

  it('people search needs two letters and finds only active colleagues, by name and team', async () => {
    const search = async (queryText: string) =>
      (await drive.post({ ...drive.personal(WORKER.id), type: 'invoke', name: 'application/search', value: { kind: 'search', queryText, queryOptions: { skip: 0, top: 15 }, dataset: 'people' } })) as { value: { results: unknown[] } };
    expect((await search('a')).value.results).toEqual([]);
    expect((await search('')).value.results).toEqual([]);
    expect((await search('alex')).value.results).toEqual([{ title: 'Alex Worker (North)', value: TEAMMATE.id }]);
  });
});

/** The CICC answers on file for the last month, as the board briefing reads them. */
async function answersOnFile() {
  const { buildDigestServices } = await import('../../functions/wiring/digests');
  return buildDigestServices(services).audits.between(new Date(Date.now() - 40 * 86_400_000), new Date(Date.now() + 86_400_000));
}
