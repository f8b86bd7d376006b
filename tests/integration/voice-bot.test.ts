import { HttpRequest } from '@azure/functions';
import { createBot, type Bot } from '../../bot/index';
import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { englandAndWales } from '../../core/calendar';
import { voiceFactsFrom, voiceMeasures } from '../../core/digests';
import { CHAIR, MANAGER, STRANGER, WORKER, WORKER2, chairPerson, child, meeting, people } from '../../core/testing';
import type { VoiceServices } from '../../core/voice';
import { createBotResponse, toBotRequest } from '../../functions/bot-bridge';
import { ConfigSchema } from '../../functions/config';
import { buildVoiceServices } from '../../functions/wiring/voice';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { walk } from '../support/card-nodes';

let azurite: RunningAzurite;
let connector: FakeConnector;
let bot: Bot;
let voice: VoiceServices;
let outbox: TableOutboxStore;
let stores: ReturnType<typeof createTableStores>;
let seq = 0;
const LEAVER = '5e0c1a7e-0000-4000-8000-00000000c0de';
// The time the bot sees: fixed, moved on only by a test that saves again after a meeting (and put back).
const START = '2026-11-23T10:00:00Z';
let now = START;

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  const tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  stores = createTableStores(tables);
  const clock = { now: () => new Date(now) };
  outbox = new TableOutboxStore(tables, clock);
  voice = buildVoiceServices({ config, ...stores, clock, calendar: englandAndWales, outbox });
  await stores.people.upsertMany([...people, chairPerson, { ...people.find((p) => p.id === WORKER2)!, id: LEAVER, displayName: 'Lee Leaver', goneOn: '2026-11-13' }]);
  await stores.children.upsertMany([child('C-a'), child('C-b'), child('C-z', { workerId: WORKER2 })]);
  await stores.meetings.upsertMany([meeting('held', 'CLA_REVIEW', '2026-11-20', { childRef: 'C-a', chairId: CHAIR }), meeting('soon', 'CLA_REVIEW', '2026-12-04', { childRef: 'C-z', chairId: CHAIR })]);
  await stores.meetings.upsertMany([meeting('a', 'FGC', '2026-11-30'), meeting('b', 'ICPC', '2026-12-02', { first: true, childRef: 'C-b' })]);
  bot = createBot({ config, people: stores.people, audit: stores.audit, conversations: new TableConversationStore(tables), clock, features: { voice } });
});
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

/** An Action.Execute from a card in a 1:1 chat, as Teams sends it; returns the invoke response body. */
async function execute(aadObjectId: string, verb: string, data: Record<string, unknown>) {
  const activity = {
    type: 'invoke', name: 'adaptiveCard/action', id: `act-${++seq}`, channelId: 'msteams', serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Someone' },
    recipient: { id: '28:golden-thread-bot', name: 'Golden Thread' },
    conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
  const req = new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(activity) } });
  const res = createBotResponse();
  await bot.process(await toBotRequest(req) as never, res as never);
  return res.toResponse().jsonBody as { statusCode: number; type: string; value: unknown };
}
const input = (card: unknown, id: string) => walk(card).find((n) => n.id === id);
const texts = (card: unknown) => walk(card).flatMap((n) => [n.text, n.value].filter((t): t is string => typeof t === 'string'));

async function say(aadObjectId: string, text: string) {
  const activity = {
    type: 'message', text, id: `act-${++seq}`, channelId: 'msteams', serviceUrl: connector.serviceUrl, timestamp: new Date().toISOString(),
    from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Someone' }, recipient: { id: '28:golden-thread-bot', name: 'Golden Thread' },
    conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } },
  };
  const req = new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(activity) } });
  await bot.process(await toBotRequest(req) as never, createBotResponse() as never);
  return connector.sent(`a:personal-${aadObjectId}`).at(-1)?.activity;
}

describe('my meetings', () => {
  it('a worker typing "my meetings" gets their meetings with a Record button on each', async () => {
    const reply = await say(WORKER, 'my meetings');
    const card = (reply?.attachments as { content: unknown }[] | undefined)?.[0]?.content;
    expect(texts(card).join('\n')).toContain('Your meetings');
    expect(walk(card).filter((n) => n.verb === 'voice.open').map((n) => (n.data as { meetingId: string }).meetingId)).toEqual(['a', 'b']);
  });
});

