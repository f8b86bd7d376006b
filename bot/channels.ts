import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { channelListCard } from '../cards/forums-cards';
import { USE_THIS_CHANNEL, listChannelMappings, useChannelFor } from '../core/channels';
import { DomainError } from '../core/errors';
import type { ForumFeature } from '../core/forums';
import { personOf, sendAnswer, wordsFor } from './card-action';
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
export function registerChannels(app: Application<TurnState>, services: { forums?: ForumFeature }): void {
  const f = services.forums;
  if (!f) return;
  app.message(USE_THIS_CHANNEL, async (context) => {
    const channel = channelOf(context);
    if (!channel) {
      await context.sendActivity('Say this in the team channel you want me to use: I can only post to channels the app is installed in.');
      return;
    }
    const said = USE_THIS_CHANNEL.exec(context.activity.text ?? '')?.[1] ?? '';
    const actor = await personOf(context, f.people);
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
      await sendAnswer(context, channelListCard({ mappings, notice, forumNames: await forumNames(f) }));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await context.sendActivity(wordsFor(err));
    }
  });
  onCommand(app, 'channels', async (context) => {
    const mappings = await listChannelMappings(f);
    await sendAnswer(context, channelListCard({ mappings, forumNames: await forumNames(f) }));
  });
}
