// Every door against every key: each command and card verb named in core/roles/policy.ts is sent over
// HTTP to the real bot (built by the app's composition root, through the Functions bridge and the real
// adapter) as each relation the policy speaks of, with well-formed data naming a record the actor stands
// in that relation to. What the policy allows must be allowed; what it refuses must be refused in its
// words, written to the audit trail (`access.refused`), and change nothing in storage.
import { TableServiceClient } from '@azure/data-tables';
import { createBot, type Bot } from '../../bot/index';
import { ExampleActionSchema } from '../../cards/examples-actions';
import { ForumActionSchema } from '../../cards/forums-actions';
import { TrackerActionSchema } from '../../cards/tracker-actions';
import { VoiceActionSchema } from '../../cards/voice-actions';
import { AdminActionSchema } from '../../cards/admin-actions';
import { commands } from '../../bot/commands';
import { englandAndWales, londonDate } from '../../core/calendar/working-days';
import { ForumSchema } from '../../core/forums/forum';
import type { Person } from '../../core/model/person';
import { ACTIONS, decide, POLICY, type Action, type Subject } from '../../core/roles';
import { shareExample } from '../../core/examples';
import { raiseItem } from '../../core/tracker';
import { ConfigSchema } from '../../functions/config';
import { buildServices, type Services } from '../../functions/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { botDriver, type BotDriver } from '../support/bot-driver';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

jest.setTimeout(600_000);

const uuid = (n: number) => `7c000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const LM = uuid(3);
const TM = uuid(4);
const person = (n: number, name: string, roles: Person['roles'], teamId: string, lineManagerId?: string): Person => ({
  id: uuid(n), upn: `${name.toLowerCase().replace(/ /g, '.')}@council.example`, displayName: name, roles, teamId, ...(lineManagerId ? { lineManagerId } : {}),
});

/** The relations (and roles) of the issue, one person each; `subject` is how that person stands to every record. */
const RELATIONS = {
  'allocated worker': { p: person(1, 'Wren Worker', ['social_worker'], 'north', LM), subject: (id: string): Subject => ({ holderIds: [id], authorId: id }) },
  cover: { p: person(2, 'Cora Cover', ['social_worker'], 'north', LM), subject: (id: string): Subject => ({ coverIds: [id] }) },
  "the worker's line manager": { p: person(3, 'Lena Line', ['manager'], 'north'), subject: (id: string): Subject => ({ lineManagerIds: [id] }) },
  "the team's manager": { p: person(4, 'Tom Team', ['manager'], 'north'), subject: (id: string): Subject => ({ teamManagerId: id }) },
  'participation officer': { p: person(5, 'Pat Officer', ['participation_officer'], 'participation'), subject: (): Subject => ({}) },
  "the forum's facilitator": { p: person(6, 'Fay Facilitator', ['social_worker'], 'east'), subject: (id: string): Subject => ({ facilitatorIds: [id] }) },
  'board member': { p: person(7, 'Bo Board', ['board_member'], 'board'), subject: (): Subject => ({}) },
  'senior manager': { p: person(8, 'Sian Senior', ['senior_manager'], 'senior'), subject: (): Subject => ({}) },
  admin: { p: person(9, 'Ada Admin', ['admin'], 'it'), subject: (): Subject => ({}) },
  // The hostile colleague: a manager of another team, with a report of their own.
  stranger: { p: person(10, 'Xan Other', ['manager'], 'south'), subject: (): Subject => ({}) },
} as const;
type RelationName = keyof typeof RELATIONS;
const W = RELATIONS['allocated worker'].p;
const CV = RELATIONS.cover.p;
const FA = RELATIONS["the forum's facilitator"].p;
const W2 = person(11, 'Ash Teammate', ['social_worker'], 'north', LM);
const XR = person(12, 'Rex Report', ['social_worker'], 'south', uuid(10));

let azurite: RunningAzurite;
let connector: FakeConnector;
let services: Services;
let bot: Bot;
let drive: BotDriver;
let prefix: string;
let seq = 0;
const today = () => londonDate(new Date());
const plusDays = (n: number) => new Date(Date.parse(`${today()}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  prefix = uniquePrefix();
  services = buildServices(ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: prefix }));
  await services.people.upsertMany([...Object.values(RELATIONS).map((r) => r.p), W2, XR]);
  await services.teams.upsertMany([
    { id: 'north', name: 'North', district: 'N', managerId: TM },
    { id: 'south', name: 'South', district: 'S', managerId: uuid(10) },
  ]);
  // Cora covers Wren's leave today, approved by being in her team.
  await services.voice.covers.save({ workerId: W.id, coverId: CV.id, from: plusDays(-1), to: plusDays(20), setBy: W.id, setAt: new Date().toISOString() });
  bot = createBot(services);
  drive = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
}, 120_000);
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