describe('a chair (IRO) after the meeting', () => {
  it('"my reviews" lists the meetings they chair, with a button to record the one already held', async () => {
    const card = ((await say(CHAIR, 'my reviews'))?.attachments as { content: unknown }[] | undefined)?.[0]?.content;
    expect(texts(card).join('\n')).toContain('1 meeting to chair in the next six weeks; 1 without the child');
    expect(walk(card).filter((n) => n.verb === 'chair.open').map((n) => (n.data as { meetingId: string }).meetingId)).toEqual(['held']);
  });

  it('records how the child took part: a contradiction comes back with entries kept, then the record is saved and audited', async () => {
    const opened = await execute(CHAIR, 'chair.open', { meetingId: 'held' });
    expect(input(opened.value, 'pnCode')).toBeDefined();
    const form = { pnCode: 'PN2', attended: 'no', metBefore: 'yes', metOn: '2026-11-18', metHow: 'video', metAlone: 'yes', advocacy: 'has_advocate', viewsChangedPlan: 'yes', howChanged: 'Contact moved to weekends, as they asked.' };
    const bad = await execute(CHAIR, 'chair.record', { meetingId: 'held', ...form });
    expect(texts(bad.value)).toContain('Problem: PN2 means the child attended, but you said they did not: change one of the two.');
    expect(input(bad.value, 'howChanged')).toMatchObject({ value: form.howChanged });
    expect(await voice.chairRecords.get('held')).toBeUndefined();
    const ok = await execute(CHAIR, 'chair.record', { meetingId: 'held', ...form, attended: 'yes' });
    expect(texts(ok.value).join('\n')).toContain('Saved. Thank you for recording how C-a took part.');
    expect(await voice.chairRecords.get('held')).toMatchObject({ pnCode: 'PN2', pnBy: 'chair', attended: true, metBefore: true, metHow: 'video', metAlone: true, advocacy: 'has_advocate', viewsChangedPlan: true });
    expect((await voice.audit.listForRecord('meeting', 'held')).map((e) => e.action)).toEqual(expect.arrayContaining(['chair.read', 'chair.recorded']));
  });

  it("the child's worker cannot record the chair's part", async () => {
    const body = await execute(WORKER, 'chair.record', { meetingId: 'held', pnCode: 'PN5', attended: 'no', metBefore: 'no', viewsChangedPlan: 'no' });
    expect(JSON.stringify(body)).toContain("Only the chair of C-a's meeting can record how the child took part in it.");
  });
});

