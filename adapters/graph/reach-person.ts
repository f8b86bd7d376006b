import { systemClock, type Clock } from '../../core/clock';
import type { Directory } from '../../core/directory';
import type { ConversationRecord } from '../../core/model';
import type { ConversationStore } from '../../core/ports';

// Teams' public proactive endpoint, for a chat the bot has never heard from; the first activity from
// Teams then stores the chat's own service URL over it.
export const TEAMS_GLOBAL_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

export interface ReachPersonOptions {
  directory: Pick<Directory, 'installAppForUser'>;
  conversations: Pick<ConversationStore, 'get' | 'save'>;
  /** The app's id in the organisation's catalogue (TEAMS_APP_CATALOG_ID). */
  teamsAppId: string;
  /** The bot's app id (MicrosoftAppId) and tenant. */
  botId: string;
  tenantId: string;
  serviceUrl?: string;
  clock?: Clock;
}

/**
 * The 1:1 conversation with a person: the stored one if the bot has one, otherwise the app is installed
 * for them (Graph proactive installation; already installed is fine) and the chat Graph names is stored.
 * Throws DomainError FORBIDDEN or NOT_FOUND when the tenant will not allow it: the caller records the
 * message as undeliverable.
 */
export async function conversationForPerson(o: ReachPersonOptions, personId: string): Promise<ConversationRecord> {
  const key = `person:${personId}`;
  const stored = await o.conversations.get(key);
  if (stored) return stored;
  const installed = await o.directory.installAppForUser(personId, o.teamsAppId);
  const record: ConversationRecord = {
    key,
    conversationType: 'personal',
    reference: {
      channelId: 'msteams',
      serviceUrl: o.serviceUrl ?? TEAMS_GLOBAL_SERVICE_URL,
      bot: { id: `28:${o.botId}` },
      user: { aadObjectId: personId },
      conversation: { id: installed.chatId, conversationType: 'personal', tenantId: o.tenantId },
    },
    updatedAt: (o.clock ?? systemClock).now().toISOString(),
  };
  await o.conversations.save(record);
  return record;
}
