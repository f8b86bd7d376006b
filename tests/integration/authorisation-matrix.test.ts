// Every door against every key: each command and card verb named in core/roles/policy.ts is sent over
// HTTP to the real bot (built by the app's composition root, through the Functions bridge and the real
// adapter) as each relation the policy speaks of, with well-formed data naming a record the actor stands
// in that relation to. What the policy allows must be allowed; what it refuses must be refused in its
// words, written to the audit trail (`access.refused`), and change nothing in storage.
import { TableServiceClient } from '@azure/data-tables';
import { createBot, type Bot } from '../../bot/index';
import { ExampleActionSchema } from '../../cards/examples-actions';
import { ForumActionSchema } from '../../cards/forums-actions';
import { ActivityActionSchema } from '../../cards/activities-cards';
import { AuditActionSchema } from '../../cards/audits-cards';
import { exitVerbs } from '../../cards/exits-cards';
import { SurveyActionSchema } from '../../cards/surveys-cards';
import { TrackerActionSchema } from '../../cards/tracker-actions';
import { VoiceActionSchema } from '../../cards/voice-actions';
import { AdminActionSchema } from '../../cards/admin-actions';
import { commands } from '../../bot/commands';
import { englandAndWales, londonDate } from '../../core/calendar';
import { ForumSchema } from '../../core/forums';
import type { Person } from '../../core/model';
import { ACTIONS, decide, POLICY, type Action, type Subject } from '../../core/roles';
import { shareExample } from '../../core/examples';
import { raiseItem } from '../../core/tracker';
import { caseAuditId } from '../../core/audits';
import { ConfigSchema } from '../../functions/config';
import { buildServices, type Services } from '../../functions/wiring/services';
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
  // An IRO who chairs the child's meeting (the import's chair_id).
  "the meeting's chair": { p: person(13, 'Iris Reviewer', ['iro'], 'reviewing'), subject: (id: string): Subject => ({ chairIds: [id] }) },
  // The quality-assurance auditor a case-file audit was assigned to.
  "the case's auditor": { p: person(14, 'Quinn Auditor', ['qa_auditor'], 'quality'), subject: (id: string): Subject => ({ auditorIds: [id] }) },
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
  services = buildServices(ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: prefix, GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' }));
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

/** Fresh records for one case, each made only when the door needs it, so what an allowed actor changes never shapes the next case. */
function records(tag: string) {
  const once = <T>(make: () => Promise<T>) => {
    let made: Promise<T> | undefined;
    return () => (made ??= make());
  };
  const p = services.participation;
  const child = once(async () => {
    const ref = `C-${tag}`;
    await services.children.upsertMany([{ ref, workerId: W.id, teamId: 'north', birthMonth: '2015-05', legalStatus: 'CP', groups: [], newToCare: false }]);
    await services.meetings.upsertMany([{ id: `m-${tag}`, childRef: ref, type: 'ICPC', start: `${englandAndWales.addWorkingDays(today(), 12)}T10:00:00Z`, status: 'scheduled', first: false, chairId: RELATIONS["the meeting's chair"].p.id }]);
    return { ref, meetingId: `m-${tag}` };
  });
  return {
    child,
    item: once(async () => {
      const raised = await raiseItem({ ...p, newId: () => `item-${tag}`, pii: () => [] }, {
        actor: W, input: { youSaid: 'Young people asked for shorter reviews', saidBy: 'group', ownerId: W.id, dueDate: plusDays(30) }, source: { kind: 'command' },
      });
      if (raised.kind !== 'raised') throw new Error(JSON.stringify(raised));
      return raised.item.id;
    }),
    example: once(async () => {
      const shared = await shareExample(p, {
        actor: W,
        input: { title: 'Shorter reviews', happenedOn: today(), whatHappened: 'Chairs now agree an agenda with the young person before each review.', promiseIds: ['safe'], mode: 'adult_initiated_shared', lundy: ['voice'], scope: 'collective', groups: [], youSaid: 'Reviews were too long', weDid: 'Reviews follow an agreed agenda', shareable: false },
      });
      if (shared.kind !== 'saved') throw new Error(JSON.stringify(shared));
      return shared.example.id;
    }),
    forum: once(async () => {
      const forumId = `cicc-${tag}`;
      await services.forumFeature.forums.save(ForumSchema.parse({
        id: forumId, name: `Children in Care Council ${tag}`, type: 'CICC', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', startDate: plusDays(-30), time: '16:00', place: 'Town Hall',
        facilitatorIds: [FA.id], createdBy: RELATIONS['participation officer'].p.id, updatedAt: new Date().toISOString(),
      }));
      return { forumId, lastMet: englandAndWales.addWorkingDays(today(), -1) };
    }),
    // A care leaver forum: its "You said, we did" has a printable page.
    // A case-file audit of the child's file, assigned to the QA auditor.
    caseAudit: once(async () => {
      const c = await child();
      const audit = { month: '2026-12', teamId: 'north', childRef: c.ref, auditorId: RELATIONS["the case's auditor"].p.id, auditorKind: 'qa_auditor' as const, assignedOn: '2026-12-01', remindOn: '2026-12-08', dueOn: '2026-12-15', status: 'assigned' as const };
      await services.caseAudits.create(audit);
      return audit;
    }),
    leavers: once(async () => {
      const forumId = `leavers-${tag}`;
      await services.forumFeature.forums.save(ForumSchema.parse({
        id: forumId, name: `Care leaver forum ${tag}`, type: 'CARE_LEAVER', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', startDate: plusDays(-30), time: '16:00', place: 'Town Hall',
        facilitatorIds: [FA.id], createdBy: RELATIONS['participation officer'].p.id, updatedAt: new Date().toISOString(),
      }));
      return { forumId, lastMet: englandAndWales.addWorkingDays(today(), -1) };
    }),
  };
}
type Records = ReturnType<typeof records>;

/** How a door is knocked on, with well-formed data naming the case's records. */
interface Knock {
  kind: 'execute' | 'say' | 'channel' | 'search' | 'extension';
  data?: Record<string, unknown>;
  text?: string;
  /** Where a refusal of a record-dependent rule is audited, and how the record is named in the refusal. */
  record?: [string, string];
  label?: string;
}
const voiceForm = { methods: 'advocate', declined: 'false', gatheredOn: today(), prepared: 'yes', attendance: 'will_not_attend', sharedWith: 'chair' };
/** A knock on a child's meeting: the data names the meeting; a refusal is audited against the child. */
const onChild = (data: (m: { meetingId: string }) => Record<string, unknown>) => async (r: Records): Promise<Knock> => {
  const c = await r.child();
  return { kind: 'execute', data: data(c), record: ['child', c.ref], label: c.ref };
};
const onItem = (data: (itemId: string) => Record<string, unknown>) => async (r: Records): Promise<Knock> => {
  const itemId = await r.item();
  return { kind: 'execute', data: data(itemId), record: ['tracker-item', itemId] };
};
const onForum = (data: (f: { forumId: string; lastMet: string }) => Record<string, unknown>, audited?: 'forum' | 'cicc-audit') => async (r: Records): Promise<Knock> => {
  const f = await r.forum();
  const record: [string, string] | undefined = audited === 'forum' ? ['forum', f.forumId] : audited === 'cicc-audit' ? ['cicc-audit', `${f.forumId}:${f.lastMet}`] : undefined;
  return { kind: 'execute', data: data(f), ...(record ? { record } : {}) };
};
const forumEditor = (f: { forumId: string }) => ({ forumId: f.forumId, name: 'CICC', type: 'CICC', frequency: 'weekly', weekday: 'MO', startDate: plusDays(7), time: '16:00', place: 'Town Hall' });
const soon = (n: number) => englandAndWales.addWorkingDays(today(), n);

const KNOCKS: Record<string, (r: Records, tag: string) => Knock | Promise<Knock>> = {
  // Commands typed in the 1:1 chat (or the channel).
  help: () => ({ kind: 'say', text: 'help' }),
  'my meetings': () => ({ kind: 'say', text: 'my meetings' }),
  'team meetings': () => ({ kind: 'say', text: 'team meetings' }),
  'my reviews': () => ({ kind: 'say', text: 'my reviews' }),
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
  'voice.refresh': async (r) => ({ kind: 'execute', data: { digest: (await r.child()).meetingId } }),
  'voice.open': onChild(({ meetingId }) => ({ meetingId, digest: meetingId })),
  'voice.record': onChild(({ meetingId }) => ({ meetingId, digest: meetingId, ...voiceForm })),
  'voice.snooze': onChild(({ meetingId }) => ({ meetingId, digest: meetingId })),
  'voice.notMine': onChild(({ meetingId }) => ({ meetingId, digest: meetingId })),
  'voice.claim': onChild(({ meetingId }) => ({ meetingId, digest: meetingId, holderId: W2.id })),
  'voice.confirmHolder': async (r) => {
    const { meetingId } = await r.child();
    await drive.execute(W.id, 'voice.claim', { meetingId, digest: meetingId, holderId: W2.id });
    return onChild(() => ({ meetingId, holderId: W2.id }))(r);
  },
  'escalation.renudge': onChild(({ meetingId }) => ({ meetingId })),
  'chair.open': onChild(({ meetingId }) => ({ meetingId })),
  'chair.record': onChild(({ meetingId }) => ({ meetingId, pnCode: 'PN5', attended: 'no', metBefore: 'no', advocacy: 'told', viewsChangedPlan: 'no' })),
  'after.open': onChild(({ meetingId }) => ({ meetingId })),
  'after.record': onChild(({ meetingId }) => ({ meetingId, told: 'yes' })),
  // The worker has saved the child's feedback, with what would have helped: pressing makes it a "You said" item.
  'feedback.youSaid': async (r) => {
    const { meetingId } = await r.child();
    await drive.execute(W.id, 'after.record', { meetingId, told: 'yes', feedbackFormOffered: 'yes', childListened: 'partly', childWouldHelp: 'Shorter meetings, held after school.' });
    return onChild(() => ({ meetingId, from: 'child', record: 'after' }))(r);
  },
  'cover.set': () => ({ kind: 'execute', data: { coverId: W2.id, from: plusDays(1), to: plusDays(5) } }),
  'cover.end': async (_r, tag) => {
    const from = plusDays(60 + Number(tag));
    await services.voice.covers.save({ workerId: W.id, coverId: W2.id, from, to: from, setBy: W.id, setAt: new Date().toISOString() });
    return { kind: 'execute', data: { workerId: W.id, coverId: W2.id, from, to: from }, record: ['person', W.id] };
  },
  'cover.approve': async (_r, tag) => {
    const from = plusDays(60 + Number(tag));
    await services.voice.covers.save({ workerId: W.id, coverId: XR.id, from, to: from, setBy: W.id, setAt: new Date().toISOString(), pending: true });
    return { kind: 'execute', data: { workerId: W.id, coverId: XR.id, from, to: from }, record: ['person', W.id] };
  },
  // "You said, we did".
  'yousaid.new': () => ({ kind: 'execute' }),
  'yousaid.submit': () => ({ kind: 'execute', data: { youSaid: 'Young people want later meetings', saidBy: 'group', ownerId: W.id, dueDate: plusDays(20) } }),
  'yousaid.rewrite': () => ({ kind: 'execute', data: { draft: JSON.stringify({ youSaid: 'Later meetings' }) } }),
  'yousaid.keepInternal': () => ({ kind: 'execute', data: { draft: JSON.stringify({ youSaid: 'Young people want later meetings', saidBy: 'group', ownerId: W.id, dueDate: plusDays(20) }) } }),
  'yousaid.saveAnyway': () => ({ kind: 'execute', data: { youSaid: 'Young people want later meetings', saidBy: 'group', ownerId: W.id, dueDate: plusDays(20) } }),
  'tracker.list': () => ({ kind: 'execute' }),
  'tracker.open': onItem((itemId) => ({ itemId })),
  'tracker.progress': onItem((itemId) => ({ itemId, outcome: 'done', weDid: 'Meetings now start after school', feedbackGiven: 'false' })),
  'tracker.rewrite': onItem((itemId) => ({ recordId: itemId, draft: JSON.stringify({ outcome: 'done' }) })),
  'tracker.keepInternal': onItem((itemId) => ({ recordId: itemId, draft: JSON.stringify({ outcome: 'done', weDid: 'Meetings now start after school' }) })),
  'tracker.saveAnyway': onItem((itemId) => ({ itemId, outcome: 'done', weDid: 'Meetings now start after school', feedbackGiven: 'false' })),
  'tracker.reword': onItem((itemId) => ({ itemId, youSaid: 'Young people want later meetings' })),
  'tracker.feedback': onItem((itemId) => ({ itemId, feedbackOn: today(), feedbackHow: 'Told at the CICC' })),
  'tracker.edit': onItem((itemId) => ({ itemId })),
  'tracker.withdraw': onItem((itemId) => ({ itemId })),
  // Participation examples.
  'example.new': () => ({ kind: 'execute' }),
  'example.submit': () => ({ kind: 'execute', data: { title: 'A new example', happenedOn: today(), whatHappened: 'Young people chose the venue for their review meetings.', promiseIds: 'safe', mode: 'adult_initiated_shared', lundy: 'voice', scope: 'collective', youSaid: 'Pick the venue', weDid: 'They pick it', shareable: 'false' } }),
  'example.saveAnyway': () => ({ kind: 'execute', data: { title: 'A new example', happenedOn: today(), whatHappened: 'Young people chose the venue for their review meetings.', promiseIds: 'safe', mode: 'adult_initiated_shared', lundy: 'voice', scope: 'collective', youSaid: 'Pick the venue', weDid: 'They pick it', shareable: 'false' } }),
  'example.rewrite': () => ({ kind: 'execute', data: { draft: JSON.stringify({ title: 'A new example' }) } }),
  'example.keepInternal': () => ({ kind: 'execute', data: { draft: JSON.stringify({ title: 'A new example', happenedOn: today(), whatHappened: 'Young people chose the venue for their review meetings.', promiseIds: 'safe', mode: 'adult_initiated_shared', lundy: 'voice', scope: 'collective', youSaid: 'Pick the venue', weDid: 'They pick it' }) } }),
  'example.edit': async (r) => ({ kind: 'execute', data: { exampleId: await r.example() }, record: ['example', await r.example()] }),
  'example.withdraw': async (r) => ({ kind: 'execute', data: { exampleId: await r.example() }, record: ['example', await r.example()] }),
  // Forums.
  'forum.new': () => ({ kind: 'execute' }),
  'forum.edit': onForum(({ forumId }) => ({ forumId })),
  'forum.preview': onForum(forumEditor),
  'forum.save': onForum(forumEditor),
  'forum.occurrence.open': onForum(({ forumId }) => ({ forumId })),
  'forum.occurrence.move': onForum(({ forumId }) => ({ forumId, originalDate: soon(3), newDate: soon(4), newTime: '17:00' })),
  'forum.occurrence.cancel': onForum(({ forumId }) => ({ forumId, originalDate: soon(3), reason: 'Half term' })),
  'forum.occurrence.restore': onForum(({ forumId }) => ({ forumId, originalDate: soon(3) })),
  'forum.outcome.open': onForum(({ forumId, lastMet }) => ({ forumId, originalDate: lastMet }), 'forum'),
  'forum.outcome.save': onForum(({ forumId, lastMet }) => ({ forumId, originalDate: lastMet, total: '6', p0text: 'More say in placements', p0kind: 'note' }), 'forum'),
  'forum.printable': async (r) => {
    const f = await r.leavers();
    return { kind: 'execute', data: { forumId: f.forumId, originalDate: soon(2) }, record: ['forum', f.forumId] };
  },
  // Digests.
  'cicc.audit': onForum(({ forumId, lastMet }) => ({ occurrenceId: `${forumId}:${lastMet}`, 'verdict-safe': 'kept', 'comment-safe': 'Reviews are shorter.' }), 'cicc-audit'),
  'digest.ask': () => ({ kind: 'execute', data: { digest: 'cpb', section: 'voice', ref: today() } }),
  // Group participation (opened from the forums card).
  'activity.new': () => ({ kind: 'execute' }),
  'activity.save': () => ({ kind: 'execute', data: { kind: 'interview_panel', on: today(), youngPeople: '5', hours: '2', promiseIds: 'dreams', recognition: 'voucher' } }),
  // Case-file audits (the card the caseAudits timer sends).
  'audit.submit': async (r) => {
    const a = await r.caseAudit();
    return { kind: 'execute', data: { month: a.month, teamId: a.teamId, childRef: a.childRef, viewsRecorded: 'yes', ownWords: 'partly', influencedPlan: 'no', toldOutcome: 'cant_tell' }, record: ['case-audit', caseAuditId(a)] };
  },
  // Survey results pasted into a card (opened from the forums card).
  'survey.new': () => ({ kind: 'execute' }),
  'survey.import': (_r, tag) => ({ kind: 'execute', data: { name: `Matrix survey ${tag}`, from: plusDays(-40), to: plusDays(-10), csv: 'question,group,number answering,share agreeing\nI feel safe where I live,Children in care,40,80%' } }),
  // The exit conversation card (asked after a children import reports a care episode ended).
  'exit.record': async (r) => {
    const { ref } = await r.child();
    const key = { childRef: ref, kind: 'care' as const, endedOn: today() };
    await services.exitFeature.exits.save({ ...key, workerId: W.id, teamId: 'north', askedAt: new Date().toISOString(), itemIds: [] });
    return { kind: 'execute', data: { ...key, offered: 'yes', held: 'declined' }, record: ['child', ref], label: ref };
  },
  // The admin card.
  'admin.view': () => ({ kind: 'execute' }),
  'admin.retry': () => ({ kind: 'execute', data: { id: 'no-such-message' } }),
  'admin.discard': () => ({ kind: 'execute', data: { id: 'no-such-message' } }),
  'admin.deletePost': () => ({ kind: 'execute', data: { id: 'no-such-post' } }),
  'admin.confirmImport': () => ({ kind: 'execute', data: { id: 'no-such-import' } }),
  'admin.discardImport': () => ({ kind: 'execute', data: { id: 'no-such-import' } }),
  'admin.pause': async (r) => ({ kind: 'execute', data: { meetingId: (await r.child()).meetingId, reason: 'Court hearing' } }),
  'admin.resume': async (r) => ({ kind: 'execute', data: { meetingId: (await r.child()).meetingId } }),
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

/** Answers that mean the data was not understood (or the turn failed): each knock must be well-formed. */
const NOT_UNDERSTOOD = /didn't understand that|wasn't what I expected|couldn't read that|went wrong on my side|doesn't do anything any more/;

const refusalsBy = async (who: Person, record: [string, string]) =>
  (await services.audit.listForRecord(...record)).filter((e) => e.action === 'access.refused' && e.actorId === who.id).length;

describe('the policy names every door the bot opens', () => {
  it('each card verb, command and other entry is in exactly one rule, and each rule has a knock in this test', () => {
    const cardVerbs = [VoiceActionSchema, TrackerActionSchema, ExampleActionSchema, ForumActionSchema, AdminActionSchema, ActivityActionSchema, AuditActionSchema, SurveyActionSchema].flatMap((u) =>
      u.options.map((o) => (o.shape.verb as { value: string }).value),
    );
    const doors = [...cardVerbs, ...exitVerbs, 'cicc.audit', 'digest.ask', ...commands.map((c) => c.name), 'admin', 'use this channel for', 'search:people', 'extension:shareExample'];
    for (const door of doors) expect({ door, rules: ACTIONS.filter((a) => (POLICY[a].verbs as readonly string[]).includes(door)).length }).toEqual({ door, rules: 1 });
    expect(VERBS.map(([v]) => v).sort()).toEqual([...new Set(doors)].sort());
    expect(Object.keys(KNOCKS).sort()).toEqual(VERBS.map(([v]) => v).sort());
  });
});

describe.each(VERBS)('%s (%s)', (verb, action) => {
  it.each(Object.keys(RELATIONS) as RelationName[])('as %s', async (relation) => {
    const { p: who, subject } = RELATIONS[relation];
    const tag = `${++seq}`;
    const k = await KNOCKS[verb]!(records(tag), tag);
    const allowed = decide(who, action, subject(who.id)).allowed;
    const record: [string, string] = POLICY[action].relations.length === 0 ? ['action', action] : (k.record ?? ['action', action]);
    const [refusedBefore, before] = await Promise.all([refusalsBy(who, record), allowed ? '' : snapshot()]);
    const reply = await knock(who, verb, k);
    const words = POLICY[action].refusal.replace('{ref}', k.label ?? 'this record');
    const refusedAfter = await refusalsBy(who, record);
    if (process.env.GT_MATRIX_DEBUG) console.log(verb, relation, reply);
    expect({ relation, understood: !NOT_UNDERSTOOD.test(reply) }).toEqual({ relation, understood: true });
    if (allowed) {
      expect({ relation, refusedInWords: reply.includes(JSON.stringify(words).slice(1, -1)), audited: refusedAfter - refusedBefore }).toEqual({ relation, refusedInWords: false, audited: 0 });
    } else {
      expect({ relation, refusedInWords: reply.includes(JSON.stringify(words).slice(1, -1)), audited: refusedAfter - refusedBefore > 0 }).toEqual({ relation, refusedInWords: true, audited: true });
      expect(await snapshot()).toBe(before);
    }
  });
});
