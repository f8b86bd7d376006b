import type { TableStores } from '../../adapters/tables/stores';
import { forumReminderCard, outcomeRequestCard } from '../../cards/forums-cards';
import type { WorkingCalendar } from '../../core/calendar';
import { randomId, type Clock, type NewId } from '../../core/clock';
import { DomainError } from '../../core/errors';
import type { ForumFeature } from '../../core/forums';
import { piiCheckWith, askForOutcomes, sendForumReminders } from '../../core/forums';
import { findPii } from '../../core/pii';
import type { AuditLog, ConversationStore, Outbox, PersonStore, TeamStore } from '../../core/ports';
import { forumTracker, type TrackerStore } from '../../core/tracker';
import { exportLinks } from '../../adapters/links/signed-links';
import { exportBaseUrl, forumPrintPath, linkSecrets } from '../export-links';
import { piiGuardOptions } from '../pii-settings';
import { promisesFrom, type PiiConfig } from './participation';

/** The app settings the forums read: the PII guard's, and those that sign the printable page's link. */
export type ForumConfig = PiiConfig & Parameters<typeof linkSecrets>[0] & Parameters<typeof exportBaseUrl>[0];

export interface ForumServiceInputs extends Pick<TableStores, 'forums' | 'forumOutcomes' | 'channelMappings'> {
  config: ForumConfig;
  people: Pick<PersonStore, 'get' | 'list'>;
  conversations?: Pick<ConversationStore, 'listChannels'>;
  teams?: Pick<TeamStore, 'list'>;
  audit: AuditLog;
  clock: Clock;
  calendar: WorkingCalendar;
  outbox: Outbox;
  /** The tracker's item store: forum outcomes raise "You said" items there. */
  trackerItems: TrackerStore;
  newId?: NewId;
}

/** The forum feature's services (core/forums/feature.ts), built on Table Storage. */
export type ForumServices = ForumFeature;

export function buildForumServices(s: ForumServiceInputs): ForumServices {
  const newId = s.newId ?? randomId;
  const items = s.trackerItems;
  const guard = piiGuardOptions(s.config, { clock: s.clock, promises: promisesFrom(s.config) });
  const links = exportLinks(linkSecrets(s.config), exportBaseUrl(s.config), s.clock);
  const tracker = forumTracker({ items, audit: s.audit, people: s.people, clock: s.clock, newId, pii: (t) => findPii(t, guard) }, async (id) => {
    const person = await s.people.get(id);
    if (!person) throw new DomainError('NOT_FOUND', 'The person recording this is not in the directory.');
    return person;
  });
  return {
    forums: s.forums,
    outcomes: s.forumOutcomes,
    mappings: s.channelMappings,
    tracker,
    outbox: s.outbox,
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
