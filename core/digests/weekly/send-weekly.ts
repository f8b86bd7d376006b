import type { WorkingCalendar } from '../../calendar/working-days';
import { recipientKey, type Recipient } from '../../model/messaging';
import type { Promise_ } from '../../model/promises';
import type { Outbox, TeamStore } from '../../ports';
import { assertChannelSafe } from '../text/channel-guard';
import type { Audience } from '../format';
import { weeklyDigestDue } from '../period';
import { computeWeeklyDigests, type WeeklyFacts } from './weekly';
import { presentWeekly, type WeeklyDigestView } from './weekly-view';
import { postCards } from '../post-cards';

export interface WeeklyDigestDeps {
  facts: WeeklyFacts;
  teams: Pick<TeamStore, 'list'>;
  outbox: Outbox;
  calendar: WorkingCalendar;
  promises: readonly Promise_[];
  /** The team's channel when the council has mapped one; the digest then goes there, aggregate only. */
  teamChannel: (teamId: string) => Promise<string | undefined>;
  /** Binds the card(s): cards/digests-weekly.ts in the hosts. */
  render: (view: WeeklyDigestView) => object[];
}

export interface WeeklyDigestSettings {
  /** London hour from which the digest goes out on the first working day (default 8). */
  hour?: number;
  /** Small-number threshold for channel copies (default 5). */
  threshold?: number;
  /** Send now whatever the day (the admin trigger and "digest" on demand). */
  force?: boolean;
}

/**
 * Sends each team's weekly digest once per week: 1:1 to the team manager, or to the team channel when one is
 * mapped (then aggregate only). Safe to run every hour: the dedupe key is per week, team and recipient.
 */
export async function sendWeeklyDigests(deps: WeeklyDigestDeps, now: Date, settings: WeeklyDigestSettings = {}) {
  const { due, weekStart } = weeklyDigestDue(now, deps.calendar, settings.hour ?? 8);
  if (!due && !settings.force) return { due: false, weekStart, enqueued: 0, unchanged: 0 };
  const teams = await deps.teams.list();
  const digests = await computeWeeklyDigests(deps.facts, { weekStart, now, teamIds: teams.map((t) => t.id), promises: deps.promises });
  let enqueued = 0;
  let unchanged = 0;
  for (const team of teams) {
    const digest = digests.get(team.id);
    if (!digest) continue;
    const channelId = await deps.teamChannel(team.id);
    const to: Recipient | undefined = channelId ? { kind: 'channel', channelId } : team.managerId ? { kind: 'person', personId: team.managerId } : undefined;
    if (!to) continue;
    const audience: Audience = to.kind === 'channel' ? { kind: 'channel', threshold: settings.threshold } : { kind: 'person' };
    const cards = deps.render(presentWeekly(digest, { audience, teamName: team.name }));
    if (to.kind === 'channel') assertChannelSafe(cards, { refs: digest.upcomingWithout.map((u) => u.childRef) });
    const posted = await postCards(deps.outbox, { to, key: `digest.weekly:${weekStart}:${team.id}:${recipientKey(to)}`, kind: 'digest.weekly', cards });
    enqueued += posted.enqueued;
    unchanged += posted.unchanged;
  }
  return { due: true, weekStart, enqueued, unchanged };
}