/** A fresh set of records for one case, so what an allowed actor changes never shapes the next case. */
async function records(tag: string) {
  const ref = `C-${tag}`;
  const meetingDate = englandAndWales.addWorkingDays(today(), 12);
  await services.children.upsertMany([{ ref, workerId: W.id, teamId: 'north', birthMonth: '2015-05', legalStatus: 'CP', groups: [], newToCare: false }]);
  await services.meetings.upsertMany([{ id: `m-${tag}`, childRef: ref, type: 'ICPC', start: `${meetingDate}T10:00:00Z`, status: 'scheduled', first: false }]);
  const p = services.participation;
  const raised = await raiseItem({ ...p, newId: () => `item-${tag}`, pii: () => [] }, {
    actor: W, input: { youSaid: 'Young people asked for shorter reviews', saidBy: 'group', ownerId: W.id, dueDate: plusDays(30) }, source: { kind: 'command' },
  });
  if (raised.kind !== 'raised') throw new Error(JSON.stringify(raised));
  const shared = await shareExample(p, {
    actor: W,
    input: { title: 'Shorter reviews', happenedOn: today(), whatHappened: 'Chairs now agree an agenda with the young person before each review.', promiseIds: ['safe'], mode: 'adult_initiated_shared', lundy: ['voice'], scope: 'collective', groups: [], youSaid: 'Reviews were too long', weDid: 'Reviews follow an agreed agenda', shareable: false },
  });
  if (shared.kind !== 'saved') throw new Error(JSON.stringify(shared));
  const forumId = `cicc-${tag}`;
  await services.forumFeature.forums.save(ForumSchema.parse({
    id: forumId, name: `Children in Care Council ${tag}`, type: 'CICC', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', startDate: plusDays(-30), time: '16:00', place: 'Town Hall',
    facilitatorIds: [FA.id], createdBy: RELATIONS['participation officer'].p.id, updatedAt: new Date().toISOString(),
  }));
  const lastMet = englandAndWales.addWorkingDays(today(), -1);
  return { ref, meetingId: `m-${tag}`, itemId: `item-${tag}`, exampleId: shared.example.id, forumId, lastMet };
}
type Records = Awaited<ReturnType<typeof records>>;

/** How a door is knocked on, with well-formed data naming the case's records. */
interface Knock {
  kind: 'execute' | 'say' | 'channel' | 'search' | 'extension';
  data?: Record<string, unknown>;
  text?: string;
  /** Where a refusal of a record-dependent rule is audited, and how the record is named in the refusal. */
  record?: [string, string];
  label?: string;
}
const voiceForm = { pnCode: 'PN5', methods: 'advocate', declined: 'false', gatheredOn: today(), prepared: 'yes', attendance: 'will_not_attend', sharedWith: 'chair' };
const child = (r: Records) => ({ record: ['child', r.ref] as [string, string], label: r.ref });
const item = (r: Records) => ({ record: ['tracker-item', r.itemId] as [string, string] });
const outcome = (r: Records) => ({ record: ['forum', r.forumId] as [string, string] });
const forumEditor = (r: Records) => ({ forumId: r.forumId, name: 'CICC', type: 'CICC', frequency: 'weekly', weekday: 'MO', startDate: plusDays(7), time: '16:00', place: 'Town Hall' });

