// Case-file audits of voice on Azurite, through the real bot: the monthly timer's run (twice: one card each),
// the auditor grading by card, anyone else refused, the reminder once, not done after the due date.
import { InvocationContext } from '@azure/functions';
import { createBot, type Bot } from '../../bot/index';
import { caseAuditId, type CaseAudit } from '../../core/audits';
import { fixedClock } from '../../core/clock';
import { londonDate } from '../../core/calendar';
import type { Child, Person } from '../../core/model';
import { buildCaseAudits } from '../../functions/wiring/audits';
import { buildDigestServices } from '../../functions/wiring/digests';
import { subjectAccess } from '../../core/evidence';
import { exportStores } from '../../functions/wiring/export-stores';
import { computeSeniorReport, computeWeeklyDigests, monthPeriod, presentSenior, presentWeekly } from '../../core/digests';
import { ConfigSchema } from '../../functions/config';
import { buildServices, type Services } from '../../functions/wiring/services';
import { startAzurite, uniquePrefix, type RunningAzurite } from '../support/azurite';
import { botDriver, type BotDriver } from '../support/bot-driver';
import { walk } from '../support/card-nodes';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';

const uuid = (n: number) => `3a000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const person = (n: number, name: string, roles: Person['roles'], teamId: string): Person => ({ id: uuid(n), upn: `${name.split(' ')[0]!.toLowerCase()}@council.example`, displayName: name, roles, teamId });
const WORKER = person(1, 'Wren Worker', ['social_worker'], 'north');
const NORTH_MANAGER = person(2, 'Nia North', ['manager'], 'north');
const SOUTH_MANAGER = person(3, 'Sol South', ['manager'], 'south');
const QA = person(4, 'Quinn Quality', ['qa_auditor'], 'quality');
const SOUTH_WORKER = person(5, 'Sky Southworker', ['social_worker'], 'south');
const child = (ref: string, teamId: string, workerId: string): Child => ({ ref, workerId, teamId, birthMonth: '2013-06', legalStatus: 'CLA', groups: [], newToCare: false });

let azurite: RunningAzurite;
let connector: FakeConnector;
let services: Services;
let bot: Bot;
let drive: BotDriver;
beforeAll(async () => {
  azurite = await startAzurite();
  connector = await startFakeConnector();
  services = buildServices(ConfigSchema.parse({ STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: uniquePrefix(), GT_LOCAL_UNAUTHENTICATED_BOT_DANGER: '1' }));
  await services.people.upsertMany([WORKER, NORTH_MANAGER, SOUTH_MANAGER, QA, SOUTH_WORKER]);
  await services.teams.upsertMany([
    { id: 'north', name: 'North', district: 'N', managerId: NORTH_MANAGER.id },
    { id: 'south', name: 'South', district: 'S', managerId: SOUTH_MANAGER.id },
  ]);
  await services.children.upsertMany([
    ...Array.from({ length: 6 }, (_, i) => child(`GT-N${i}`, 'north', WORKER.id)),
    ...Array.from({ length: 4 }, (_, i) => child(`GT-S${i}`, 'south', SOUTH_WORKER.id)),
  ]);
  bot = createBot(services);
  drive = botDriver({ bot: () => bot, serviceUrl: () => connector.serviceUrl });
}, 120_000);
afterAll(async () => {
  await connector.stop();
  await azurite.stop();
});

/** One run of the timer's work at a London morning (10:00 UTC in winter is 10:00 London). */
const runAt = (day: string) => buildCaseAudits({ ...services, clock: fixedClock(`${day}T10:00:00.000Z`) }).run();
const cardsOfKind = async (kind: string) => (await services.outbox.listByStatus('pending')).filter((i) => i.message.kind === kind);
const texts = (card: unknown) => [...walk(card)].flatMap((n) => (typeof n.text === 'string' ? [n.text] : []));
const input = (card: unknown, id: string) => [...walk(card)].find((n) => n.id === id);
const december = () => services.caseAudits.listMonths(['2026-12']);
const keyOf = (a: CaseAudit) => ({ month: a.month, teamId: a.teamId, childRef: a.childRef });

describe('each month a few case files per team are audited for the child\'s voice', () => {
  it('the timer picks 2 children per team and sends each auditor one card, however often it runs', async () => {
    // Saturday: nothing happens.
    expect(await runAt('2026-11-28')).toMatchObject({ sampled: 0, sent: 0 });
    expect(await runAt('2026-12-01')).toEqual({ sampled: 4, sent: 4, reminded: 0, notDone: 0, noAuditor: 0 });
    expect(await runAt('2026-12-01')).toEqual({ sampled: 0, sent: 0, reminded: 0, notDone: 0, noAuditor: 0 });
    expect(await runAt('2026-12-02')).toEqual({ sampled: 0, sent: 0, reminded: 0, notDone: 0, noAuditor: 0 });
    const audits = await december();
    expect(audits.filter((a) => a.teamId === 'north')).toHaveLength(2);
    expect(audits.filter((a) => a.teamId === 'south')).toHaveLength(2);
    const cards = await cardsOfKind('case-audit');
    expect(cards.map((c) => c.message.dedupeKey).sort()).toEqual(audits.map((a) => `audit:${a.teamId}:2026-12:${a.childRef}`).sort());
    for (const a of audits) {
      // Never the child's own worker or own team's manager.
      expect([WORKER.id, SOUTH_WORKER.id, a.teamId === 'north' ? NORTH_MANAGER.id : SOUTH_MANAGER.id]).not.toContain(a.auditorId);
      expect((await services.audit.listForRecord('case-audit', caseAuditId(a))).map((e) => e.action)).toEqual(['case-audit.assigned']);
    }
  });

  it('the card names the case by its reference only, with a link into the case system and four labelled questions', async () => {
    const [card] = await cardsOfKind('case-audit');
    const json = JSON.stringify(card!.message.card);
    for (const p of [WORKER, NORTH_MANAGER, SOUTH_WORKER]) expect(json).not.toContain(p.displayName);
    expect(json).toMatch(/GT-[NS]\d/);
    expect(json).toContain('case-system.example.invalid/child/GT-');
    const inputs = [...walk(card!.message.card)].filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'));
    expect(inputs.map((n) => n.id)).toEqual(['viewsRecorded', 'ownWords', 'influencedPlan', 'toldOutcome', 'comment']);
    for (const i of inputs) expect(typeof i.label).toBe('string');
  });

  it('anyone but the assigned auditor is refused in plain words, the refusal audited and nothing changed', async () => {
    const a = (await december()).find((x) => x.teamId === 'north')!;
    for (const who of [WORKER, NORTH_MANAGER]) {
      const answer = await drive.execute(who.id, 'audit.submit', { ...keyOf(a), viewsRecorded: 'yes', ownWords: 'yes', influencedPlan: 'yes', toldOutcome: 'yes' });
      expect(JSON.stringify(answer)).toContain('Only the auditor this case file was assigned to can grade it.');
    }
    expect((await services.caseAudits.get(a))!.value.status).toBe('assigned');
    const refusals = (await services.audit.listForRecord('case-audit', caseAuditId(a))).filter((e) => e.action === 'access.refused');
    expect(refusals.map((e) => e.actorId).sort()).toEqual([WORKER.id, NORTH_MANAGER.id].sort());
  });

  it('a missing answer or a comment naming someone comes back beside its field, with every entry kept', async () => {
    const a = (await december()).find((x) => x.teamId === 'north')!;
    const card = await drive.execute(a.auditorId, 'audit.submit', { ...keyOf(a), viewsRecorded: 'partly', ownWords: '', influencedPlan: 'no', toldOutcome: 'cant_tell', comment: 'Priya Patel was not asked.' });
    expect(texts(card)).toEqual(expect.arrayContaining([
      "Problem: Please say whether the record has the child's own words.",
      expect.stringMatching(/^Problem: This seems to identify someone/),
    ]));
    expect(input(card, 'viewsRecorded')?.value).toBe('partly');
    expect(input(card, 'comment')?.value).toBe('Priya Patel was not asked.');
    expect((await services.caseAudits.get(a))!.value.status).toBe('assigned');
  });

  it('the assigned auditor grades the file; it is saved, audited, and the card says so', async () => {
    const a = (await december()).find((x) => x.teamId === 'north')!;
    const card = await drive.execute(a.auditorId, 'audit.submit', { ...keyOf(a), viewsRecorded: 'yes', ownWords: 'partly', influencedPlan: 'no', toldOutcome: 'cant_tell', comment: 'Views recorded at each visit; the plan does not say what changed.' });
    expect(texts(card).join(' ')).toContain('Saved, thank you.');
    const saved = (await services.caseAudits.get(a))!.value;
    expect(saved).toMatchObject({ status: 'done', grades: { viewsRecorded: 'yes', ownWords: 'partly', influencedPlan: 'no', toldOutcome: 'cant_tell' } });
    expect((await services.audit.listForRecord('case-audit', caseAuditId(a))).map((e) => e.action)).toContain('case-audit.graded');
  });

  it('an unanswered audit is reminded once, 5 working days on, and reported not done after 10', async () => {
    expect(await runAt('2026-12-07')).toMatchObject({ reminded: 0, notDone: 0 });
    expect(await runAt('2026-12-08')).toMatchObject({ reminded: 3, notDone: 0 });
    expect(await runAt('2026-12-08')).toMatchObject({ reminded: 0, notDone: 0 });
    expect(await runAt('2026-12-11')).toMatchObject({ reminded: 0, notDone: 0 });
    expect(await cardsOfKind('case-audit.reminder')).toHaveLength(3);
    expect(await runAt('2026-12-16')).toMatchObject({ reminded: 0, notDone: 3 });
    expect(await runAt('2026-12-17')).toMatchObject({ reminded: 0, notDone: 0 });
    const audits = await december();
    expect(audits.map((a) => a.status).sort()).toEqual(['done', 'not_done', 'not_done', 'not_done']);
  });

  it("the team's manager sees the month's audits in the weekly digest, and senior managers the service's, small numbers suppressed", async () => {
    const d = buildDigestServices(services);
    const now = new Date('2026-12-17T09:00:00.000Z');
    const weekly = (await computeWeeklyDigests(d, { weekStart: '2026-12-14', now, teamIds: ['north'], promises: d.promises })).get('north')!;
    const view = presentWeekly(weekly, { audience: { kind: 'person' }, teamName: 'North' });
    const fact = (facts: { title: string; value: string }[], title: string) => facts.find((f) => f.title === title)?.value;
    expect(view.auditsTitle).toBe("Case-file audits of the child's voice, December 2026");
    expect([fact(view.audits, 'Case files sampled'), fact(view.audits, 'Graded'), fact(view.audits, 'Not done')]).toEqual(['2', '1', '1']);
    expect(fact(view.audits, "The record has the child's own words")).toBe("Yes: 0; Partly: 1; No: 0; Can't tell: 0");
    const channel = presentWeekly(weekly, { audience: { kind: 'channel' }, teamName: 'North' });
    expect(fact(channel.audits, 'Case files sampled')).toBe('fewer than 5');

    // The senior report counts whole months only: asked on 17 December, December is not counted yet (a grade
    // given between two such reports would be one child's); from January it is.
    const early = await computeSeniorReport(d, { period: monthPeriod(2026, 12), now, teams: await services.teams.list(), promises: d.promises });
    expect(early.audits).toMatchObject({ sampled: 0 });
    const january = new Date('2027-01-04T09:00:00.000Z');
    const report = await computeSeniorReport(d, { period: monthPeriod(2026, 12), now: january, teams: await services.teams.list(), promises: d.promises });
    expect(report.audits).toMatchObject({ sampled: 4, done: 1, notDone: 3 });
    const senior = presentSenior(report, { now: january });
    const section = senior.sections.find((x) => x.title.endsWith("Case-file audits of the child's voice"))!;
    expect(fact(section.facts, 'Case files sampled')).toBe('fewer than 5');
    expect(JSON.stringify(section)).not.toMatch(/GT-[NS]\d/);
  });

  it("a subject access request for a sampled child includes the audit of their file and its history", async () => {
    const a = (await december()).find((x) => x.status === 'done')!;
    const admin: Person = { id: uuid(9), upn: 'ada@council.example', displayName: 'Ada Admin', roles: ['admin'] };
    const body = await subjectAccess(exportStores(services), { actor: admin, ref: a.childRef, at: new Date() });
    expect(body.caseAudits).toEqual([expect.objectContaining({ childRef: a.childRef, status: 'done', grades: a.grades })]);
    expect(body.audit.map((e) => e.action)).toEqual(expect.arrayContaining(['case-audit.assigned', 'case-audit.graded']));
  });

  it('the timer function runs on its own from the app settings, sampling a fresh store and logging what it did', async () => {
    const { caseAudits } = await import('../../functions/case-audits.timer');
    const logs: unknown[][] = [];
    const saved = { ...process.env };
    const prefix = uniquePrefix();
    Object.assign(process.env, { STORAGE_CONNECTION: azurite.connectionString, TABLE_PREFIX: prefix, NUDGE_SCAN_ANY_TIME: 'true', AUDIT_SAMPLE_PER_TEAM: '1' });
    const { resetConfigCache } = await import('../../functions/config');
    const { resetServices, getServices } = await import('../../functions/wiring/services');
    resetConfigCache();
    resetServices();
    try {
      const fresh = getServices();
      await fresh.people.upsertMany([WORKER, NORTH_MANAGER, SOUTH_MANAGER]);
      await fresh.teams.upsertMany([{ id: 'north', name: 'North', district: 'N', managerId: NORTH_MANAGER.id }, { id: 'south', name: 'South', district: 'S', managerId: SOUTH_MANAGER.id }]);
      await fresh.children.upsertMany([child('GT-T1', 'north', WORKER.id), child('GT-T2', 'north', WORKER.id)]);
      await caseAudits({}, new InvocationContext({ invocationId: 'inv-1', logHandler: (_l, ...args) => logs.push(args) }));
      // One child of North's sampled (the setting), audited by South's manager; South has no children.
      expect(JSON.stringify(logs)).toContain('case audits (invocation inv-1): {\\"sampled\\":1,\\"sent\\":1');
      const [audit] = await fresh.caseAudits.listMonths([londonDate(new Date()).slice(0, 7)]);
      expect(audit).toMatchObject({ teamId: 'north', auditorId: SOUTH_MANAGER.id });
    } finally {
      process.env = saved;
      resetConfigCache();
      resetServices();
    }
  });
});
