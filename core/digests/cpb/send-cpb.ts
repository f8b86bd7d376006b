import type { WorkingCalendar } from '../../calendar/working-days';
import type { Promise_ } from '../../model/promises';
import type { Outbox } from '../../ports';
import { assertChannelSafe } from '../text/channel-guard';
import { computeCpbBriefing, CPB_WORKING_DAYS_AHEAD, type CpbFacts } from './cpb';
import { presentCpb, type CpbBriefingView } from './cpb-view';
import { forumDigestsDue } from '../forum-due';
import type { TextGuard } from '../ports';
import { postCards } from '../post-cards';

export interface CpbBriefingDeps {
  facts: CpbFacts;
  calendar: WorkingCalendar;
  outbox: Outbox;
  promises: readonly Promise_[];
  guard: TextGuard;
  /** The CPB channel (core/channels audience 'cpb'), when mapped. */
  channelId: () => Promise<string | undefined>;
  render: (view: CpbBriefingView) => object[];
}

export interface CpbBriefingSettings {
  /** Working days before the board (default 5). */
  workingDaysAhead?: number;
  hour?: number;
  threshold?: number;
  forceOccurrenceId?: string;
}

/** Posts the board briefing to the CPB channel N working days before each board meeting (hourly-safe). */
export async function sendCpbBriefings(deps: CpbBriefingDeps, now: Date, settings: CpbBriefingSettings = {}) {
  const workingDaysAhead = settings.workingDaysAhead ?? CPB_WORKING_DAYS_AHEAD;
  const due = await forumDigestsDue(deps.facts.forums, 'CPB', now, {
    calendar: deps.calendar,
    workingDaysAhead,
    hour: settings.hour,
    forceOccurrenceId: settings.forceOccurrenceId,
  });
  const channelId = await deps.channelId();
  if (!channelId) return { occurrences: due.map((o) => o.id), enqueued: 0, reason: 'no CPB channel mapped' };
  let enqueued = 0;
  for (const occurrence of due) {
    const briefing = await computeCpbBriefing(deps.facts, { occurrence, now, promises: deps.promises, guard: deps.guard, calendar: deps.calendar, workingDaysAhead });
    const cards = deps.render(presentCpb(briefing, { threshold: settings.threshold }));
    assertChannelSafe(cards, { refs: await deps.facts.voice.childRefsBetween(new Date(briefing.previousSince), new Date(briefing.until)) });
    enqueued += (await postCards(deps.outbox, { to: { kind: 'channel', channelId }, key: `digest.cpb:${occurrence.id}`, kind: 'digest.cpb', cards })).enqueued;
  }
  return { occurrences: due.map((o) => o.id), enqueued };
}
