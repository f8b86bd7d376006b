import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import type { ParticipationFeature } from '../core/examples';
import { answerCardAction, onCardAction, sendAnswer } from './card-action';
import { onCommand } from './command-router';
import { exampleAction, plainText } from './examples-handlers';

/** Examples and actions may hold details about children: they are written and shown only in the 1:1 chat. */
export const personalOnly = async (context: TurnContext): Promise<boolean> => {
  // A conversation that does not say it is 1:1 counts as shared (Teams always says; the Playground too).
  if (context.activity.conversation?.conversationType === 'personal') return true;
  await context.sendActivity("Let's do that in our 1:1 chat, so nothing about a child is posted here: open a chat with me and type it there.");
  return false;
};

/**
 * Participation examples: the `example` command (and the welcome card's button), the cards'
 * Universal Actions, and the "Share as a participation example" message action, whose dialog runs
 * the same form with Action.Submit. Registered only when the composition root provides the feature.
 */
export function registerExamples(app: Application<TurnState>, services: { examples?: ParticipationFeature }): void {
  const f = services.examples;
  if (!f) return;

  onCommand(app, 'example', async (context) => {
    if (!(await personalOnly(context))) return;
    await sendAnswer(context, await answerCardAction(exampleAction(f), context, { verb: 'example.new' }));
  });

  onCardAction(app, exampleAction(f));

  const inDialog = exampleAction(f, true);
  app.messageExtensions.fetchTask('shareExample', async (context) => {
    const payload = (context.activity.value as { messagePayload?: { body?: { content?: string } } } | undefined)?.messagePayload;
    const text = plainText(payload?.body?.content ?? '').slice(0, 2000);
    const answer = await answerCardAction(inDialog, context, { verb: 'example.new', text });
    if (typeof answer === 'string') return answer;
    return { title: 'Share as a participation example', card: CardFactory.adaptiveCard(answer), width: 'large', height: 'large' };
  });

  app.messageExtensions.submitAction<Record<string, unknown>>('shareExample', async (context, _state, data) => {
    const answer = await answerCardAction(inDialog, context, data);
    if (typeof answer === 'string') return answer;
    const saved = (answer.body as { text?: string }[] | undefined)?.[0]?.text ?? '';
    // Saved: close the dialog with a sentence; anything else (problems, what the guard found) continues it.
    if (/^Example saved|^Example withdrawn/.test(saved)) return `${saved}. Type **example** in my chat to share another.`;
    return { title: 'Share as a participation example', card: CardFactory.adaptiveCard(answer), width: 'large', height: 'large' };
  });
}
