import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { exampleVerbs } from '../cards/examples-actions';
import type { Clock } from '../core/clock';
import type { ParticipationFeature } from '../core/examples';
import { onCommand } from './command-router';
import { handleExampleAction, plainText } from './examples-handlers';

const actorOf = (context: TurnContext) => context.activity.from?.aadObjectId;

/** Examples and actions may hold details about children: they are written and shown only in the 1:1 chat. */
export const personalOnly = async (context: TurnContext): Promise<boolean> => {
  const type = context.activity.conversation?.conversationType;
  if (type === undefined || type === 'personal') return true;
  await context.sendActivity("Let's do that in our 1:1 chat, so nothing about a child is posted here: open a chat with me and type it there.");
  return false;
};

/**
 * Participation examples: the `example` command (and the welcome card's button), the cards'
 * Universal Actions, and the "Share as a participation example" message action, whose dialog runs
 * the same form with Action.Submit. Registered only when the composition root provides the feature.
 */
export function registerExamples(app: Application<TurnState>, services: { participation?: ParticipationFeature; clock: Clock }): void {
  const f = services.participation;
  if (!f) return;

  onCommand(app, 'example', async (context) => {
    if (!(await personalOnly(context))) return;
    const answer = await handleExampleAction(actorOf(context), { verb: 'example.new' }, f);
    await context.sendActivity(typeof answer === 'string' ? answer : { attachments: [CardFactory.adaptiveCard(answer)] });
  });

  app.adaptiveCards.actionExecute<Record<string, unknown>>([...exampleVerbs], async (context, _state, data) => {
    const verb = (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb;
    const answer = await handleExampleAction(actorOf(context), { ...data, verb }, f);
    return typeof answer === 'string' ? answer : (answer as unknown as AdaptiveCard); // our cards are type 'AdaptiveCard', version 1.5
  });

  app.messageExtensions.fetchTask('shareExample', async (context) => {
    const payload = (context.activity.value as { messagePayload?: { body?: { content?: string } } } | undefined)?.messagePayload;
    const text = plainText(payload?.body?.content ?? '').slice(0, 2000);
    const answer = await handleExampleAction(actorOf(context), { verb: 'example.new', text }, f, true);
    if (typeof answer === 'string') return answer;
    return { title: 'Share as a participation example', card: CardFactory.adaptiveCard(answer), width: 'large', height: 'large' };
  });

  app.messageExtensions.submitAction<Record<string, unknown>>('shareExample', async (context, _state, data) => {
    const answer = await handleExampleAction(actorOf(context), data, f, true);
    if (typeof answer === 'string') return answer;
    const saved = (answer.body as { text?: string }[] | undefined)?.[0]?.text ?? '';
    // Saved: close the dialog with a sentence; anything else (problems, what the guard found) continues it.
    if (/^Example saved|^Example withdrawn/.test(saved)) return `${saved}. Type **example** in my chat to share another.`;
    return { title: 'Share as a participation example', card: CardFactory.adaptiveCard(answer), width: 'large', height: 'large' };
  });
}
