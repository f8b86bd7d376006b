// The holes a hostile colleague found (issue 12, and a second look after it: access follows the relation as
// it is now), each tried through the real bot (or HTTP handler) as the colleague would: refused in plain
// words, audited, and nothing read or changed; and the proper way still works.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { createBot, type Bot } from '../../bot/index';
import { englandAndWales, londonDate } from '../../core/calendar';
import { ForumSchema } from '../../core/forums';
import type { Person } from '../../core/model';
import { raiseItem } from '../../core/tracker';
import { ConfigSchema } from '../../functions/config';
import { exportSubjectAccessHttp } from '../../functions/export-subject-access.http';
import { buildServices, tablesConfigOf, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { botDriver, type BotDriver } from '../support/bot-driver';
import { COUNCIL_TENANT, signedInAs } from '../support/client-principal';
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
const ADMIN = person(9, 'Ada Admin', ['admin'], 'it');

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
  await services.people.upsertMany([MANAGER, WORKER, TEAMMATE, OTHER_MANAGER, OTHER_REPORT, FACILITATOR, LEAVER, OFFICER, ADMIN]);
  await services.teams.upsertMany([{ id: 'north', name: 'North', district: 'N', managerId: MANAGER.id }, { id: 'south', name: 'South', district: 'S', managerId: OTHER_MANAGER.id }]);
  bot = createBot(services);
  drive = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

/** A child of `workerId`'s with a conference in 12 working days (or, `past`, held 2 working days ago). */
async function aChild(workerId = WORKER.id, o: { past?: boolean } = {}) {
  const ref = `C-${++n}`;
  const day = englandAndWales.addWorkingDays(today(), o.past ? -2 : 12);
  await services.children.upsertMany([{ ref, workerId, teamId: 'north', birthMonth: '2015-05', legalStatus: 'CP', groups: [], newToCare: false }]);
  await services.meetings.upsertMany([{ id: `m-${n}`, childRef: ref, type: 'ICPC', start: `${day}T10:00:00Z`, status: 'scheduled', first: false }]);
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
    expect(refused).toContain('Only the adults who run this meeting can save your check.');
    expect(refused).toContain('"value":"Never."'); // what was typed is still on the card
    // A young person in the CICC's channel is not in the directory: told plainly, and their answers stay.
    const young = words(await drive.execute(uuid(99), 'cicc.audit', { occurrenceId, 'verdict-safe': 'kept', 'comment-safe': 'We feel safe now.' }));
    expect(young).toContain('Ask one of them to press Save our check.');
    expect(young).toContain('"value":"We feel safe now."');
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

const entries = async (type: string, id: string, who: Person, action: string) =>
  (await services.audit.listForRecord(type, id)).filter((e) => e.action === action && e.actorId === who.id);
/** What the bot said back in the person's 1:1 chat after `before` messages. */
const saidTo = (who: Person, before: number) => connector.sent(`a:personal-${who.id}`).slice(before).map((r) => JSON.stringify(r.activity.text ?? r.activity.attachments ?? '')).join('\n');

describe('someone the staff list has left out (a leaver) can no longer act, whatever they could do before', () => {
  it('a leaver cannot open or record for a child still allocated to them before the case system moves the child', async () => {
    const leaver = person(10, 'Lee Leaver', ['social_worker'], 'north', MANAGER.id);
    await services.people.upsertMany([leaver]);
    const { ref, meetingId } = await aChild(leaver.id);
    // The nightly people snapshot leaves them out: they are marked gone; the children file still names them.
    await services.people.upsertMany([{ ...leaver, goneOn: plusDays(-1) }]);

    const opened = words(await drive.execute(leaver.id, 'voice.open', { meetingId, digest: meetingId }));
    expect(opened).not.toContain('views gathered?');
    expect(opened).toContain('no longer');
    expect(await entries('meeting', meetingId, leaver, 'voice.read')).toHaveLength(0);
    const saved = words(await drive.execute(leaver.id, 'voice.record', { meetingId, digest: meetingId, methods: 'advocate', declined: 'false', gatheredOn: today(), prepared: 'yes', attendance: 'will_not_attend', sharedWith: 'chair' }));
    expect(saved).not.toContain('Saved');
    expect(await services.voice.voice.get(meetingId)).toBeUndefined();
    expect((await entries('child', ref, leaver, 'access.refused')).length).toBeGreaterThan(0);
    // Nor see the child in "my meetings".
    const before = connector.sent(`a:personal-${leaver.id}`).length;
    await drive.post({ ...drive.personal(leaver.id), type: 'message', text: 'my meetings' });
    expect(saidTo(leaver, before)).not.toContain(ref);
  });

  it('a leaver who was an administrator gets neither the admin card nor a subject access export', async () => {
    const gone = { ...person(11, 'Gil Gone', ['admin'], 'it'), goneOn: plusDays(-3) };
    await services.people.upsertMany([gone]);
    const { ref } = await aChild();

    const before = connector.sent(`a:personal-${gone.id}`).length;
    await drive.post({ ...drive.personal(gone.id), type: 'message', text: 'admin' });
    const said = saidTo(gone, before);
    expect(said).not.toContain('Parked');
    expect(said).toContain('no longer');

    // Signed in through App Service Authentication, as in Azure.
    const azure = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: 'unused', WEBSITE_AUTH_ENABLED: 'True', MicrosoftAppTenantId: COUNCIL_TENANT });
    const req = (who: Person) => new HttpRequest({ method: 'GET', url: `http://localhost/api/export/subject-access/${ref}`, params: { ref }, headers: signedInAs(who.id) });
    const res = await exportSubjectAccessHttp(req(gone), new InvocationContext({ functionName: 'exportSubjectAccess' }), { ...services, config: azure });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.jsonBody)).not.toContain('"meetings"');
    expect((await services.audit.listForRecord('child', ref)).filter((e) => e.actorId === gone.id).map((e) => e.action)).toEqual(['access.refused']);
    // The administrator still on the staff list still can.
    expect((await exportSubjectAccessHttp(req(ADMIN), new InvocationContext({ functionName: 'exportSubjectAccess' }), { ...services, config: azure })).status).toBe(200);
  });
});

