import type { Application, TurnState } from '@microsoft/teams-ai';
import { myMeetingsCard, myReviewsCard } from '../cards/voice-meetings';
import { DomainError } from '../core';
import { listMeetings, listReviews, type VoiceServices } from '../core/voice';
import { actorIdOf, sendAnswer, wordsFor } from './card-action';
import { onCommand } from './command-router';

/** "my meetings" and "team meetings" (next four weeks) and a chair's "my reviews" (six weeks), with voice status, in 1:1 only. */
export function registerMeetings(app: Application<TurnState>, voice: VoiceServices): void {
  for (const [command, scope] of [['my meetings', 'mine'], ['team meetings', 'team'], ['my reviews', 'chair']] as const) {
    onCommand(app, command, async (context) => {
      if (context.activity.conversation?.conversationType !== 'personal') {
        await context.sendActivity(`Case details stay out of shared chats: message me privately and type "${command}".`);
        return;
      }
      const actorId = actorIdOf(context);
      if (!actorId) return void (await context.sendActivity("I couldn't tell who you are."));
      try {
        const card = scope === 'chair' ? myReviewsCard(await listReviews({ actorId }, voice)) : myMeetingsCard(await listMeetings({ actorId, scope }, voice));
        await sendAnswer(context, card);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        await context.sendActivity(wordsFor(err));
      }
    });
  }
}