describe('a chair, against what a colleague should not be able to do', () => {
  const OTHER_CHAIR = '0c4a1e00-0000-4000-8000-0000000000c2';
  const form = { pnCode: 'PN5', attended: 'no', metBefore: 'no', advocacy: 'told', viewsChangedPlan: 'no' };
  beforeAll(async () => {
    await stores.people.upsertMany([{ ...chairPerson, id: OTHER_CHAIR, upn: 'oz@council.example', displayName: 'Oz Otherchair' }]);
    await stores.meetings.upsertMany([
      meeting('called-off', 'CLA_REVIEW', '2026-11-19', { childRef: 'C-a', chairId: CHAIR, status: 'cancelled' }),
      meeting('long-ago', 'CLA_REVIEW', '2026-10-01', { childRef: 'C-a', chairId: CHAIR }),
      meeting('handed-over', 'CLA_REVIEW', '2026-11-18', { childRef: 'C-a', chairId: CHAIR }),
    ]);
    // The review's first chair recorded it; then the import named another chair for it.
    await voice.chairRecords.save({ meetingId: 'handed-over', childRef: 'C-a', pnCode: 'PN1', pnBy: 'chair', attended: true, metBefore: false, viewsChangedPlan: false, recordedBy: OTHER_CHAIR, recordedAt: '2026-11-18T15:00:00Z' });
  });

  it('a cancelled meeting cannot be recorded, and the chair is told why', async () => {
    const body = await execute(CHAIR, 'chair.record', { meetingId: 'called-off', ...form });
    expect(JSON.stringify(body)).toContain('The case system says this meeting (C-a) was cancelled');
    expect(await voice.chairRecords.get('called-off')).toBeUndefined();
  });

  it('a meeting more than 20 working days ago cannot be recorded or changed, and the chair is told where to correct it', async () => {
    const body = await execute(CHAIR, 'chair.open', { meetingId: 'long-ago' });
    expect(JSON.stringify(body)).toContain('more than 20 working days ago');
    expect(JSON.stringify(body)).toContain('Record or correct it in the case system');
  });

  it("another chair's record is not overwritten: the refusal names who recorded it, and is audited", async () => {
    const body = await execute(CHAIR, 'chair.record', { meetingId: 'handed-over', ...form });
    expect(JSON.stringify(body)).toContain('Oz Otherchair chaired this meeting and recorded how the child took part: only they can change it.');
    expect(await voice.chairRecords.get('handed-over')).toMatchObject({ pnCode: 'PN1', recordedBy: OTHER_CHAIR });
    expect((await voice.audit.listForRecord('child', 'C-a')).filter((e) => e.action === 'access.refused').map((e) => e.actorId)).toContain(CHAIR);
  });

  it("a chair who has left (the staff list marks them gone) can neither list their reviews nor open or save a meeting they chaired", async () => {
    const GONE = '0c4a1e00-0000-4000-8000-0000000000c3';
    await stores.people.upsertMany([{ ...chairPerson, id: GONE, upn: 'gone@council.example', displayName: 'Gil Gone', goneOn: '2026-11-13' }]);
    await stores.meetings.upsertMany([meeting('left-behind', 'CLA_REVIEW', '2026-11-19', { childRef: 'C-a', chairId: GONE })]);
    const listed = await say(GONE, 'my reviews');
    expect(listed?.text).toContain('no longer on Golden Thread');
    for (const verb of ['chair.open', 'chair.record']) expect(JSON.stringify(await execute(GONE, verb, { meetingId: 'left-behind', ...form }))).toContain('no longer on Golden Thread');
    expect(await voice.chairRecords.get('left-behind')).toBeUndefined();
    expect((await voice.audit.listForRecord('child', 'C-a')).filter((e) => e.actorId === GONE).map((e) => e.action)).toEqual(['access.refused', 'access.refused']);
  });

  it('"my reviews" is written in the audit trail against each meeting it shows', async () => {
    await say(CHAIR, 'my reviews');
    expect((await voice.audit.listForRecord('meeting', 'soon')).map((e) => [e.actorId, e.action])).toContainEqual([CHAIR, 'chair.listed']);
  });
});