describe('cards sent before a child moved', () => {
  it("once the case system moves a child to another team's worker, the old worker's and old manager's cards stop working and the new ones' work", async () => {
    const { ref, meetingId } = await aChild();
    expect(words(await drive.execute(WORKER.id, 'voice.open', { meetingId, digest: meetingId }))).toContain('views gathered?');
    await services.children.upsertMany([{ ref, workerId: OTHER_REPORT.id, teamId: 'south', birthMonth: '2015-05', legalStatus: 'CP', groups: [], newToCare: false }]);
    const form = { meetingId, digest: meetingId, methods: 'advocate', declined: 'false', gatheredOn: today(), prepared: 'yes', attendance: 'will_not_attend', sharedWith: 'chair' };
    for (const [who, verb, data] of [[WORKER, 'voice.record', form], [WORKER, 'voice.snooze', { meetingId, digest: meetingId }], [MANAGER, 'voice.open', { meetingId, digest: meetingId }], [MANAGER, 'escalation.renudge', { meetingId }]] as const) {
      expect({ who: who.displayName, verb, answer: words(await drive.execute(who.id, verb, data)) }).toEqual({ who: who.displayName, verb, answer: expect.stringMatching(/^"Only (C-\d+'s allocated worker|a manager or an administrator)/) });
    }
    expect(await services.voice.voice.get(meetingId)).toBeUndefined();
    expect([await refusals('child', ref, WORKER), await refusals('child', ref, MANAGER)]).toEqual([2, 2]);
    expect(words(await drive.execute(OTHER_MANAGER.id, 'voice.open', { meetingId, digest: meetingId }))).toContain('views gathered?');
  });
});

describe('cover follows the team as it is today', () => {
  it("a teammate's cover stops when the teammate moves to another team (no manager approved them from outside)", async () => {
    const { ref, meetingId } = await aChild();
    await drive.execute(WORKER.id, 'cover.set', { coverId: TEAMMATE.id, from: today(), to: plusDays(9) });
    expect(words(await drive.execute(TEAMMATE.id, 'voice.open', { meetingId, digest: meetingId }))).toContain(ref);
    // The people import moves the teammate to the south team, with a new line manager.
    await services.people.upsertMany([{ ...TEAMMATE, teamId: 'south', lineManagerId: OTHER_MANAGER.id }]);
    try {
      const answer = words(await drive.execute(TEAMMATE.id, 'voice.open', { meetingId, digest: meetingId }));
      expect(answer).not.toContain('views gathered?');
      expect((await entries('child', ref, TEAMMATE, 'access.refused')).length).toBeGreaterThan(0);
    } finally {
      await services.people.upsertMany([TEAMMATE]);
      await drive.execute(WORKER.id, 'cover.end', { workerId: WORKER.id, coverId: TEAMMATE.id, from: today(), to: plusDays(9) });
    }
  });

  it('a cover a manager approved for someone outside the team still holds', async () => {
    const { ref, meetingId } = await aChild();
    const outsider = person(12, 'Ola Outside', ['social_worker'], 'south', OTHER_MANAGER.id);
    await services.people.upsertMany([outsider]);
    await drive.execute(WORKER.id, 'cover.set', { coverId: outsider.id, from: today(), to: plusDays(5) });
    expect(words(await drive.execute(outsider.id, 'voice.open', { meetingId, digest: meetingId }))).not.toContain('views gathered?');
    await drive.execute(MANAGER.id, 'cover.approve', { workerId: WORKER.id, coverId: outsider.id, from: today(), to: plusDays(5) });
    expect(words(await drive.execute(outsider.id, 'voice.open', { meetingId, digest: meetingId }))).toContain(ref);
    await drive.execute(WORKER.id, 'cover.end', { workerId: WORKER.id, coverId: outsider.id, from: today(), to: plusDays(5) });
  });
});

describe('reads of a child record are audited', () => {
  it("opening the after-meeting card (the child's feedback, how they took part) is written to the audit trail, as opening the voice record is", async () => {
    const { meetingId } = await aChild(WORKER.id, { past: true });
    await drive.execute(WORKER.id, 'after.open', { meetingId });
    await drive.execute(MANAGER.id, 'after.open', { meetingId });
    const reads = (await services.audit.listForRecord('meeting', meetingId)).filter((e) => e.action === 'after.read');
    expect(reads.map((e) => [e.actorId, (e.detail as { as?: string }).as])).toEqual([[WORKER.id, 'worker'], [MANAGER.id, 'manager']]);
  });
});

/** The CICC answers on file for the last month, as the board briefing reads them. */
async function answersOnFile() {
  const { buildDigestServices } = await import('../../functions/wiring/digests');
  return buildDigestServices(services).audits.between(new Date(Date.now() - 40 * 86_400_000), new Date(Date.now() + 86_400_000));
}