const KNOCKS: Record<string, (r: Records, tag: string) => Knock | Promise<Knock>> = {
  // Commands typed in the 1:1 chat (or the channel).
  help: () => ({ kind: 'say', text: 'help' }),
  'my meetings': () => ({ kind: 'say', text: 'my meetings' }),
  'team meetings': () => ({ kind: 'say', text: 'team meetings' }),
  example: () => ({ kind: 'say', text: 'example' }),
  'you said': () => ({ kind: 'say', text: 'you said' }),
  'my actions': () => ({ kind: 'say', text: 'my actions' }),
  forums: () => ({ kind: 'say', text: 'forums' }),
  channels: () => ({ kind: 'say', text: 'channels' }),
  cover: () => ({ kind: 'say', text: 'cover' }),
  report: () => ({ kind: 'say', text: 'report October 2026' }),
  admin: () => ({ kind: 'say', text: 'admin' }),
  'use this channel for': () => ({ kind: 'channel', text: 'use this channel for team North', record: ['channel-mapping', 'North'], label: 'North' }),
  'search:people': () => ({ kind: 'search', text: 'ash' }),
  'extension:shareExample': () => ({ kind: 'extension' }),
  // Voice cards.
  'voice.refresh': (r) => ({ kind: 'execute', data: { digest: r.meetingId } }),
  'voice.open': (r) => ({ kind: 'execute', data: { meetingId: r.meetingId, digest: r.meetingId }, ...child(r) }),
  'voice.record': (r) => ({ kind: 'execute', data: { meetingId: r.meetingId, digest: r.meetingId, ...voiceForm }, ...child(r) }),
  'voice.snooze': (r) => ({ kind: 'execute', data: { meetingId: r.meetingId, digest: r.meetingId }, ...child(r) }),
  'voice.notMine': (r) => ({ kind: 'execute', data: { meetingId: r.meetingId, digest: r.meetingId }, ...child(r) }),
  'voice.claim': (r) => ({ kind: 'execute', data: { meetingId: r.meetingId, digest: r.meetingId, holderId: W2.id }, ...child(r) }),
  'voice.confirmHolder': async (r) => {
    await drive.execute(W.id, 'voice.claim', { meetingId: r.meetingId, digest: r.meetingId, holderId: W2.id });
    return { kind: 'execute', data: { meetingId: r.meetingId, holderId: W2.id }, ...child(r) };
  },
  'escalation.renudge': (r) => ({ kind: 'execute', data: { meetingId: r.meetingId }, ...child(r) }),
  'after.open': (r) => ({ kind: 'execute', data: { meetingId: r.meetingId }, ...child(r) }),
  'after.record': (r) => ({ kind: 'execute', data: { meetingId: r.meetingId, told: 'yes' }, ...child(r) }),
  'cover.set': () => ({ kind: 'execute', data: { coverId: W2.id, from: plusDays(1), to: plusDays(5) } }),
  'cover.end': async (_r, tag) => {
    const from = plusDays(60 + Number(tag.replace(/\D/g, '')));
    await services.voice.covers.save({ workerId: W.id, coverId: W2.id, from, to: from, setBy: W.id, setAt: new Date().toISOString() });
    return { kind: 'execute', data: { workerId: W.id, coverId: W2.id, from, to: from }, record: ['person', W.id] };
  },
  'cover.approve': async (_r, tag) => {
    const from = plusDays(60 + Number(tag.replace(/\D/g, '')));
    await services.voice.covers.save({ workerId: W.id, coverId: XR.id, from, to: from, setBy: W.id, setAt: new Date().toISOString(), pending: true });
    return { kind: 'execute', data: { workerId: W.id, coverId: XR.id, from, to: from }, record: ['person', W.id] };
  },
  // "You said, we did".
  'yousaid.new': () => ({ kind: 'execute' }),
  'yousaid.submit': () => ({ kind: 'execute', data: { youSaid: 'Young people want later meetings', saidBy: 'group', ownerId: W.id, dueDate: plusDays(20) } }),
  'yousaid.rewrite': () => ({ kind: 'execute', data: { draft: { youSaid: 'Later meetings' } } }),
  'yousaid.keepInternal': () => ({ kind: 'execute', data: { draft: { youSaid: 'Young people want later meetings', saidBy: 'group', ownerId: W.id, dueDate: plusDays(20) } } }),
  'tracker.list': () => ({ kind: 'execute' }),
  'tracker.open': (r) => ({ kind: 'execute', data: { itemId: r.itemId }, ...item(r) }),
  'tracker.progress': (r) => ({ kind: 'execute', data: { itemId: r.itemId, outcome: 'done', weDid: 'Meetings now start after school', feedbackGiven: 'false' }, ...item(r) }),
  'tracker.rewrite': (r) => ({ kind: 'execute', data: { recordId: r.itemId, draft: { outcome: 'done' } }, ...item(r) }),
  'tracker.keepInternal': (r) => ({ kind: 'execute', data: { recordId: r.itemId, draft: { outcome: 'done', weDid: 'Meetings now start after school' } }, ...item(r) }),
  'tracker.feedback': (r) => ({ kind: 'execute', data: { itemId: r.itemId, feedbackOn: today(), feedbackHow: 'Told at the CICC' }, ...item(r) }),
  'tracker.edit': (r) => ({ kind: 'execute', data: { itemId: r.itemId }, ...item(r) }),
  'tracker.withdraw': (r) => ({ kind: 'execute', data: { itemId: r.itemId }, ...item(r) }),
  // Participation examples.
  'example.new': () => ({ kind: 'execute' }),
  'example.submit': () => ({ kind: 'execute', data: { title: 'A new example', happenedOn: today(), whatHappened: 'Young people chose the venue for their review meetings.', promiseIds: 'safe', mode: 'adult_initiated_shared', lundy: 'voice', scope: 'collective', youSaid: 'Pick the venue', weDid: 'They pick it', shareable: 'false' } }),
  'example.rewrite': () => ({ kind: 'execute', data: { draft: { title: 'A new example' } } }),
  'example.keepInternal': () => ({ kind: 'execute', data: { draft: { title: 'A new example', happenedOn: today(), whatHappened: 'Young people chose the venue for their review meetings.', promiseIds: 'safe', mode: 'adult_initiated_shared', lundy: 'voice', scope: 'collective', youSaid: 'Pick the venue', weDid: 'They pick it' } } }),
  'example.edit': (r) => ({ kind: 'execute', data: { exampleId: r.exampleId }, record: ['example', r.exampleId] }),
  'example.withdraw': (r) => ({ kind: 'execute', data: { exampleId: r.exampleId }, record: ['example', r.exampleId] }),
  // Forums.
  'forum.new': () => ({ kind: 'execute' }),
  'forum.edit': (r) => ({ kind: 'execute', data: { forumId: r.forumId } }),
  'forum.preview': (r) => ({ kind: 'execute', data: forumEditor(r) }),
  'forum.save': (r) => ({ kind: 'execute', data: forumEditor(r) }),
  'forum.occurrence.open': (r) => ({ kind: 'execute', data: { forumId: r.forumId } }),
  'forum.occurrence.move': (r) => ({ kind: 'execute', data: { forumId: r.forumId, originalDate: englandAndWales.addWorkingDays(today(), 3), newDate: englandAndWales.addWorkingDays(today(), 4), newTime: '17:00' } }),
  'forum.occurrence.cancel': (r) => ({ kind: 'execute', data: { forumId: r.forumId, originalDate: englandAndWales.addWorkingDays(today(), 3), reason: 'Half term' } }),
  'forum.occurrence.restore': (r) => ({ kind: 'execute', data: { forumId: r.forumId, originalDate: englandAndWales.addWorkingDays(today(), 3) } }),
  'forum.outcome.open': (r) => ({ kind: 'execute', data: { forumId: r.forumId, originalDate: r.lastMet }, ...outcome(r) }),
  'forum.outcome.save': (r) => ({ kind: 'execute', data: { forumId: r.forumId, originalDate: r.lastMet, total: '6', p0text: 'More say in placements', p0kind: 'note' }, ...outcome(r) }),
  // Digests.
  'cicc.audit': (r) => ({ kind: 'execute', data: { occurrenceId: `${r.forumId}:${r.lastMet}`, 'verdict-safe': 'kept', 'comment-safe': 'Reviews are shorter.' }, record: ['cicc-audit', `${r.forumId}:${r.lastMet}`] }),
  'digest.ask': () => ({ kind: 'execute', data: { digest: 'cpb', section: 'voice', ref: today() } }),
  // The admin card.
  'admin.view': () => ({ kind: 'execute' }),
  'admin.retry': () => ({ kind: 'execute', data: { id: 'no-such-message' } }),
  'admin.discard': () => ({ kind: 'execute', data: { id: 'no-such-message' } }),
  'admin.deletePost': () => ({ kind: 'execute', data: { id: 'no-such-post' } }),
  'admin.pause': (r) => ({ kind: 'execute', data: { meetingId: r.meetingId, reason: 'Court hearing' } }),
  'admin.resume': (r) => ({ kind: 'execute', data: { meetingId: r.meetingId } }),
};

