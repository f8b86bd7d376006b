import { ciccAuditCard, ciccDigestCards } from '../../cards/digests-cicc';
import { cpbBriefingCards } from '../../cards/digests-cpb';
import { cardBytes, CARD_BYTE_LIMIT } from '../../cards/digests-fit';
import { seniorReportCards } from '../../cards/digests-senior';
import { weeklyDigestCards } from '../../cards/digests-weekly';
import { englandAndWales } from '../../core/calendar';
import { annualReportHtml, ciccPrintableHtml, computeCiccDigest, presentAudit, presentCicc, sendCpbBriefings, sendMonthlySeniorReport, sendWeeklyDigests, parseReportPeriod, buildSeniorReport, piiTextGuard, FIGURES, type FigureId } from '../../core/digests';
import { demoCouncil } from '../../scripts/demo/digest-council';
import { inMemoryAuditStore, inMemoryCohortFacts, inMemoryExampleFacts, inMemoryForumCalendar, inMemoryTrackerFacts, inMemoryVoiceFacts } from '../../core/testing';
import type { OutgoingMessage } from '../../core/model';
import { defaultPromises } from '../../core/model';
import { scanPayload } from '../../core/safety';
import { demoCouncil as seed } from '../../scripts/demo-council';
import { demoAuditHistory } from '../../core/audits';
import { channelGuardFor } from '../../adapters/outbox';
import { ConfigSchema } from '../../functions/config';
import { piiGuardOptions } from '../../functions/pii-settings';

const NOW = new Date('2026-11-23T08:00:00Z');
const demo = demoCouncil({ now: NOW, historyMonths: 12 });
const terms = { refs: demo.children.map((c) => c.ref), names: demo.children.flatMap((c) => [c.name, ...c.name.split(' ')]), initials: demo.children.map((c) => c.initials) };
const auditHistory = demoAuditHistory({ children: demo.children, teamIds: demo.teams.map((t) => t.id), now: NOW, months: 12, calendar: englandAndWales });
const facts = {
  voice: inMemoryVoiceFacts(demo.meetings),
  examples: inMemoryExampleFacts(demo.examples),
  tracker: inMemoryTrackerFacts(demo.tracker),
  forums: inMemoryForumCalendar(demo.forums),
  audits: inMemoryAuditStore([{ occurrenceId: 'cicc-2026-11', promiseId: 'health', verdict: 'partly', comment: `${demo.children[0]!.name} still waits for the dentist.`, at: '2026-11-10T18:00:00Z', byId: 'f' }]),
  cohort: inMemoryCohortFacts(demo.children),
  // Case-file audits name a child's case reference on file: only counts may reach a channel.
  caseAudits: { listMonths: async (months: readonly string[]) => auditHistory.filter((a) => months.includes(a.month)) },
};
const MANAGER = '00000000-0000-4000-8000-000000000001';

type View = { facts: { title: string; value: string; figure?: FigureId }[] };
/** Every fact-like row ({ title, value }) anywhere in a presented view. */
const factsIn = (v: unknown): View['facts'] =>
  Array.isArray(v) ? v.flatMap(factsIn)
    : v && typeof v === 'object'
      ? 'title' in v && 'value' in v && typeof (v as { value: unknown }).value === 'string' ? [v as View['facts'][number]] : Object.values(v).flatMap(factsIn)
      : [];

async function everyChannelPost(): Promise<OutgoingMessage[]> {
  return (await everyChannelPostAndView()).posts;
}

