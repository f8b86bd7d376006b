// Builds every digest card from the demo council, for README pictures (run by render-cards-digests.mjs).
import { englandAndWales, londonInstant } from '../core/calendar';
import { ciccSendDate, computeWeeklyDigests, presentWeekly, computeCiccDigest, presentAudit, presentCicc, piiTextGuard, computeCpbBriefing, presentCpb, parseReportPeriod, computeSeniorReport, presentSenior, annualReportHtml, ciccPrintableHtml, forumPrintableHtml } from '../core/digests';
import { defaultPromises } from '../core/model';
import { demoCouncil } from './demo/digest-council';
import { inMemoryExampleFacts, inMemoryTrackerFacts, inMemoryVoiceFacts, inMemoryForumCalendar, inMemoryAuditStore, inMemoryCohortFacts } from '../core/testing';
import { weeklyDigestCards } from '../cards/digests-weekly';
import type { Card } from '../cards/render';
import { ciccAuditCard, ciccDigestCards } from '../cards/digests-cicc';
import { cpbBriefingCards } from '../cards/digests-cpb';
import { seniorReportCards } from '../cards/digests-senior';
import { demoActivities, demoExits, demoSurveys } from './demo/participation';
import { demoCouncil as seedCouncil } from './demo-council';
import { demoAuditHistory } from '../core/audits';
import { forumReminderCard } from '../cards/forums-cards';

export const DEMO_NOW = new Date('2026-11-23T08:00:00Z');

/** The last briefing and CICC digest built, for scripts/render-cards-participation.ts. */
export const lastBuilt: { briefing?: Awaited<ReturnType<typeof computeCpbBriefing>>; ciccDigest?: Awaited<ReturnType<typeof computeCiccDigest>> } = {};

/** Printable HTML pages (annual report, CICC printable), filled in by demoDigestCards. */
export const pages: Record<string, string> = {};