describe('recording a child\'s voice from the nudge card', () => {
  // How fast it answers is measured in the bench (npm run bench, "submit"), not asserted here: a timed test fails
  // on a busy machine and proves nothing on a quiet one.
  it('the worker opens the form from the nudge', async () => {
    const body = await execute(WORKER, 'voice.open', { meetingId: 'a', digest: 'a,b' });
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(input(body.value, 'methods')).toBeDefined();
    expect(input(body.value, 'gatheredBy')).toBeDefined();
    expect(input(body.value, 'pnCode')).toBeUndefined(); // the chair records how the child took part, after the meeting
    expect(input(body.value, 'gatheredOn')).toMatchObject({ value: '2026-11-23' });
    expect(input(body.value, 'advocacyOffered')).toBeUndefined();
    // Opening a child's record is a read of their data: audited, as a change is.
    expect((await voice.audit.listForRecord('meeting', 'a')).filter((e) => e.action === 'voice.read')).toEqual([
      expect.objectContaining({ actorId: WORKER, detail: expect.objectContaining({ as: 'worker' }) }),
    ]);
  });

  it('an incomplete form comes back with the entries kept and each problem beside its field', async () => {
    const body = await execute(WORKER, 'voice.record', { meetingId: 'a', digest: 'a,b', gatheredBy: 'advocate', methods: 'advocate', note: 'sent to chair', gatheredOn: '' });
    expect(input(body.value, 'gatheredBy')).toMatchObject({ value: 'advocate' });
    expect(input(body.value, 'methods')).toMatchObject({ value: 'advocate' });
    expect(input(body.value, 'note')).toMatchObject({ value: 'sent to chair' });
    expect(texts(body.value)).toEqual(expect.arrayContaining(['Problem: Give the date their views were gathered (or they declined).', 'Problem: Say whether the child was prepared for the meeting.']));
    expect(await voice.voice.get('a')).toBeUndefined();
  });

  it('a valid record saves, and the nudge card is redrawn in place showing it recorded', async () => {
    const body = await execute(WORKER, 'voice.record', { meetingId: 'a', digest: 'a,b', methods: 'advocate', declined: 'false', gatheredOn: '2026-11-20', gatheredBy: 'advocate', prepared: 'yes', attendance: 'will_not_attend', sharedWith: 'chair' });
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const all = texts(body.value).join('\n');
    expect(all).toContain('Recorded: views gathered on Fri 20 Nov 2026 (an advocate).');
    expect(all).toContain('Saved. Thank you');
    expect(all).toContain("The child's views are not recorded yet."); // meeting b is still open
    expect(await voice.voice.get('a')).toMatchObject({ methods: ['advocate'], gatheredBy: 'advocate', recordedBy: WORKER });
    // The answer itself replaces the card: no extra call to the connector inside the submit budget.
    expect(connector.sent(`a:personal-${WORKER}`).filter((r) => r.op === 'update')).toHaveLength(0);
    expect((body.value as { refresh?: { action: { verb: string } } }).refresh?.action.verb).toBe('voice.refresh');
  });

  it('a first conference for a child of 5 or over asks whether advocacy was offered', async () => {
    const body = await execute(WORKER, 'voice.open', { meetingId: 'b', digest: 'a,b' });
    expect(input(body.value, 'advocacyOffered')).toBeDefined();
  });

  it('someone who neither holds the case nor manages the worker is refused in plain words', async () => {
    const body = await execute(STRANGER, 'voice.record', { meetingId: 'b', digest: 'b', pnCode: 'PN1', methods: 'direct_work', gatheredOn: '2026-11-20', prepared: 'yes', attendance: 'will_attend', advocacyOffered: 'yes' });
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(JSON.stringify(body.value)).toMatch(/allocated worker/);
    expect(await voice.voice.get('b')).toBeUndefined();
  });

  it('"Remind me tomorrow" shows when the reminder will come, and is audited', async () => {
    const body = await execute(WORKER, 'voice.snooze', { meetingId: 'b', digest: 'b' });
    expect(texts(body.value).join('\n')).toContain("I'll remind you again on Tue 24 Nov 2026.");
    expect((await voice.audit.listForRecord('meeting', 'b')).map((e) => e.action)).toContain('voice.snoozed');
  });

  it('a manager can nudge the worker again from an escalation card', async () => {
    const body = await execute(MANAGER, 'escalation.renudge', { meetingId: 'b' });
    expect(texts(body.value).join('\n')).toContain("I've nudged Sam Worker again.");
    const due = await outbox.listDue(new Date('2030-01-01'), 100);
    const messages = await Promise.all(due.map((id) => outbox.getById(id)));
    expect(messages.some((m) => m?.message.kind === 'nudge' && m.message.to.kind === 'person' && m.message.to.personId === WORKER)).toBe(true);
  });
});

