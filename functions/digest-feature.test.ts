import { HttpRequest, InvocationContext } from '@azure/functions';
import { englandAndWales } from '../core/calendar';
import { fixedClock } from '../core/clock';
import { demoCouncil } from '../scripts/demo/digest-council';
import { inMemoryAuditStore, inMemoryCohortFacts, inMemoryExampleFacts, inMemoryForumCalendar, inMemoryTrackerFacts, inMemoryVoiceFacts } from '../core/testing';
import { piiTextGuard } from '../core/digests';
import { defaultPromises } from '../core/model';
import type { Person } from '../core/model';
import { digestExport } from './digest-export.http';
import { buildDigestFeature } from '../bot/features';
import { exportLinks, type DigestServices } from './wiring/digests';

const NOW = '2026-11-23T08:00:00Z';
const clock = fixedClock(NOW);
const demo = demoCouncil({ now: new Date(NOW) });
const audits = inMemoryAuditStore();
const people: Person[] = [
  { id: '00000000-0000-4000-8000-000000000001', upn: 'sm@x.example', displayName: 'Senior', roles: ['senior_manager'] },
  { id: '00000000-0000-4000-8000-000000000002', upn: 'sw@x.example', displayName: 'Worker', roles: ['social_worker'] },
  { id: '00000000-0000-4000-8000-000000000003', upn: 'yp@x.example', displayName: 'Facilitator', roles: ['participation_officer'] },
];
const [senior, worker, facilitator] = people.map((p) => p.id) as [string, string, string];
const d: DigestServices = {
  voice: inMemoryVoiceFacts(demo.meetings),
  examples: inMemoryExampleFacts(demo.examples),
  tracker: inMemoryTrackerFacts(demo.tracker),
  forums: inMemoryForumCalendar(demo.forums),
  audits,
  cohort: inMemoryCohortFacts(demo.children),
  teams: { list: async () => demo.teams } as unknown as DigestServices['teams'],
  outbox: { enqueue: async () => true },
  calendar: englandAndWales,
  clock,
  promises: defaultPromises,
  guard: piiTextGuard,
  councilName: 'Demo Borough Council',
  channelFor: async () => undefined,
  teamChannel: async () => undefined,
  ciccFacilitators: async () => [],
  links: exportLinks({ current: 'test-secret' }, 'http://127.0.0.1:7071', clock),
  recordTold: async () => ({ told: [] }),
  forumPrintable: async () => undefined,
};
const feature = buildDigestFeature({ digests: d, people: { get: async (id) => people.find((p) => p.id === id), list: async () => people } });

describe('digests in conversation', () => {
  it('gives a senior manager the report for the month they ask for, with a download link', async () => {
    const cards = await feature.report(senior, 'October 2026');
    expect(Array.isArray(cards)).toBe(true);
    const json = JSON.stringify(cards);
    expect(json).toContain('Participation report: October 2026');
    expect(json).toContain('/api/digests/export/report/October-2026?expires=');
  });

  it('gives a senior manager links to the inspection evidence for that period, for them alone and for an hour; not a participation officer', async () => {
    const cards = (await feature.report(senior, 'October 2026')) as object[];
    const evidence = JSON.stringify(cards.at(-1));
    expect(evidence).toContain('Inspection evidence: October 2026');
    for (const kind of ['voice', 'examples', 'tracker']) {
      const url = new URL(new RegExp(`"url":"([^"]*evidence-${kind}[^"]*)"`).exec(evidence)![1]!);
      expect(decodeURIComponent(url.pathname)).toBe(`/api/digests/export/evidence-${kind}/2026-10-01~2026-10-31~${senior}`);
      expect(Number(url.searchParams.get('expires')) * 1000 - Date.parse(NOW)).toBe(60 * 60_000);
    }
    const officerCards = JSON.stringify(await feature.report(facilitator, 'October 2026'));
    expect(officerCards).toContain('Participation report: October 2026');
    expect(officerCards).not.toContain('Inspection evidence');
  });

  it('explains how to ask when the period is not understood, and refuses a social worker', async () => {
    expect(await feature.report(senior, 'soon')).toMatch(/report October 2026/);
    expect(await feature.report(worker, '2026')).toMatch(/can't do that/);
  });

  it("keeps the CICC's audit answers and names the comment that must change when it identifies someone", async () => {
    const card = JSON.stringify(await feature.audit(facilitator, { occurrenceId: 'cicc:2026-12-08', 'verdict-health': 'partly', 'comment-health': 'Priya Patel waited months.' }));
    expect(card).toContain('Please take out names');
    expect(card).toContain('Priya Patel waited months.'); // the entry is kept for editing
    expect(audits.all).toEqual([]);
    const saved = JSON.stringify(await feature.audit(facilitator, { occurrenceId: 'cicc:2026-12-08', 'verdict-health': 'partly', 'comment-health': 'Dentist waits are long.', 'verdict-safe': 'kept' }));
    expect(saved).toContain('Saved: 2 promises checked');
    expect(audits.all.map((a) => [a.promiseId, a.verdict])).toEqual([['health', 'partly'], ['safe', 'kept']]);
  });

  it('serves the annual report from a signed link, and refuses a link that was changed', async () => {
    const url = d.links.sign('/api/digests/export/report/2026');
    const ok = await digestExport(new HttpRequest({ method: 'GET', url, params: { kind: 'report', key: '2026' } }), new InvocationContext(), d);
    expect(ok.status).toBe(200);
    expect(String(ok.body)).toContain('<svg');
    expect(String(ok.body)).toContain('Participation report: 2026');
    const bad = await digestExport(new HttpRequest({ method: 'GET', url: url.replace('/2026?', '/2025?'), params: { kind: 'report', key: '2025' } }), new InvocationContext(), d);
    expect(bad.status).toBe(403);
  });

  it('stops accepting an export link after it expires', () => {
    const url = new URL(d.links.sign('/x', 60));
    expect(d.links.verify('/x', url.searchParams.get('expires'), url.searchParams.get('sig'), new Date('2026-11-23T08:59:00Z'))).toBe(true);
    expect(d.links.verify('/x', url.searchParams.get('expires'), url.searchParams.get('sig'), new Date('2026-11-23T09:01:00Z'))).toBe(false);
  });
});
