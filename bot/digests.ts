import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import type { DigestFeature } from '../core/digests';
import { onCommand } from './command-router';

const actorOf = (context: TurnContext) => context.activity.from?.aadObjectId;

/**
 * Digests in conversation: `report <period>` (the senior managers' report on demand), the CICC
 * audit card's "Save our check", and "Ask about this" on the board briefing and the report.
 * Registered only when the composition root provides the feature.
 */
export function registerDigests(app: Application<TurnState>, services: { digests?: DigestFeature }): void {
  const f = services.digests;
  if (!f) return;
  onCommand(app, 'report', async (context) => {
    const text = (context.activity.text ?? '').replace(/^\s*report\b/i, '').trim();
    const answer = await f.report(actorOf(context), text);
    if (typeof answer === 'string') await context.sendActivity(answer);
    else for (const card of answer) await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  });
  app.adaptiveCards.actionExecute<Record<string, unknown>>('cicc.audit', async (context, _state, data) => {
    return (await f.audit(actorOf(context), { ...data, verb: 'cicc.audit' })) as unknown as AdaptiveCard;
  });
  app.adaptiveCards.actionExecute<Record<string, unknown>>('digest.ask', async (context, _state, data) => f.ask(actorOf(context), { ...data, verb: 'digest.ask' }));
}
