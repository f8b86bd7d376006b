import { ciccAuditCard, ciccDigestCards } from '../cards/digests-cicc';
import { cpbBriefingCards } from '../cards/digests-cpb';
import { seniorReportCards } from '../cards/digests-senior';
import { weeklyDigestCards } from '../cards/digests-weekly';
import { rewordRequestCard, showDate } from '../cards/tracker-cards';
import { exampleRewordCard } from '../cards/examples-cards';
import type { HardItem } from '../core/digests';
import { checkReading, readingAdvice, parseReportPeriod, quarterlyReportDue, type ReportPeriod, sendCiccDigests, sendCpbBriefings, sendMonthlySeniorReport, sendQuarterlyParticipationReport, sendWeeklyDigests } from '../core/digests';
import { londonDate } from '../core/calendar';
import { z } from 'zod';
import type { DigestServices } from './wiring/digests';
import { digestServicesOf, getServices } from './wiring/services';

/** What a forced run asks for: POST /admin/functions/digestRun {"input": "weekly"} or a JSON object. */
export const DigestRunSchema = z.object({
  digest: z.enum(['weekly', 'cicc', 'cpb', 'senior', 'participation']),
  /** For senior and participation: "October 2026", "Q3 2026", "2026 H2", "Q1 2026-27", "2026", "2025-26". */
  period: z.string().max(40).optional(),
  /** For cicc and cpb: the occurrence id (forumId:YYYY-MM-DD); default the next one. */
  occurrenceId: z.string().max(120).optional(),
});
export type DigestRun = z.infer<typeof DigestRunSchema>;

export const exportPath = (p: ReportPeriod): string => `/api/digests/export/report/${encodeURIComponent(p.label.replace(/ \(.*\)$/, '').replace(/ /g, '-'))}`;
export const printPath = (occurrenceId: string): string => `/api/digests/export/cicc/${encodeURIComponent(occurrenceId)}`;

/** The reading-age advice beside each of an item's texts that reads above the limit. */
const readingWarnings = (i: HardItem): Record<string, string> =>
  Object.fromEntries(Object.entries({ youSaid: i.youSaid, outcome: i.outcome }).flatMap(([k, t]) => (t ? [[k, readingAdvice(checkReading(t))]] : [])).filter(([, w]) => w));

const deps = (d: DigestServices) => ({
  weekly: { facts: d, teams: d.teams, outbox: d.outbox, calendar: d.calendar, promises: d.promises, teamChannel: d.teamChannel, render: weeklyDigestCards },
  cicc: {
    facts: d, calendar: d.calendar, outbox: d.outbox, promises: d.promises, guard: d.guard,
    channelId: () => d.channelFor('cicc'), facilitatorIds: d.ciccFacilitators,
    renderDigest: ciccDigestCards, renderAudit: ciccAuditCard, printUrl: (id: string) => d.links.sign(printPath(id)), recordTold: d.recordTold,
    // The CICC's facilitators are its participation officers: the first is asked to reword what the digest could not quote.
    reword: {
      to: d.ciccFacilitators,
      render: (i: HardItem, start: string) => rewordRequestCard({ itemId: i.id, meeting: showDate(londonDate(new Date(start))), form: { youSaid: i.youSaid, outcome: i.outcome }, outcomeKind: i.outcomeKind, warnings: readingWarnings(i) }),
    },
    // An example's title is changed by its author, so they are the one asked.
    rewordExample: (e: { id: string; title: string }, start: string) =>
      exampleRewordCard({ exampleId: e.id, title: e.title, meeting: showDate(londonDate(new Date(start))), advice: readingAdvice(checkReading(e.title)) }),
  },
  cpb: { facts: d, calendar: d.calendar, outbox: d.outbox, promises: d.promises, guard: d.guard, channelId: () => d.channelFor('cpb'), render: cpbBriefingCards },
  senior: {
    facts: d, teams: d.teams, calendar: d.calendar, outbox: d.outbox, promises: d.promises,
    channelId: () => d.channelFor('senior_managers'), render: seniorReportCards, exportUrl: (p: ReportPeriod) => d.links.sign(exportPath(p)),
  },
  participation: {
    facts: d, teams: d.teams, calendar: d.calendar, outbox: d.outbox, promises: d.promises,
    channelId: () => d.channelFor('participation_team'), render: seniorReportCards, exportUrl: (p: ReportPeriod) => d.links.sign(exportPath(p)),
  },
});

/** One run of a digest: on schedule (the rules decide if it is due) or forced (admin, "report <period>"). */
export async function runDigest(run: DigestRun, opts: { force: boolean }, d: DigestServices = digestServicesOf(getServices())) {
  const now = d.clock.now();
  const all = deps(d);
  switch (run.digest) {
    case 'weekly':
      return sendWeeklyDigests(all.weekly, now, { force: opts.force });
    case 'cicc': {
      const next = opts.force && !run.occurrenceId ? (await d.forums.occurrencesBetween('CICC', now, new Date(now.getTime() + 62 * 86_400_000)))[0]?.id : run.occurrenceId;
      return sendCiccDigests(all.cicc, now, { forceOccurrenceId: opts.force ? (next ?? 'none') : undefined });
    }
    case 'cpb': {
      const next = opts.force && !run.occurrenceId ? (await d.forums.occurrencesBetween('CPB', now, new Date(now.getTime() + 190 * 86_400_000)))[0]?.id : run.occurrenceId;
      return sendCpbBriefings(all.cpb, now, { forceOccurrenceId: opts.force ? (next ?? 'none') : undefined });
    }
    case 'senior':
      return sendMonthlySeniorReport(all.senior, now, { period: opts.force ? (run.period ? parseReportPeriod(run.period) : undefined) ?? lastMonth(now) : undefined });
    case 'participation':
      return sendQuarterlyParticipationReport(all.participation, now, { period: opts.force ? (run.period ? parseReportPeriod(run.period) : undefined) ?? quarterlyReportDue(now, d.calendar).period : undefined });
  }
}

const lastMonth = (now: Date): ReportPeriod => {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return parseReportPeriod(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
};

/** Reads a forced run's input: a bare name ("weekly") or JSON ({"digest":"senior","period":"2026"}). */
export function parseDigestRun(input: unknown): DigestRun | { error: string } {
  const raw = typeof input === 'string' && !input.trim().startsWith('{') ? { digest: input.trim() } : typeof input === 'string' ? safeJson(input) : input;
  const parsed = DigestRunSchema.safeParse(raw);
  return parsed.success ? parsed.data : { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    return { error: (err as Error).message };
  }
}