/** Every channel post of every digest, and the presented views they were bound from. */
async function everyChannelPostAndView(): Promise<{ posts: OutgoingMessage[]; views: unknown[] }> {
  const sent: OutgoingMessage[] = [];
  const views: unknown[] = [];
  const seen = <V, C>(render: (v: V) => C) => (v: V): C => (views.push(v), render(v));
  const outbox = { enqueue: async (m: OutgoingMessage) => (sent.push(m), true) };
  const teams = { list: async () => demo.teams.map((t) => ({ ...t, managerId: MANAGER })) };
  const common = { calendar: englandAndWales, outbox, promises: defaultPromises };
  // Every team has a channel, so every weekly digest goes to a channel.
  await sendWeeklyDigests({ ...common, facts, teams, teamChannel: async (id) => `chan-${id}`, render: (v) => (v.audienceNote.startsWith('Team totals') ? seen(weeklyDigestCards)(v) : weeklyDigestCards(v)) }, NOW);
  const cpb = demo.forums.find((f) => f.forum === 'CPB' && f.start > NOW.toISOString())!;
  await sendCpbBriefings({ ...common, facts, guard: piiTextGuard, channelId: async () => 'chan-cpb', render: seen(cpbBriefingCards) }, NOW, { forceOccurrenceId: cpb.id });
  for (const period of ['October 2026', '2026', '2025-26'])
    await sendMonthlySeniorReport({ ...common, facts, teams, channelId: async () => 'chan-smt', render: seen(seniorReportCards) }, NOW, { period: parseReportPeriod(period) });
  const cicc = demo.forums.find((f) => f.forum === 'CICC' && f.start > NOW.toISOString())!;
  const digest = await computeCiccDigest(facts, { occurrence: cicc, now: NOW, promises: defaultPromises, guard: piiTextGuard });
  for (const card of [...seen(ciccDigestCards)(presentCicc(digest)), ciccAuditCard(presentAudit(cicc, defaultPromises))])
    sent.push({ dedupeKey: 'cicc', to: { kind: 'channel', channelId: 'chan-cicc' }, kind: 'digest.cicc', card });
  return { posts: sent.filter((m) => m.to.kind === 'channel'), views };
}

describe('every digest posted to a channel, over the demo council', () => {
  it('covers every digest: weekly (4 teams), board briefing, senior reports, CICC digest and audit', async () => {
    const kinds = new Set((await everyChannelPost()).map((m) => m.kind));
    expect([...kinds].sort()).toEqual(['digest.cicc', 'digest.cpb', 'digest.senior', 'digest.weekly']);
  });

  it("carries no child's reference, name or initials anywhere in the payload", async () => {
    const posts = await everyChannelPost();
    expect(posts.flatMap((m) => scanPayload(m, terms))).toEqual([]);
  });

  it("passes the outbox's last check (the full PII guard, as the app is configured), so no digest is stopped by a false alarm", async () => {
    const guard = channelGuardFor(piiGuardOptions(ConfigSchema.parse({}), { clock: { now: () => NOW }, promises: defaultPromises }));
    const stopped = (await everyChannelPost()).flatMap((m) => guard({ text: m.text, card: m.card }).map((f) => `${m.kind} ${f.path}: ${f.kinds.join(', ')}`));
    expect(stopped).toEqual([]);
  });

  it('would be caught if it did: the scanner finds a seeded child in an unshareable example', () => {
    const leaky = demo.examples.find((e) => !e.shareable)!;
    expect(scanPayload({ text: leaky.summary }, terms).length).toBeGreaterThan(0);
  });

  it('shows no count of children from 1 to 4 as a number, and every number it shows is a declared figure', async () => {
    const { views } = await everyChannelPostAndView();
    const facts = views.flatMap(factsIn).filter((f) => /\d/.test(f.value));
    expect(facts.length).toBeGreaterThan(100);
    expect(facts.filter((f) => !f.figure)).toEqual([]);
    const children = facts.filter((f) => FIGURES[f.figure!] === 'children');
    expect(children.filter((f) => /^[1-4]$|^[1-4] of /.test(f.value))).toEqual([]);
    // The council's own work is shown exactly, small numbers too (the demo has some).
    const records = facts.filter((f) => FIGURES[f.figure!] === 'records');
    expect(records.some((f) => /^[1-4]$/.test(f.value))).toBe(true);
    expect(records.filter((f) => /fewer than|not shown|held back/.test(f.value))).toEqual([]);
  });

  it('leads the board, the senior managers and each team channel with what needs attention', async () => {
    const { views } = await everyChannelPostAndView();
    const heads = views.filter((v): v is { title: string; attention: { text: string; see: string }[]; attentionEmpty: string } => typeof v === 'object' && v !== null && 'attention' in v);
    expect(heads.length).toBe(4 + 1 + 3);
    for (const h of heads) expect(h.attention.length > 0 || h.attentionEmpty !== '').toBe(true);
    expect(heads.every((h) => h.attention.length <= 5)).toBe(true);
    const board = heads.find((h) => h.title.startsWith('Corporate Parenting Board'))!;
    expect(board.attention.length).toBeGreaterThan(0);
    expect(board.attention.every((l) => /^See \d\. /.test(l.see))).toBe(true);
  });

  it('keeps every card under 28 KB, the most Teams takes in one message', async () => {
    const sizes = (await everyChannelPost()).map((m) => cardBytes(m.card!));
    process.stdout.write(`Largest channel card: ${Math.max(...sizes)} bytes\n`);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
  });

  it('keeps the printable pages clean too', async () => {
    const cicc = demo.forums.find((f) => f.forum === 'CICC' && f.start > NOW.toISOString())!;
    const digest = await computeCiccDigest(facts, { occurrence: cicc, now: NOW, promises: defaultPromises, guard: piiTextGuard });
    const year = await buildSeniorReport({ facts, teams: { list: async () => demo.teams }, calendar: englandAndWales, promises: defaultPromises }, parseReportPeriod('2026'), NOW);
    for (const html of [ciccPrintableHtml(presentCicc(digest), 'Demo'), annualReportHtml(year, 'Demo')]) expect(scanPayload(html, terms)).toEqual([]);
  });
});