describe('after the meeting', () => {
  it('the worker answers "has the child been told?" on the card; a missing reason comes back named', async () => {
    const bad = await execute(WORKER, 'after.record', { meetingId: 'a', told: 'not_appropriate', whyNot: '' });
    expect(texts(bad.value)).toContain('Problem: Say briefly why it is not appropriate.');
    expect(input(bad.value, 'told')).toMatchObject({ value: 'not_appropriate' });
    const ok = await execute(WORKER, 'after.record', { meetingId: 'a', told: 'yes' });
    expect(texts(ok.value).join('\n')).toContain('Recorded: Yes, they have been told.');
    expect(await voice.after.get('a')).toMatchObject({ told: 'yes', recordedBy: WORKER });
  });

  it('the worker is offered the PN code only where the chair has not recorded it, and not before the meeting day', async () => {
    const early = await execute(WORKER, 'after.record', { meetingId: 'a', told: 'yes', pnCode: 'PN5', attended: 'no' });
    expect(texts(early.value).join('\n')).toContain('How the child took part is known only on or after the meeting day (Mon 30 Nov 2026).');
    expect(input(early.value, 'pnCode')).toMatchObject({ value: 'PN5' });
    expect(await voice.chairRecords.get('a')).toBeUndefined();
    // The chair of "held" recorded it (above): the worker sees the chair's code, with no field to change it.
    const held = await execute(WORKER, 'after.open', { meetingId: 'held' });
    expect(input(held.value, 'pnCode')).toBeUndefined();
    expect(texts(held.value).join('\n')).toContain('The chair recorded how the child took part:');
    await execute(WORKER, 'after.record', { meetingId: 'held', told: 'yes', pnCode: 'PN7', attended: 'no' });
    expect(await voice.chairRecords.get('held')).toMatchObject({ pnBy: 'chair', recordedBy: CHAIR });
  });
});

describe('not my case', () => {
  it('asks who holds it, with a typeahead answered by the bot and a plain team list for clients without one', async () => {
    const body = await execute(WORKER, 'voice.notMine', { meetingId: 'b', digest: 'b' });
    const picker = input(body.value, 'holderId') as { choices: { title: string; value: string }[]; 'choices.data': unknown };
    expect(picker['choices.data']).toEqual({ type: 'Data.Query', dataset: 'people', count: 15 });
    expect(picker.choices.map((c) => c.value)).toContain(WORKER2);

    // Teams' typeahead: an application/search invoke as Teams sends it.
    const search = {
      type: 'invoke', name: 'application/search', id: `act-${++seq}`, channelId: 'msteams', serviceUrl: connector.serviceUrl,
      from: { id: `29:${WORKER}`, aadObjectId: WORKER }, recipient: { id: '28:golden-thread-bot' },
      conversation: { id: `a:personal-${WORKER}`, conversationType: 'personal', tenantId: 'tenant-1' },
      value: { kind: 'search', queryText: 'alex', queryOptions: { skip: 0, top: 15 }, dataset: 'people' },
    };
    const req = new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/messages', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(search) } });
    const res = createBotResponse();
    await bot.process((await toBotRequest(req)) as never, res as never);
    expect(res.toResponse().jsonBody).toEqual({ type: 'application/vnd.microsoft.search.searchResponse', value: { results: [{ title: 'Alex Worker (north)', value: WORKER2 }] } });
  });

  it('naming the holder tells the manager, who confirms, and the case (and its nudges) move to the holder', async () => {
    const body = await execute(WORKER, 'voice.claim', { meetingId: 'b', digest: 'b', holderId: WORKER2 });
    expect(texts(body.value).join('\n')).toContain("I've told your manager");
    const due = await Promise.all((await outbox.listDue(new Date('2030-01-01'), 200)).map((id) => outbox.getById(id)));
    const toManager = due.find((m) => m?.message.kind === 'voice.not-mine');
    expect(toManager?.message.to).toEqual({ kind: 'person', personId: MANAGER });
    expect(JSON.stringify(toManager?.message.card)).toContain('Confirm Alex Worker holds it');

    const refused = await execute(STRANGER, 'voice.confirmHolder', { meetingId: 'b', holderId: WORKER2 });
    expect(refused.type).toBe('application/vnd.microsoft.activity.message');
    const confirmed = await execute(MANAGER, 'voice.confirmHolder', { meetingId: 'b', holderId: WORKER2 });
    expect(texts(confirmed.value).join('\n')).toContain('Alex Worker now holds C-b');
    expect((await voice.children.get('C-b'))?.value.workerId).toBe(WORKER2);
    const trail = await voice.audit.listForRecord('child', 'C-b');
    expect(trail.filter((e) => e.action === 'voice.reassigned').map((e) => e.actorId)).toEqual([MANAGER]);
    // The stranger's attempt is evidence too: refused, and audited against the child.
    const refusals = trail.filter((e) => e.action === 'access.refused');
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((e) => e.actorId === STRANGER)).toBe(true);
  });
});

