// Feedback after a meeting, through the bot on Azurite: the worker's and the chair's cards record whether the
// child and the parents were offered a feedback form and what they answered; "what would have helped" becomes a
// "You said" item in one press, only for those who hold the child or chaired the meeting.
import { HttpRequest } from '@azure/functions';
import { createBot, type Bot } from '../../bot/index';
import { createTableStores } from '../../adapters/tables';
import { TableConversationStore } from '../../adapters/tables/conversation-store';
import { TableOutboxStore } from '../../adapters/tables/outbox-store';
import { englandAndWales } from '../../core/calendar';
import { fixedClock } from '../../core/clock';
import { CHAIR, STRANGER, WORKER, chairPerson, child, meeting, people } from '../../core/testing';
import type { VoiceServices } from '../../core/voice';
import { createBotResponse, toBotRequest } from '../../functions/bot-bridge';
import { ConfigSchema } from '../../functions/config';
import { buildParticipation, type ParticipationServices } from '../../functions/wiring/participation';
import { buildVoiceServices } from '../../functions/wiring/voice';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { walk } from '../support/card-nodes';

let azurite: RunningAzurite;
let connector: FakeConnector;
let bot: Bot;
let voice: VoiceServices;
let participation: ParticipationServices;
let seq = 0;

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  const config = ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' });
  const tables = { connectionString: config.STORAGE_CONNECTION, prefix: config.TABLE_PREFIX };
  const stores = createTableStores(tables);
  const clock = fixedClock('2026-11-23T10:00:00Z');
  voice = buildVoiceServices({ config, ...stores, clock, calendar: englandAndWales, outbox: new TableOutboxStore(tables, clock) });
  participation = buildParticipation({ config, people: stores.people, audit: stores.audit, examples: stores.examples, trackerItems: stores.trackerItems, forums: stores.forums, clock });
  await stores.people.upsertMany([...people, chairPerson]);
  await stores.children.upsertMany([child('C-a'), child('C-b')]);
  await stores.meetings.upsertMany([meeting('review', 'CLA_REVIEW', '2026-11-20', { childRef: 'C-a', chairId: CHAIR }), meeting('rcpc', 'RCPC', '2026-11-19', { childRef: 'C-b' })]);
  bot = createBot({ config, people: stores.people, audit: stores.audit, conversations: new TableConversationStore(tables), clock, features: { voice, examples: participation, tracker: participation } });
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
const texts = (card: unknown) => walk(card).flatMap((n) => [n.text, n.value].filter((t): t is string => typeof t === 'string')).join('\n');
const raiseButtons = (card: unknown) => walk(card).filter((n) => n.type === 'Action.Execute' && n.verb === 'feedback.youSaid').map((n) => n.data);

