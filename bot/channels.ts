import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { channelListCard } from '../cards/forums-cards';
import { USE_THIS_CHANNEL, listChannelMappings, useChannelFor } from '../core/channels';
import type { Clock } from '../core/clock';
import { DomainError } from '../core/errors';
import type { ForumFeature } from '../core/forums';
import { onCommand } from './command-router';

interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

const channelOf = (context: TurnContext) => {
  const data = (context.activity.channelData ?? {}) as TeamsChannelData;
  if (context.activity.conversation?.conversationType !== 'channel' && !data.channel?.id) return undefined;
  const channelId = data.channel?.id ?? context.activity.conversation.id.split(';')[0];
  return channelId ? { channelId, channelName: data.channel?.name, teamId: data.team?.id } : undefined;
};

const forumNames = async (f: ForumFeature) => Object.fromEntries((await f.forums.list()).map((x) => [x.id, x.name]));

/** "use this channel for <audience>" (participation officers and admins, in a team channel) and `channels`. */
export function registerChannels(app: Application<TurnState>, services: { forumFeature?: ForumFeature; clock: Clock }): void {
  const f = services.forumFeature;
  if (!f) return;
  app.message(USE_THIS_CHANNEL, async (context) => {
    const channel = channelOf(context);
    if (!channel) {
      await context.sendActivity('Say this in the team channel you want me to use: I can only post to channels the app is installed in.');
      return;
    }
    const said = USE_THIS_CHANNEL.exec(context.activity.text ?? '')?.[1] ?? '';
    const actor = context.activity.from?.aadObjectId ? await f.people.get(context.activity.from.aadObjectId) : undefined;
    try {
      const { mapping, replaced } = await useChannelFor(
        {
          mappings: f.mappings,
          clock: f.clock,
          audit: f.audit,
          listForums: () => f.forums.list(),
          listTeams: async () => (await f.teams?.list()) ?? [],
        },
        { actor, audienceText: said, channel },
      );
      const notice =
        `Done: this channel is now the ${mapping.label} channel.` +
        (replaced ? ` It takes over from ${replaced.channelName ? `the "${replaced.channelName}" channel` : 'the channel used before'}.` : '');
      const mappings = await listChannelMappings(f);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(channelListCard({ mappings, notice, forumNames: await forumNames(f) }))] });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await context.sendActivity(err.message);
    }
  });
  onCommand(app, 'channels', async (context) => {
    const mappings = await listChannelMappings(f);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(channelListCard({ mappings, forumNames: await forumNames(f) }))] });
  });
}
