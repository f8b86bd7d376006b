import { tablesConfigOf } from './storage-config';
import { TableChannelMappingStore } from '../adapters/tables/channel-mapping-store';
import { tableClient, type TablesConfig } from '../adapters/tables/client';
import { lazyClient } from '../adapters/tables/entity';
import { TableForumOutcomeStore, TableForumStore } from '../adapters/tables/forum-stores';
import { TableOutboxStore } from '../adapters/tables/outbox-store';
import { TableTrackerStore } from '../adapters/tables/tracker-store';
import { forumReminderCard, outcomeRequestCard } from '../cards/forums-cards';
import type { WorkingCalendar } from '../core/calendar';
import { randomId, type Clock, type NewId } from '../core/clock';
import { DomainError } from '../core/errors';
import type { ForumFeature } from '../core/forums';
import { piiCheckWith, askForOutcomes, sendForumReminders } from '../core/forums';
import { findPii } from '../core/pii';
import type { AuditLog, ConversationStore, Outbox, PersonStore, TeamStore } from '../core/ports';
import { forumTracker, type TrackerStore } from '../core/tracker';
import type { Config } from './config';
import { exportLinks } from '../adapters/links/signed-links';
import { exportBaseUrl, forumPrintPath, linkSecrets } from './export-links';
import { piiGuardOptions } from './pii-settings';
import { promisesFrom } from './tracker-services';
import { TABLES } from '../adapters/tables/names';

/** Table names (before the environment prefix). */

export interface ForumServiceInputs {
  config: Config;
  people: Pick<PersonStore, 'get' | 'list'>;
  conversations?: Pick<ConversationStore, 'listChannels'>;
  teams?: Pick<TeamStore, 'list'>;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
  /** The app's outbox, when the composition root has one; otherwise the Table outbox. */
  outbox?: Outbox;
  /** The tracker's item store: forum outcomes raise "You said" items there (default: its Table store). */
  trackerItems?: TrackerStore;
  newId?: NewId;
}

/** The forum feature's services (core/forums/feature.ts), built on Table Storage. */
export type ForumServices = ForumFeature;

export function buildForumServices(s: ForumServiceInputs): ForumServices {
  const tables: TablesConfig = tablesConfigOf(s.config);
  const client = (name: string) => lazyClient(() => tableClient(tables, name));
  const newId = s.newId ?? randomId;
  const items = s.trackerItems ?? new TableTrackerStore(client(TABLES.trackerItems));
  const guard = piiGuardOptions(s.config, { clock: s.clock, promises: promisesFrom(s.config) });
  const links = exportLinks(linkSecrets(s.config), exportBaseUrl(s.config), s.clock);
  const tracker = forumTracker({ items, audit: s.audit, people: s.people, clock: s.clock, newId, pii: (t) => findPii(t, guard) }, async (id) => {
    const person = await s.people.get(id);
    if (!person) throw new DomainError('NOT_FOUND', 'The person recording this is not in the directory.');
    return person;
  });
  return {
    forums: new TableForumStore(client(TABLES.forums)),
    outcomes: new TableForumOutcomeStore(client(TABLES.forumOutcomes)),
    mappings: new TableChannelMappingStore(client(TABLES.channelMappings)),
    tracker,
    outbox: s.outbox ?? new TableOutboxStore(tables, s.clock),
    people: s.people,
    conversations: s.conversations,
    ...(s.teams ? { teams: s.teams } : {}),
    audit: s.audit,
    clock: s.clock,
    calendar: s.calendar,
    piiCheck: piiCheckWith(guard),
    newId,
    printableLink: (forumId, originalDate) => links.sign(forumPrintPath(forumId, originalDate)),
  };
}

/** One run of the forum timer: due reminders, then the next-working-day requests for outcomes. */
export async function runForumTimer(f: ForumServices): Promise<{ reminders: number; alreadySent: number; outcomeRequests: number }> {
  const reminders = await sendForumReminders({ ...f, mappings: () => f.mappings.list(), renderReminder: forumReminderCard });
  const asked = await askForOutcomes({ ...f, renderRequest: outcomeRequestCard });
  return { reminders: reminders.enqueued, alreadySent: reminders.alreadySent, outcomeRequests: asked.enqueued };
}
