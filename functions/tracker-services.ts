import type { TablesConfig } from '../adapters/tables/client';
import { tablesConfigOf } from './storage-config';
import { TableExampleStore } from '../adapters/tables/example-store';
import { TableForumStore } from '../adapters/tables/forum-stores';
import { tableClient } from '../adapters/tables/client';
import { lazyClient } from '../adapters/tables/entity';
import { TableTrackerStore } from '../adapters/tables/tracker-store';
import { trackerReminderCard } from '../cards/tracker-cards';
import type { WorkingCalendar } from '../core/calendar';
import { randomId, type Clock, type NewId } from '../core/clock';
import type { ParticipationFeature } from '../core/examples';
import { defaultPromises, PromiseSetSchema, type PromiseSet } from '../core/model';
import { findPii } from '../core/pii';
import type { AuditLog, Outbox, PersonStore, TeamStore } from '../core/ports';
import { sendTrackerReminders, stageLabel, stageOf, type TrackerItem } from '../core/tracker';
import type { Config } from './config';
import { jsonSetting } from './json-setting';
import { piiGuardOptions } from './pii-settings';
import { TABLES } from '../adapters/tables/names';

/** Table names (before the environment prefix). */

/** The council's promises: PROMISES_JSON when set (named problems if it is wrong), else the default five. */
export function promisesFrom(config: Pick<Config, 'PROMISES_JSON'>): PromiseSet {
  if (!config.PROMISES_JSON) return defaultPromises;
  return jsonSetting('PROMISES_JSON', config.PROMISES_JSON, PromiseSetSchema, 'an array of { id, title, wording }');
}

export interface ParticipationInputs {
  config: Config;
  people: Pick<PersonStore, 'get' | 'listByTeam'>;
  teams?: Pick<TeamStore, 'get'>;
  audit: AuditLog;
  clock: Clock;
  newId?: NewId;
}

export type ParticipationServices = ParticipationFeature & { examples: TableExampleStore; items: TableTrackerStore };

/** Examples and "You said, we did" on Table Storage, with the PII guard told the council's own words. */
export function buildParticipation(s: ParticipationInputs): ParticipationServices {
  const tables: TablesConfig = tablesConfigOf(s.config);
  const client = (name: string) => lazyClient(() => tableClient(tables, name));
  const promises = promisesFrom(s.config);
  const guard = piiGuardOptions(s.config, { clock: s.clock, promises });
  const forums = new TableForumStore(client(TABLES.forums));
  return {
    examples: new TableExampleStore(client(TABLES.examples)),
    items: new TableTrackerStore(client(TABLES.trackerItems)),
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
