import type { TableStores } from '../../adapters/tables/stores';
import type { TableExampleStore } from '../../adapters/tables/example-store';
import type { TableTrackerStore } from '../../adapters/tables/tracker-store';
import { trackerReminderCard } from '../../cards/tracker-cards';
import type { WorkingCalendar } from '../../core/calendar';
import { randomId, type Clock, type NewId } from '../../core/clock';
import type { ParticipationFeature } from '../../core/examples';
import { defaultPromises, PromiseSetSchema, type PromiseSet } from '../../core/model';
import { findPii } from '../../core/pii';
import type { AuditLog, Outbox, PersonStore, TeamStore } from '../../core/ports';
import { sendTrackerReminders, stageLabel, stageOf, type TrackerItem } from '../../core/tracker';
import type { Config } from '../config';
import { jsonSetting } from '../json-setting';
import { piiGuardOptions } from '../pii-settings';

/** The app settings the PII guard and the promises come from (the council's words, formats and gazetteer). */
export type PiiConfig = Pick<Config, 'PROMISES_JSON' | 'PII_CASE_REF_PATTERNS' | 'PII_GAZETTEER' | 'COUNCIL_NAME'>;

/** The council's promises: PROMISES_JSON when set (named problems if it is wrong), else the default five. */
export function promisesFrom(config: Pick<Config, 'PROMISES_JSON'>): PromiseSet {
  if (!config.PROMISES_JSON) return defaultPromises;
  return jsonSetting('PROMISES_JSON', config.PROMISES_JSON, PromiseSetSchema, 'an array of { id, title, wording }');
}

export interface ParticipationInputs extends Pick<TableStores, 'examples' | 'trackerItems' | 'forums'> {
  config: PiiConfig;
  people: Pick<PersonStore, 'get' | 'listByTeam'>;
  teams?: Pick<TeamStore, 'get'>;
  audit: AuditLog;
  clock: Clock;
  newId?: NewId;
}

export type ParticipationServices = ParticipationFeature & { examples: TableExampleStore; items: TableTrackerStore };

/** Examples and "You said, we did" on their stores, with the PII guard told the council's own words. */
export function buildParticipation(s: ParticipationInputs): ParticipationServices {
  const promises = promisesFrom(s.config);
  const guard = piiGuardOptions(s.config, { clock: s.clock, promises });
  const { forums } = s;
  return {
    examples: s.examples,
    items: s.trackerItems,
    audit: s.audit,
    people: s.people,
    teams: s.teams,
    clock: s.clock,
    newId: s.newId ?? randomId,
    promises,
    pii: (text) => findPii(text, guard),
    forums: async () => (await forums.list()).map((x) => ({ id: x.id, name: x.name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** One run of the reminders timer: reminders before the due date, nudges after it, each sent once. */
export function runTrackerReminders(
  f: ParticipationFeature,
  o: { outbox: Outbox; calendar: WorkingCalendar },
): Promise<{ reminded: number; nudged: number }> {
  return sendTrackerReminders({
    items: f.items,
    audit: f.audit,
    clock: f.clock,
    calendar: o.calendar,
    outbox: o.outbox,
    message: (item: TrackerItem, kind, today) => ({
      card: trackerReminderCard({
        kind,
        item: { id: item.id, youSaid: item.youSaid, saidBy: item.saidBy, due: item.dueDate, stage: stageLabel[stageOf(item, today)], owner: 'you' },
      }),
    }),
  });
}
