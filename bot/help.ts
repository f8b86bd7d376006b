import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory } from 'botbuilder';
import helpTemplate from '../cards/help.json';
import { renderCard, type Card } from '../cards/render';
import { onCommand } from './command-router';
import { commands } from './commands';

/** The help card: every command with what it does, in plain English. */
export function helpCard(where: 'personal' | 'channel' | 'groupChat'): Card {
  return renderCard(helpTemplate, {
    heading: 'What I can do',
    intro:
      where === 'personal'
        ? 'Type one of these commands, or press a button on one of my cards:'
        : 'Mention me, then type one of these commands (for example "@Golden Thread help"):',
    commands: commands.map((c) => ({ name: c.name, description: c.description })),
    footer: "I never post anything about a particular child in a channel. Case reminders come to you in a private chat.",
    // Buttons only in 1:1 chat: sharing an example and listing meetings are personal work.
    actions:
      where === 'personal'
        ? [
            { title: 'Share a participation example', verb: 'example' },
            { title: 'My meetings', verb: 'my meetings' },
          ]
        : [],
  });
}

export function registerHelp(app: Application<TurnState>): void {
  onCommand(app, 'help', async (context) => {
    const type = context.activity.conversation?.conversationType;
    const where = type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(helpCard(where))] });
  });
}
