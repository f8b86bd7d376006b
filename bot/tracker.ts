import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { ParticipationFeature } from '../core/examples';
import { answerCardAction, onCardAction, sendAnswer } from './card-action';
import { onCommand } from './command-router';
import { personalOnly } from './examples';
import { trackerAction } from './tracker-handlers';

/**
 * "You said, we did": the `you said` and `my actions` commands and the tracker cards' Universal
 * Actions. Registered only when the composition root provides the feature.
 */
export function registerTracker(app: Application<TurnState>, services: { tracker?: ParticipationFeature }): void {
  const f = services.tracker;
  if (!f) return;
  const reply = (verb: string) => async (context: TurnContext) => {
    if (!(await personalOnly(context))) return;
    await sendAnswer(context, await answerCardAction(trackerAction(f), context, { verb }));
  };
  onCommand(app, 'you said', reply('yousaid.new'));
  onCommand(app, 'my actions', reply('tracker.list'));
  onCardAction(app, trackerAction(f));
}