describe('feedback after a meeting, through the bot', () => {
  it("the worker records the child's and the parents' feedback apart; an answer from someone not offered the form comes back named, entries kept", async () => {
    const bad = await execute(WORKER, 'after.record', { meetingId: 'rcpc', told: 'yes', feedbackFormOffered: 'no', childListened: 'well', parentsFeedbackOffered: 'yes', parentsListened: 'partly', parentsWouldHelp: 'Reports sent a week before.' });
    expect(texts(bad.value)).toContain('You said the child was not offered the form: change that to "Yes", or choose "No answer".');
    expect(input(bad.value, 'parentsWouldHelp')).toMatchObject({ value: 'Reports sent a week before.' });
    expect(await voice.after.get('rcpc')).toBeUndefined();

    const named = await execute(WORKER, 'after.record', { meetingId: 'rcpc', told: 'yes', feedbackFormOffered: 'yes', childListened: 'not_well', childWouldHelp: 'If Jayden Smith had been asked first.' });
    expect(texts(named.value)).toContain('This looks like it identifies someone');

    const ok = await execute(WORKER, 'after.record', { meetingId: 'rcpc', told: 'yes', feedbackFormOffered: 'yes', childListened: 'not_well', childWouldHelp: 'To be asked before the meeting, not during it.', parentsFeedbackOffered: 'yes', parentsListened: 'partly', parentsWouldHelp: 'Reports sent a week before.' });
    expect(await voice.after.get('rcpc')).toMatchObject({ feedbackFormOffered: true, childListened: 'not_well', parentsFeedbackOffered: true, parentsListened: 'partly', recordedBy: WORKER });
    expect(input(ok.value, 'childListened')).toMatchObject({ value: 'not_well' });
    expect(raiseButtons(ok.value)).toEqual([{ meetingId: 'rcpc', from: 'child', record: 'after' }, { meetingId: 'rcpc', from: 'parents', record: 'after' }]);
    const audit = await voice.audit.listForRecord('meeting', 'rcpc');
    expect(audit.at(-1)).toMatchObject({ action: 'after.recorded', detail: { childListened: 'not_well', parentsListened: 'partly' } });
    expect(JSON.stringify(audit)).not.toContain('asked before');
  });

  it('one press makes "what would have helped" a "You said" item in Table Storage, once; the card then says so', async () => {
    const pressed = await execute(WORKER, 'feedback.youSaid', { meetingId: 'rcpc', from: 'child', record: 'after' });
    expect(texts(pressed.value)).toContain('"what would have helped" is now a "You said" item, owned by you');
    const id = (await voice.after.get('rcpc'))!.childYouSaidId!;
    const item = (await participation.items.get(id))!.value;
    expect(item).toMatchObject({ youSaid: 'To be asked before the meeting, not during it.', saidBy: 'child', ownerId: WORKER, status: 'open', source: { kind: 'meeting-feedback', meetingType: 'RCPC', from: 'child' } });
    expect(JSON.stringify(item)).not.toMatch(/C-b|rcpc/);
    expect(raiseButtons(pressed.value)).toEqual([{ meetingId: 'rcpc', from: 'parents', record: 'after' }]);
    const again = await execute(WORKER, 'feedback.youSaid', { meetingId: 'rcpc', from: 'child', record: 'after' });
    expect(texts(again.value)).toContain('is already a "You said" item');
    expect((await voice.audit.listForRecord('meeting', 'rcpc')).filter((e) => e.action === 'feedback.you-said')).toHaveLength(1);
  });

  it("the chair records feedback on their card and may press it; someone with no part in the child's case may not (audited)", async () => {
    const chair = await execute(CHAIR, 'chair.record', { meetingId: 'review', pnCode: 'PN1', attended: 'yes', metBefore: 'no', advocacy: 'told', viewsChangedPlan: 'no', feedbackFormOffered: 'yes', childListened: 'well', childWouldHelp: 'Meeting the chair alone first.' });
    expect(await voice.chairRecords.get('review')).toMatchObject({ feedbackFormOffered: true, childListened: 'well', childWouldHelp: 'Meeting the chair alone first.' });
    expect(raiseButtons(chair.value)).toEqual([{ meetingId: 'review', from: 'child', record: 'chair' }]);
    const refused = await execute(STRANGER, 'feedback.youSaid', { meetingId: 'review', from: 'child', record: 'chair' });
    expect(refused.value).toBe("Only C-a's allocated worker, their manager, the meeting's chair or an administrator can do that.");
    expect((await voice.audit.listForRecord('child', 'C-a')).at(-1)).toMatchObject({ action: 'access.refused', actorId: STRANGER, detail: { action: 'voice.feedback-you-said' } });
    const pressed = await execute(CHAIR, 'feedback.youSaid', { meetingId: 'review', from: 'child', record: 'chair' });
    expect(texts(pressed.value)).toContain('now a "You said" item, owned by you');
    expect((await voice.chairRecords.get('review'))?.childYouSaidId).toBeTruthy();
  });

  it("a press on an old chair's card, after the record's 20 working days, still raises the item and says so (the card is not reopened)", async () => {
    await voice.meetings.upsertMany([meeting('old-review', 'CLA_REVIEW', '2026-10-01', { childRef: 'C-a', chairId: CHAIR })]);
    await voice.chairRecords.save({ meetingId: 'old-review', childRef: 'C-a', pnCode: 'PN1', pnBy: 'chair', attended: true, metBefore: false, viewsChangedPlan: false, feedbackFormOffered: true, childListened: 'partly', childWouldHelp: 'A shorter meeting after school.', recordedBy: CHAIR, recordedAt: '2026-10-01T15:00:00Z' });
    const pressed = await execute(CHAIR, 'feedback.youSaid', { meetingId: 'old-review', from: 'child', record: 'chair' });
    expect(JSON.stringify(pressed.value)).toContain('now a \\"You said\\" item, owned by you');
    expect((await voice.chairRecords.get('old-review'))?.childYouSaidId).toBeTruthy();
  });
});