describe('not my case, naming a leaver', () => {
  it('is refused in plain words: nothing paused, no manager told, so the nudges keep coming to the worker', async () => {
    // The picker leaves leavers out; a card from before they left, or tampered data, can still name one.
    const before = (await outbox.listDue(new Date('2030-01-01'), 500)).length;
    const body = await execute(WORKER, 'voice.claim', { meetingId: 'a', digest: 'a', holderId: LEAVER });
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toContain('Lee Leaver has left');
    expect((await outbox.listDue(new Date('2030-01-01'), 500)).length).toBe(before);
    expect((await voice.nudges.listForMeetings(['a'])).get('a') ?? []).not.toContainEqual(expect.objectContaining({ kind: 'claimed-elsewhere' }));
  });
});

describe('cover', () => {
  it('a worker going on leave names a colleague for the dates; a mistake is named beside its field', async () => {
    const reply = await say(WORKER, 'cover');
    const card = (reply?.attachments as { content: unknown }[] | undefined)?.[0]?.content;
    expect(input(card, 'coverId')).toMatchObject({ 'choices.data': { type: 'Data.Query', dataset: 'people', count: 15 } });
    const bad = await execute(WORKER, 'cover.set', { coverId: WORKER2, from: '2026-11-30', to: '2026-11-27' });
    expect(texts(bad.value)).toContain('Problem: The last day must be on or after the first.');
    expect(input(bad.value, 'coverId')).toMatchObject({ value: WORKER2 });
    const ok = await execute(WORKER, 'cover.set', { coverId: WORKER2, from: '2026-11-30', to: '2026-12-04' });
    expect(texts(ok.value).join('\n')).toContain('Done: Alex Worker will get your nudges from Mon 30 Nov 2026 to Fri 4 Dec 2026');
    expect(await voice.covers.listFor(WORKER)).toEqual([expect.objectContaining({ coverId: WORKER2, from: '2026-11-30', to: '2026-12-04' })]);
    expect((await voice.audit.listForRecord('person', WORKER)).map((e) => e.action)).toContain('cover.set');
  });
});

describe('advocacy offered before a first conference, then the record edited after it', () => {
  it("still counts in the digests as offered before the conference: the card keeps when advocacy was first ticked", async () => {
    // A first initial conference on Wed 25 Nov for a child of 10: the card asks about advocacy.
    await voice.children.upsertMany([child('C-adv')]);
    await voice.meetings.upsertMany([meeting('adv', 'ICPC', '2026-11-25', { first: true, childRef: 'C-adv' })]);
    const form = { meetingId: 'adv', digest: 'adv', methods: 'direct_work', declined: 'false', gatheredOn: '2026-11-23', prepared: 'yes', attendance: 'will_attend', advocacyOffered: 'yes' };
    await execute(WORKER, 'voice.record', form);
    try {
      now = '2026-11-26T09:00:00Z'; // the day after the conference: a typo corrected in the note
      const edited = await execute(WORKER, 'voice.record', { ...form, note: 'Advocate met them on Monday' });
      expect(texts(edited.value).join('\n')).toContain('Saved. Thank you');
      expect(await voice.voice.get('adv')).toMatchObject({ advocacyOffered: true, advocacyOfferedAt: '2026-11-23T10:00:00.000Z', recordedAt: '2026-11-26T09:00:00.000Z' });
      // Read back from Table Storage as the board briefing and the senior report count it.
      const facts = voiceFactsFrom({ ...voice, children: stores.children, voice });
      const held = (await facts.forMeetingsBetween(new Date('2026-11-25T00:00:00Z'), new Date('2026-11-26T00:00:00Z'))).filter((f) => f.meetingId === 'adv');
      expect(voiceMeasures(held, new Date(now)).advocacy).toEqual({ n: 1, d: 1 });
    } finally {
      now = START;
    }
  });
});