describe("the local stack's demo council (scripts/demo-council.ts)", () => {
  it("never puts one of its children's references or initials in a channel digest", async () => {
    const council = seed(NOW);
    const district = new Map(council.teams.map((t) => [t.id, t.district]));
    const child = new Map(council.children.map((c) => [c.ref, c]));
    const meetings = council.meetings.map((m, i) => ({
      meetingId: m.id, childRef: m.childRef, teamId: child.get(m.childRef)!.teamId, district: district.get(child.get(m.childRef)!.teamId)!,
      type: m.type, start: m.start, voiceDue: m.start, voiceRecordedAt: i % 3 ? undefined : NOW.toISOString(), advocacyRequired: m.first, groups: child.get(m.childRef)!.groups,
    }));
    const sent: OutgoingMessage[] = [];
    const outbox = { enqueue: async (msg: OutgoingMessage) => (sent.push(msg), true) };
    const seeded = { ...facts, voice: inMemoryVoiceFacts(meetings), cohort: inMemoryCohortFacts(council.children) };
    const teams = { list: async () => council.teams };
    const common = { calendar: englandAndWales, outbox, promises: defaultPromises };
    await sendWeeklyDigests({ ...common, facts: seeded, teams, teamChannel: async (id) => `chan-${id}`, render: weeklyDigestCards }, NOW);
    await sendMonthlySeniorReport({ ...common, facts: seeded, teams, channelId: async () => 'chan-smt', render: seniorReportCards }, NOW, { period: parseReportPeriod('2026') });
    const cpb = demo.forums.find((f) => f.forum === 'CPB' && f.start > NOW.toISOString())!;
    await sendCpbBriefings({ ...common, facts: seeded, guard: piiTextGuard, channelId: async () => 'chan-cpb', render: cpbBriefingCards }, NOW, { forceOccurrenceId: cpb.id });
    expect(new Set(sent.map((m) => m.kind))).toEqual(new Set(['digest.weekly', 'digest.senior', 'digest.cpb']));
    const refs = council.children.map((c) => c.ref);
    const initials = council.children.flatMap((c) => (c.initials ? [c.initials] : []));
    expect(sent.flatMap((m) => scanPayload(m, { refs, initials }))).toEqual([]);
  });
});
