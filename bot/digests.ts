import type { Application, TurnState } from '@microsoft/teams-ai';
import { CiccAuditSubmitSchema } from '../cards/digests-cicc';
import { AskAboutThisSchema } from '../cards/digests-cpb';
import type { DigestFeature } from '../core/digests';
import { actorIdOf, onCardAction, sendAnswer } from './card-action';
import { onCommand } from './command-router';

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
    // A channel or group chat is read by everyone in it: the evidence links (which name children) stay 1:1, and
    // a conversation that does not say it is 1:1 counts as shared (Teams always says).
    const answer = await f.report(actorIdOf(context), text, { shared: context.activity.conversation?.conversationType !== 'personal' });
    if (typeof answer === 'string') await context.sendActivity(answer);
    else for (const card of answer) await sendAnswer(context, card);
  });
  onCardAction(app, {
    verbs: ['cicc.audit'],
    schema: CiccAuditSubmitSchema,
    unreadable: 'That audit card could not be read.',
    actor: 'id',
    handle: (data, actorId) => f.audit(actorId, data),
  });
  onCardAction(app, {
    verbs: ['digest.ask'],
    schema: AskAboutThisSchema,
    unreadable: "I couldn't read that button. Please try again.",
    actor: 'id',
    handle: (data, actorId) => f.ask(actorId, data),
  });
}
