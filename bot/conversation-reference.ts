import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationRecord } from '../core';

interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

/**
 * Where proactive messages for this conversation are filed: `person:<aadObjectId>` for a 1:1 chat,
 * `channel:<channelId>` for a team channel, `group:<conversationId>` for a group chat.
 */
export function conversationKeyOf(activity: Partial<Activity>): string | undefined {
  const type = activity.conversation?.conversationType;
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  if (type === 'channel' || data.channel?.id) {
    const channelId = data.channel?.id ?? activity.conversation?.id?.split(';')[0];
    return channelId ? `channel:${channelId}` : undefined;
  }
  if (type === 'groupChat' || activity.conversation?.isGroup) {
    return activity.conversation?.id ? `group:${activity.conversation.id}` : undefined;
  }
  const personId = activity.from?.aadObjectId ?? activity.from?.id;
  return personId ? `person:${personId}` : undefined;
}

/** The stored form of this conversation: a reference a later proactive send can continue. */
export function conversationRecordOf(activity: Activity, now: Date): ConversationRecord | undefined {
  const key = conversationKeyOf(activity);
  if (!key) return undefined;
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const reference = TurnContext.getConversationReference(activity);
  const kind = key.slice(0, key.indexOf(':'));
  if (kind === 'channel' && reference.conversation) {
    // Post to the channel itself, not into the thread this activity arrived in.
    reference.conversation = { ...reference.conversation, id: key.slice('channel:'.length) };
  }
  delete reference.activityId; // a proactive message starts fresh; it is not a reply
  return {
    key,
    conversationType: kind === 'channel' ? 'channel' : kind === 'group' ? 'groupChat' : 'personal',
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    ...(data.team?.id ? { teamId: data.team.id } : {}),
    ...(data.channel?.name ? { channelName: data.channel.name } : {}),
    updatedAt: now.toISOString(),
  };
}