/** Every digest card the README shows, by file name. */
export async function demoDigestCards(): Promise<Record<string, Card>> {
  const demo = demoCouncil({ now: DEMO_NOW, historyMonths: 12 });
  // Surveys and group activities (docs/surveys-and-activities.md), as the demo seed stores them.
  const participation = { surveys: { list: async () => demoSurveys(DEMO_NOW, 'demo') }, activities: { listBetween: async (from: string, to: string) => demoActivities(DEMO_NOW, 'demo').filter((x) => x.on >= from && x.on < to) } };
  // Case-file audits of voice (docs/audits.md): two files per team each month of the history.
  const audits12 = demoAuditHistory({ children: demo.children, teamIds: demo.teams.map((t) => t.id), now: DEMO_NOW, months: 12, calendar: englandAndWales });
  const caseAudits = { listMonths: async (months: readonly string[]) => audits12.filter((a) => months.includes(a.month)) };
  const facts = { voice: inMemoryVoiceFacts(demo.meetings), examples: inMemoryExampleFacts(demo.examples), tracker: inMemoryTrackerFacts(demo.tracker), caseAudits };
  const weekly = await computeWeeklyDigests(facts, { weekStart: '2026-11-23', now: DEMO_NOW, teamIds: ['north-cp'], promises: defaultPromises });
  const d = weekly.get('north-cp')!;
  const forums = inMemoryForumCalendar(demo.forums);
  const cicc = demo.forums.find((f) => f.forum === 'CICC' && f.start > DEMO_NOW.toISOString())!;
  // The CICC digest as it goes out: 08:00 London, 3 working days before the meeting.
  const ciccNow = londonInstant(ciccSendDate(cicc, englandAndWales, 3), '08:00');
  // From the same demo council as the reading-level test measures (three months of history).
  const recent = demoCouncil({ now: DEMO_NOW });
  const ciccFacts = { tracker: inMemoryTrackerFacts(recent.tracker), examples: inMemoryExampleFacts(recent.examples), forums: inMemoryForumCalendar(recent.forums), participation };
  const ciccDigest = await computeCiccDigest(ciccFacts, { occurrence: cicc, now: ciccNow, promises: defaultPromises, guard: piiTextGuard });
  const cpb = demo.forums.find((f) => f.forum === 'CPB' && f.start > DEMO_NOW.toISOString())!;
  const audits = inMemoryAuditStore([
    { occurrenceId: 'cicc-2026-11', promiseId: 'health', verdict: 'partly', comment: 'Dentist waits are still too long.', at: '2026-11-10T18:00:00Z', byId: 'demo' },
    { occurrenceId: 'cicc-2026-11', promiseId: 'safe', verdict: 'kept', comment: 'Calls are returned faster now.', at: '2026-11-10T18:00:00Z', byId: 'demo' },
  ]);
  const briefing = await computeCpbBriefing(
    { ...facts, forums, audits, cohort: inMemoryCohortFacts(demo.children), participation },
    { occurrence: cpb, now: DEMO_NOW, promises: defaultPromises, guard: piiTextGuard },
  );
  // Exit conversations as the seed stores them (the seed's council: its children carry their legal status).
  const exitRecords = demoExits(DEMO_NOW, seedCouncil(DEMO_NOW).children).answered;
  const exits = { endedBetween: async (from: string, to: string) => exitRecords.filter((e) => e.endedOn >= from && e.endedOn <= to) };
  const seniorFacts = { ...facts, cohort: inMemoryCohortFacts(demo.children), participation, exits };
  const october = await computeSeniorReport(seniorFacts, { period: parseReportPeriod('October 2026'), now: DEMO_NOW, teams: demo.teams, promises: defaultPromises });
  const year = await computeSeniorReport(seniorFacts, { period: parseReportPeriod('2026'), now: DEMO_NOW, teams: demo.teams, promises: defaultPromises });
  Object.assign(lastBuilt, { briefing, ciccDigest });
  pages['report-annual'] = annualReportHtml(presentSenior(year, { now: DEMO_NOW }), 'Demo Borough Council');
  pages['cicc-printable'] = ciccPrintableHtml(presentCicc(ciccDigest), 'Demo Borough Council');
  // A care leaver forum's reminder with its own "You said, we did", and the page it prints.
  const leavers = {
    forumName: 'Care leaver forum',
    dateWords: 'Wednesday 2 December 2026',
    open: [{ text: 'Care leavers want help with their first flat.', dueWords: 'Friday 18 December 2026' }],
    done: [
      { text: 'We do not know how to pay bills when we leave care.', result: 'We wrote a short guide to bills with care leavers.', notPossible: false },
      { text: 'We want free bus passes until we are 25.', result: 'Bus passes are paid for by the county, not by us. We have asked them.', notPossible: true },
    ],
  };
  pages['forum-printable'] = forumPrintableHtml(leavers, 'Demo Borough Council');
  const leaverReminder = forumReminderCard({
    forumId: 'demo-care-leavers', forumName: leavers.forumName, forumType: 'Care leaver forum', dateWords: leavers.dateWords, timeWords: '5pm', daysToGo: 'in 7 days', moved: false,
    place: 'Demo Civic Centre', promises: leavers.open, withheld: 0, done: leavers.done, doneWithheld: 0, occurrenceDate: '2026-12-02', printable: true, forChannel: true,
  });
  return {
    'forum-reminder': leaverReminder,
    'report-senior': seniorReportCards(presentSenior(october, { now: DEMO_NOW, exportUrl: 'https://example.invalid/export' }))[0]!,
    'cpb-briefing': cpbBriefingCards(presentCpb(briefing))[0]!,
    'cicc-digest': ciccDigestCards(presentCicc(ciccDigest, { printUrl: 'https://example.invalid/print' }))[0]!,
    'cicc-audit': ciccAuditCard(presentAudit(cicc, defaultPromises)),
    'digest-weekly-manager': weeklyDigestCards(presentWeekly(d, { audience: { kind: 'person' }, teamName: 'North Child Protection' }))[0]!,
    'digest-weekly-channel': weeklyDigestCards(presentWeekly(d, { audience: { kind: 'channel' }, teamName: 'North Child Protection' }))[0]!,
  };
}
