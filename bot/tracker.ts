import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { trackerVerbs } from '../cards/tracker-actions';
import type { Clock } from '../core/clock';
import type { ParticipationFeature } from '../core/examples';
import { onCommand } from './command-router';
import { personalOnly } from './examples';
import { handleTrackerAction } from './tracker-handlers';

const actorOf = (context: TurnContext) => context.activity.from?.aadObjectId;

/**
 * "You said, we did": the `you said` and `my actions` commands and the tracker cards' Universal
 * Actions. Registered only when the composition root provides the feature.
 */
export function registerTracker(app: Application<TurnState>, services: { participation?: ParticipationFeature; clock: Clock }): void {
  const f = services.participation;
  if (!f) return;
  const reply = (verb: string) => async (context: TurnContext) => {
    if (!(await personalOnly(context))) return;
    const answer = await handleTrackerAction(actorOf(context), { verb }, f);
    await context.sendActivity(typeof answer === 'string' ? answer : { attachments: [CardFactory.adaptiveCard(answer)] });
  };
  onCommand(app, 'you said', reply('yousaid.new'));
  onCommand(app, 'my actions', reply('tracker.list'));

  app.adaptiveCards.actionExecute<Record<string, unknown>>([...trackerVerbs], async (context, _state, data) => {
    const verb = (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb;
    const answer = await handleTrackerAction(actorOf(context), { ...data, verb }, f);
    return typeof answer === 'string' ? answer : (answer as unknown as AdaptiveCard); // our cards are type 'AdaptiveCard', version 1.5
  });
}