const VERBS = ACTIONS.flatMap((a) => (POLICY[a].verbs as readonly string[]).map((verb) => [verb, a] as [string, Action]));

/** Every table of this run but the audit trail and the conversation references (which every turn refreshes). */
async function snapshot(): Promise<string> {
  const service = TableServiceClient.fromConnectionString(azurite.connectionString, { allowInsecureConnection: true });
  const out: string[] = [];
  for await (const t of service.listTables()) {
    const name = t.name ?? '';
    if (!name.startsWith(prefix) || /Audit$|Conversations$/.test(name)) continue;
    const client = (await import('@azure/data-tables')).TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
    for await (const e of client.listEntities()) {
      const { etag: _e, timestamp: _t, ...rest } = e as Record<string, unknown>;
      out.push(`${name} ${JSON.stringify(rest)}`);
    }
  }
  return out.sort().join('\n');
}

/** Knocks once; what came back, as text. */
async function knock(who: Person, verb: string, k: Knock): Promise<string> {
  const conversationId = k.kind === 'channel' ? '19:north@thread.tacv2' : `a:personal-${who.id}`;
  const before = connector.sent(conversationId).length;
  let answer: unknown;
  if (k.kind === 'execute') answer = await drive.execute(who.id, verb, k.data ?? {});
  else if (k.kind === 'say') await drive.post({ ...drive.personal(who.id), type: 'message', text: k.text });
  else if (k.kind === 'channel')
    await drive.post({
      ...drive.personal(who.id), type: 'message', text: k.text,
      conversation: { id: conversationId, conversationType: 'channel', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2', name: 'North' }, channel: { id: '19:north@thread.tacv2', name: 'North digest' } },
    });
  else if (k.kind === 'search')
    answer = await drive.post({ ...drive.personal(who.id), type: 'invoke', name: 'application/search', value: { kind: 'search', queryText: k.text, queryOptions: { skip: 0, top: 15 }, dataset: 'people' } });
  else
    answer = await drive.post({ ...drive.personal(who.id), type: 'invoke', name: 'composeExtension/fetchTask', value: { commandId: 'shareExample', commandContext: 'message', messagePayload: { body: { content: 'We did it' } } } });
  const replies = connector.sent(conversationId).slice(before).map((r) => JSON.stringify(r.activity.text ?? r.activity.attachments ?? ''));
  return [JSON.stringify(answer ?? ''), ...replies].join('\n');
}

const refusalsBy = async (who: Person, record: [string, string]) =>
  (await services.audit.listForRecord(...record)).filter((e) => e.action === 'access.refused' && e.actorId === who.id).length;

describe('the policy names every door the bot opens', () => {
  it('each card verb, command and other entry is in exactly one rule, and each rule has a knock in this test', () => {
    const cardVerbs = [VoiceActionSchema, TrackerActionSchema, ExampleActionSchema, ForumActionSchema, AdminActionSchema].flatMap((u) =>
      u.options.map((o) => (o.shape.verb as { value: string }).value),
    );
    const doors = [...cardVerbs, 'cicc.audit', 'digest.ask', ...commands.map((c) => c.name), 'admin', 'use this channel for', 'search:people', 'extension:shareExample'];
    for (const door of doors) expect({ door, rules: ACTIONS.filter((a) => (POLICY[a].verbs as readonly string[]).includes(door)).length }).toEqual({ door, rules: 1 });
    expect(VERBS.map(([v]) => v).sort()).toEqual([...new Set(doors)].sort());
    expect(Object.keys(KNOCKS).sort()).toEqual(VERBS.map(([v]) => v).sort());
  });
});

describe.each(VERBS)('%s (%s)', (verb, action) => {
  it.each(Object.keys(RELATIONS) as RelationName[])('as %s', async (relation) => {
    const { p: who, subject } = RELATIONS[relation];
    const tag = `${++seq}`;
    const r = await records(tag);
    const k = await KNOCKS[verb]!(r, tag);
    const allowed = decide(who, action, subject(who.id)).allowed;
    const record: [string, string] = POLICY[action].relations.length === 0 ? ['action', action] : (k.record ?? ['action', action]);
    const [refusedBefore, before] = await Promise.all([refusalsBy(who, record), allowed ? '' : snapshot()]);
    const reply = await knock(who, verb, k);
    const words = POLICY[action].refusal.replace('{ref}', k.label ?? 'this record');
    const refusedAfter = await refusalsBy(who, record);
    if (process.env.GT_MATRIX_DEBUG) console.log(verb, relation, reply);
    if (allowed) {
      expect({ relation, refusedInWords: reply.includes(JSON.stringify(words).slice(1, -1)), audited: refusedAfter - refusedBefore }).toEqual({ relation, refusedInWords: false, audited: 0 });
    } else {
      expect({ relation, refusedInWords: reply.includes(JSON.stringify(words).slice(1, -1)), audited: refusedAfter - refusedBefore > 0 }).toEqual({ relation, refusedInWords: true, audited: true });
      expect(await snapshot()).toBe(before);
    }
  });
});
