import type { WorkingCalendar } from '../../calendar/working-days';
import type { Promise_ } from '../../model/promises';
import type { Outbox, TeamStore } from '../../ports';
import { assertChannelSafe } from '../text/channel-guard';
import { monthlyReportDue, quarterlyReportDue, type ReportPeriod } from './report-period';
import { computeSeniorReport, type SeniorFacts } from './senior';
import { presentSenior, type SeniorReportView } from './senior-view';
import { periodInstants } from '../period';
import { postCards } from '../post-cards';

export interface SeniorReportDeps {
  facts: SeniorFacts;
  teams: Pick<TeamStore, 'list'>;
  calendar: WorkingCalendar;
  outbox: Outbox;
  promises: readonly Promise_[];
  /** The channel: senior managers' ('senior_managers'), or the participation team's for the quarterly report. */
  channelId: () => Promise<string | undefined>;
  render: (view: SeniorReportView) => object[];
  /** The authenticated download link for a period's export. */
  exportUrl?: (period: ReportPeriod) => string;
}

/** Builds the presented report for any period (the monthly post, "report <period>", and the export). */
export async function buildSeniorReport(deps: Omit<SeniorReportDeps, 'outbox' | 'channelId' | 'render'>, period: ReportPeriod, now: Date, threshold?: number) {
  const teams = await deps.teams.list();
  const report = await computeSeniorReport(deps.facts, { period, now, teams, promises: deps.promises });
  return presentSenior(report, { now, threshold, exportUrl: deps.exportUrl?.(period) });
}

/** Posts last month's report to the SMT channel on the first working day of the month (hourly-safe). */
export async function sendMonthlySeniorReport(deps: SeniorReportDeps, now: Date, settings: { hour?: number; threshold?: number; period?: ReportPeriod } = {}) {
  const { due, period: lastMonth } = monthlyReportDue(now, deps.calendar, settings.hour ?? 8);
  const period = settings.period ?? lastMonth;
  if (!due && !settings.period) return { due: false, period: period.label, enqueued: 0 };
  return postReport(deps, period, now, { dedupePrefix: 'digest.senior', noChannel: 'no senior managers channel mapped', threshold: settings.threshold });
}

/**
 * Posts the quarter just ended to the participation team's channel on the first working day of each
 * quarter: the same measures as the senior report, for the participation group that works quarterly.
 */
export async function sendQuarterlyParticipationReport(deps: SeniorReportDeps, now: Date, settings: { hour?: number; threshold?: number; period?: ReportPeriod } = {}) {
  const { due, period: lastQuarter } = quarterlyReportDue(now, deps.calendar, settings.hour ?? 8);
  const period = settings.period ?? lastQuarter;
  if (!due && !settings.period) return { due: false, period: period.label, enqueued: 0 };
  return postReport(deps, period, now, { dedupePrefix: 'digest.participation', noChannel: 'no participation team channel mapped', threshold: settings.threshold });
}

async function postReport(deps: SeniorReportDeps, period: ReportPeriod, now: Date, o: { dedupePrefix: string; noChannel: string; threshold?: number }) {
  const channelId = await deps.channelId();
  if (!channelId) return { due: true, period: period.label, enqueued: 0, reason: o.noChannel };
  const cards = deps.render(await buildSeniorReport(deps, period, now, o.threshold));
  const at = periodInstants(period);
  assertChannelSafe(cards, { refs: await deps.facts.voice.childRefsBetween(at.from, at.to) });
  const { enqueued } = await postCards(deps.outbox, { to: { kind: 'channel', channelId }, key: `${o.dedupePrefix}:${period.kind}:${period.from}`, kind: 'digest.senior', cards });
  return { due: true, period: period.label, enqueued };
}
